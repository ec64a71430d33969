package dev.chorus.ui.handlers;

import java.util.Optional;

import org.eclipse.core.commands.ExecutionEvent;
import org.eclipse.jface.viewers.IStructuredSelection;
import org.eclipse.ui.IEditorPart;
import org.eclipse.ui.IWorkbenchPart;
import org.eclipse.ui.handlers.HandlerUtil;

import dev.chorus.core.ChorusCore;
import dev.chorus.core.runs.Run;
import dev.chorus.core.sessions.SessionInfo;
import dev.chorus.ui.chat.ChatEditor;

/** What a command acts on: the session selected in the Sessions view, or the active chat's. */
final class Targets {

	private Targets() {
	}

	static Optional<Run> activeRun(ExecutionEvent event) {
		IEditorPart editor = HandlerUtil.getActiveEditor(event);
		return editor instanceof ChatEditor chat ? Optional.of(chat.getRun()) : Optional.empty();
	}

	static Optional<SessionInfo> session(ExecutionEvent event) {
		IWorkbenchPart part = HandlerUtil.getActivePart(event);
		if (!(part instanceof ChatEditor) && HandlerUtil.getCurrentSelection(event) instanceof IStructuredSelection selection
				&& selection.getFirstElement() instanceof SessionInfo info) {
			return ChorusCore.getDefault().sessions().get(info.id());
		}
		return activeRun(event).map(Run::getSessionId).flatMap(id -> ChorusCore.getDefault().sessions().get(id));
	}
}
