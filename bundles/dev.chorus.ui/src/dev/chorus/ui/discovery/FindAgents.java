package dev.chorus.ui.discovery;

import java.lang.reflect.InvocationTargetException;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;

import org.eclipse.core.runtime.ILog;
import org.eclipse.core.runtime.IStatus;
import org.eclipse.core.runtime.Status;
import org.eclipse.jface.dialogs.MessageDialog;
import org.eclipse.jface.dialogs.ProgressMonitorDialog;
import org.eclipse.jface.window.Window;
import org.eclipse.osgi.util.NLS;
import org.eclipse.swt.widgets.Shell;
import org.eclipse.ui.statushandlers.StatusManager;

import dev.chorus.core.ChorusCore;
import dev.chorus.core.agents.AgentException;
import dev.chorus.core.agents.AgentProfile;
import dev.chorus.discovery.AgentFinder;
import dev.chorus.discovery.AgentOffers;
import dev.chorus.ui.ChorusUI;
import dev.chorus.ui.agents.ActiveAgent;

/**
 * Find Agents: looks for installed agents (a second or two, with a progress dialog that can be
 * cancelled), then offers what it found; the user's yes adds them.
 */
public final class FindAgents {

	private FindAgents() {
	}

	/** Searches with the default options and offers what was found; says so when nothing was. */
	public static void run(Shell shell) {
		run(shell, new AgentFinder(AgentFinder.Options.defaults()));
	}

	public static void run(Shell shell, AgentFinder finder) {
		AtomicReference<AgentFinder.Result> result = new AtomicReference<>();
		try {
			ProgressMonitorDialog progress = new ProgressMonitorDialog(shell);
			progress.run(true, true, monitor -> result.set(finder.find(monitor)));
		} catch (InvocationTargetException e) {
			StatusManager.getManager().handle(Status.error(Messages.Progress_Title, e.getCause()), StatusManager.SHOW | StatusManager.LOG);
			return;
		} catch (InterruptedException e) {
			return; // cancelled
		}
		if (result.get() == null || !offer(shell, result.get())) {
			MessageDialog.openInformation(shell, Messages.NothingFound_Title, Messages.NothingFound_Message);
		}
	}

	/**
	 * Offers the found agents that no agent talks to yet; adds the chosen ones. Returns whether
	 * there was anything to offer.
	 */
	public static boolean offer(Shell shell, AgentFinder.Result result) {
		ChorusCore core = ChorusCore.getDefault();
		AgentOffers.Offer offer = AgentOffers.offer(result.found(), core.agents(), core.sessions());
		if (offer.offered().isEmpty()) {
			return false;
		}
		AgentProfile replaceable = core.agents().list().stream()
				.filter(agent -> AgentOffers.isUntouchedDefault(agent, core.sessions())).findFirst().orElse(null);
		FindAgentsDialog dialog = new FindAgentsDialog(shell, offer.offered(), offer.alreadySetUp(), replaceable);
		if (dialog.open() == Window.OK) {
			apply(shell, dialog.getChosen(), dialog.getReplaced().orElse(null));
		}
		return true;
	}

	private static void apply(Shell shell, List<dev.chorus.discovery.FoundAgent> chosen, AgentProfile replaced) {
		if (chosen.isEmpty()) {
			return;
		}
		ChorusCore core = ChorusCore.getDefault();
		try {
			List<AgentProfile> added = AgentOffers.add(chosen, core.agents());
			ActiveAgent.get().setId(added.get(0).id());
			if (replaced != null && AgentOffers.isUntouchedDefault(replaced, core.sessions())) {
				core.agents().delete(replaced.id());
			}
		} catch (AgentException e) {
			MessageDialog.openError(shell, Messages.Dialog_Title, NLS.bind(Messages.Dialog_AddFailed, e.getMessage()));
			ILog.of(FindAgents.class).log(new Status(IStatus.WARNING, ChorusUI.PLUGIN_ID, e.getMessage(), e));
		}
	}
}
