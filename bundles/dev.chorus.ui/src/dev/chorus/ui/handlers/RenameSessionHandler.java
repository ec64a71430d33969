package dev.chorus.ui.handlers;

import org.eclipse.core.commands.AbstractHandler;
import org.eclipse.core.commands.ExecutionEvent;
import org.eclipse.core.commands.ExecutionException;
import org.eclipse.jface.dialogs.IInputValidator;
import org.eclipse.jface.dialogs.InputDialog;
import org.eclipse.jface.window.Window;
import org.eclipse.ui.handlers.HandlerUtil;

import dev.chorus.core.ChorusCore;
import dev.chorus.core.sessions.SessionInfo;

/** Renames the targeted session; its open chat, the Sessions view and the tab follow. */
public class RenameSessionHandler extends AbstractHandler {

	@Override
	public Object execute(ExecutionEvent event) throws ExecutionException {
		SessionInfo session = Targets.session(event).orElse(null);
		if (session == null) {
			return null;
		}
		IInputValidator validator = text -> text == null || text.isBlank() ? Messages.RenameSession_Empty
				: text.strip().length() > 200 ? Messages.RenameSession_TooLong : null;
		InputDialog dialog = new InputDialog(HandlerUtil.getActiveShellChecked(event), Messages.RenameSession_Title,
				Messages.RenameSession_Message, session.title(), validator);
		if (dialog.open() == Window.OK) {
			String title = dialog.getValue().strip();
			ChorusCore.getDefault().runs().findBySession(session.id()).ifPresentOrElse(run -> run.rename(title),
					() -> ChorusCore.getDefault().sessions().rename(session.id(), title));
		}
		return null;
	}
}
