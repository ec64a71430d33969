package dev.chorus.ui.handlers;

import org.eclipse.core.commands.AbstractHandler;
import org.eclipse.core.commands.ExecutionEvent;
import org.eclipse.core.commands.ExecutionException;
import org.eclipse.jface.dialogs.MessageDialog;
import org.eclipse.osgi.util.NLS;
import org.eclipse.ui.IWorkbenchPage;
import org.eclipse.ui.handlers.HandlerUtil;

import dev.chorus.core.ChorusCore;
import dev.chorus.core.sessions.SessionInfo;
import dev.chorus.ui.chat.Chats;

/** Deletes the targeted session after asking; closes its chat first if it is open. */
public class DeleteSessionHandler extends AbstractHandler {

	@Override
	public Object execute(ExecutionEvent event) throws ExecutionException {
		SessionInfo session = Targets.session(event).orElse(null);
		if (session == null) {
			return null;
		}
		String message = NLS.bind(Messages.DeleteSession_Message, session.title(), session.messageCount());
		if (!MessageDialog.openQuestion(HandlerUtil.getActiveShellChecked(event), Messages.DeleteSession_Title, message)) {
			return null;
		}
		IWorkbenchPage page = HandlerUtil.getActiveWorkbenchWindowChecked(event).getActivePage();
		ChorusCore.getDefault().runs().findBySession(session.id()).ifPresent(run -> {
			Chats.findEditor(page, run).ifPresent(editor -> page.closeEditor(editor, false));
			run.close();
		});
		ChorusCore.getDefault().sessions().delete(session.id());
		if (session.backendSessionId() != null) {
			// The agent's own copy goes too, where it keeps one and offers to delete it.
			org.eclipse.core.runtime.jobs.Job job = org.eclipse.core.runtime.jobs.Job.create(Messages.DeleteSession_OnAgent, monitor -> {
				try {
					dev.chorus.core.runs.AgentSessions.deleteOnAgent(ChorusCore.getDefault().runs(), session, monitor);
				} catch (dev.chorus.core.backend.BackendException e) {
					return new org.eclipse.core.runtime.Status(org.eclipse.core.runtime.IStatus.WARNING, dev.chorus.ui.ChorusUI.PLUGIN_ID,
							NLS.bind(Messages.DeleteSession_OnAgentFailed, e.getMessage()));
				}
				return org.eclipse.core.runtime.Status.OK_STATUS;
			});
			job.setSystem(true);
			job.schedule();
		}
		return null;
	}
}
