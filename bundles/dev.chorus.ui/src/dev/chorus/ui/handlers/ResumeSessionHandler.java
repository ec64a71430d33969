package dev.chorus.ui.handlers;

import org.eclipse.core.commands.AbstractHandler;
import org.eclipse.core.commands.ExecutionEvent;
import org.eclipse.core.commands.ExecutionException;
import org.eclipse.jface.viewers.IStructuredSelection;
import org.eclipse.ui.PartInitException;
import org.eclipse.ui.handlers.HandlerUtil;

import dev.chorus.core.sessions.SessionInfo;
import dev.chorus.ui.chat.Chats;

/** Shows the selected session in its chat, resuming it when no run has it open. */
public class ResumeSessionHandler extends AbstractHandler {

	public static final String COMMAND_ID = "dev.chorus.ui.commands.resumeSession"; //$NON-NLS-1$

	@Override
	public Object execute(ExecutionEvent event) throws ExecutionException {
		if (HandlerUtil.getCurrentSelectionChecked(event) instanceof IStructuredSelection selection
				&& selection.getFirstElement() instanceof SessionInfo session) {
			try {
				return Chats.resume(HandlerUtil.getActiveWorkbenchWindowChecked(event).getActivePage(), session.id());
			} catch (PartInitException e) {
				throw new ExecutionException(e.getMessage(), e);
			}
		}
		return null;
	}
}
