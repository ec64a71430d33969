package dev.chorus.ui.handlers;

import org.eclipse.core.commands.AbstractHandler;
import org.eclipse.core.commands.ExecutionEvent;
import org.eclipse.core.commands.ExecutionException;
import org.eclipse.jface.dialogs.MessageDialog;
import org.eclipse.ui.handlers.HandlerUtil;

import dev.chorus.core.runs.Run;

/**
 * Empties the active chat and forgets the backend's conversation, so the next message starts a new
 * one. Asks first: the messages are gone afterwards.
 */
public class ClearChatHandler extends AbstractHandler {

	@Override
	public Object execute(ExecutionEvent event) throws ExecutionException {
		Run run = Targets.activeRun(event).orElse(null);
		if (run == null || run.isGenerating()) {
			return null;
		}
		if (MessageDialog.openConfirm(HandlerUtil.getActiveShellChecked(event), Messages.ClearChat_Title,
				Messages.ClearChat_Message)) {
			run.clear();
		}
		return null;
	}
}
