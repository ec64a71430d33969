package dev.chorus.ui.handlers;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

import org.eclipse.core.commands.AbstractHandler;
import org.eclipse.core.commands.ExecutionEvent;
import org.eclipse.core.commands.ExecutionException;
import org.eclipse.core.runtime.IProgressMonitor;
import org.eclipse.core.runtime.IStatus;
import org.eclipse.core.runtime.Status;
import org.eclipse.core.runtime.jobs.Job;
import org.eclipse.jface.dialogs.MessageDialog;
import org.eclipse.jface.viewers.ArrayContentProvider;
import org.eclipse.jface.viewers.LabelProvider;
import org.eclipse.osgi.util.NLS;
import org.eclipse.swt.widgets.Display;
import org.eclipse.swt.widgets.Shell;
import org.eclipse.ui.dialogs.ListSelectionDialog;
import org.eclipse.ui.handlers.HandlerUtil;

import dev.chorus.core.ChorusCore;
import dev.chorus.core.agents.AgentProfile;
import dev.chorus.core.backend.BackendException;
import dev.chorus.core.backend.RemoteSession;
import dev.chorus.core.runs.AgentSessions;
import dev.chorus.ui.ChorusUI;
import dev.chorus.ui.agents.ActiveAgent;

/**
 * Import Sessions from Agent: the active agent's own conversations for its folder (ACP
 * {@code session/list}) are listed in a job, the user picks, and the chosen ones come into the
 * Sessions view; resuming one has the agent replay its history into the chat.
 */
public class ImportAgentSessionsHandler extends AbstractHandler {

	@Override
	public Object execute(ExecutionEvent event) throws ExecutionException {
		Shell shell = HandlerUtil.getActiveShellChecked(event);
		String agentId = ActiveAgent.get().getId();
		String name = ChorusCore.getDefault().agents().get(agentId).map(AgentProfile::displayName).orElse(agentId);
		Job job = Job.create(NLS.bind(Messages.ImportSessions_Listing, name), (IProgressMonitor monitor) -> {
			try {
				List<RemoteSession> sessions = AgentSessions.list(ChorusCore.getDefault().runs(), agentId, monitor);
				Display.getDefault().asyncExec(() -> choose(shell, agentId, name, sessions));
			} catch (BackendException e) {
				Display.getDefault().asyncExec(() -> MessageDialog.openInformation(shell, Messages.ImportSessions_Title,
						e.getMessage() + (e.toProblem().hint() == null ? "" : "\n\n" + e.toProblem().hint()))); //$NON-NLS-1$ //$NON-NLS-2$
			}
			return Status.OK_STATUS;
		});
		job.setUser(true);
		job.schedule();
		return null;
	}

	private static void choose(Shell shell, String agentId, String name, List<RemoteSession> sessions) {
		if (shell.isDisposed()) {
			return;
		}
		if (sessions.isEmpty()) {
			MessageDialog.openInformation(shell, Messages.ImportSessions_Title, NLS.bind(Messages.ImportSessions_None, name));
			return;
		}
		ListSelectionDialog dialog = ListSelectionDialog.of(sessions).contentProvider(ArrayContentProvider.getInstance())
				.labelProvider(new LabelProvider() {
					@Override
					public String getText(Object element) {
						RemoteSession session = (RemoteSession) element;
						String title = session.title() == null ? session.id() : session.title();
						return session.updatedAt() == null ? title : title + "   (" + session.updatedAt() + ')'; //$NON-NLS-1$
					}
				}).message(NLS.bind(Messages.ImportSessions_Choose, name)).title(Messages.ImportSessions_Title).create(shell);
		dialog.setInitialSelections(sessions.toArray());
		if (dialog.open() != ListSelectionDialog.OK) {
			return;
		}
		int imported = 0;
		List<String> failed = new ArrayList<>();
		for (Object chosen : dialog.getResult()) {
			try {
				if (AgentSessions.importSession(ChorusCore.getDefault().runs(), agentId, (RemoteSession) chosen).isPresent()) {
					imported++;
				}
			} catch (IOException e) {
				failed.add(e.getMessage());
				org.eclipse.core.runtime.ILog.of(ImportAgentSessionsHandler.class).log(new Status(IStatus.ERROR, ChorusUI.PLUGIN_ID, e.getMessage(), e));
			}
		}
		String report = NLS.bind(Messages.ImportSessions_Done, imported, dialog.getResult().length - imported - failed.size());
		MessageDialog.openInformation(shell, Messages.ImportSessions_Title,
				failed.isEmpty() ? report : report + '\n' + String.join("\n", failed)); //$NON-NLS-1$
	}
}
