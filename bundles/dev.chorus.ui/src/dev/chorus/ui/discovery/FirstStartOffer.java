package dev.chorus.ui.discovery;

import org.eclipse.core.runtime.jobs.IJobChangeEvent;
import org.eclipse.core.runtime.jobs.JobChangeAdapter;
import org.eclipse.core.runtime.preferences.IEclipsePreferences;
import org.eclipse.core.runtime.preferences.InstanceScope;
import org.eclipse.swt.widgets.Display;
import org.eclipse.swt.widgets.Shell;
import org.eclipse.ui.IWorkbench;
import org.eclipse.ui.IWorkbenchListener;
import org.eclipse.ui.IWorkbenchWindow;
import org.osgi.service.prefs.BackingStoreException;

import dev.chorus.core.ChorusCore;
import dev.chorus.discovery.AgentFinder;
import dev.chorus.discovery.AgentOffers;
import dev.chorus.discovery.FindAgentsJob;
import dev.chorus.ui.ChorusUI;

/**
 * On the first start, once the window is up: while the user has no agent but the one Chorus made
 * (untouched), looks for installed agents in the background and offers what it finds. Once offered
 * (whatever the answer) it never offers again by itself; Find Agents is there for that. With
 * nothing found it shows nothing: the empty chat says what to install. The system property
 * {@value #PROPERTY}{@code =false} turns it off (the UI tests do).
 */
public final class FirstStartOffer {

	public static final String PROPERTY = "chorus.findAgentsAtStart"; //$NON-NLS-1$
	/** Set once the offer was shown. */
	public static final String OFFERED = "firstStartOffered"; //$NON-NLS-1$
	/** The window is up; the search waits this long more, so the first paint is not shared. */
	private static final long DELAY_MILLIS = 500;

	private FirstStartOffer() {
	}

	/** Schedules the search unless turned off, offered before, or the user has agents of their own. */
	public static void schedule(IWorkbench workbench) {
		if (Boolean.parseBoolean(System.getProperty(PROPERTY, "true"))) { //$NON-NLS-1$
			schedule(workbench, new AgentFinder(AgentFinder.Options.defaults()));
		}
	}

	/** Schedules the search with the finder (tests give their own); returns its job, or null when not due. */
	public static FindAgentsJob schedule(IWorkbench workbench, AgentFinder finder) {
		ChorusCore core = ChorusCore.getDefault();
		if (preferences().getBoolean(OFFERED, false) || !AgentOffers.onlyTheDefault(core.agents(), core.sessions())) {
			return null;
		}
		FindAgentsJob job = new FindAgentsJob(finder);
		job.setSystem(true);
		Display display = workbench.getDisplay();
		IWorkbenchListener shutdown = new IWorkbenchListener() {
			@Override
			public boolean preShutdown(IWorkbench closing, boolean forced) {
				job.cancel();
				return true;
			}

			@Override
			public void postShutdown(IWorkbench closing) {
				// Nothing more: the job was cancelled, its programs ended.
			}
		};
		workbench.addWorkbenchListener(shutdown);
		job.addJobChangeListener(new JobChangeAdapter() {
			@Override
			public void done(IJobChangeEvent event) {
				workbench.removeWorkbenchListener(shutdown);
				AgentFinder.Result result = job.getFound();
				if (result != null && !result.found().isEmpty() && !display.isDisposed()) {
					display.asyncExec(() -> show(workbench, result));
				}
			}
		});
		job.schedule(DELAY_MILLIS);
		return job;
	}

	private static void show(IWorkbench workbench, AgentFinder.Result result) {
		ChorusCore core = ChorusCore.getDefault();
		// The user may have added an agent meanwhile, or the offer may be showing already.
		if (workbench.isClosing() || preferences().getBoolean(OFFERED, false)
				|| !AgentOffers.onlyTheDefault(core.agents(), core.sessions())) {
			return;
		}
		IWorkbenchWindow window = workbench.getActiveWorkbenchWindow();
		Shell shell = window != null ? window.getShell() : workbench.getDisplay().getActiveShell();
		if (shell == null || AgentOffers.offer(result.found(), core.agents(), core.sessions()).offered().isEmpty()) {
			return;
		}
		IEclipsePreferences preferences = preferences();
		preferences.putBoolean(OFFERED, true);
		try {
			preferences.flush();
		} catch (BackingStoreException e) {
			// Kept for this session; the next start may offer once more.
		}
		FindAgents.offer(shell, result);
	}

	private static IEclipsePreferences preferences() {
		return InstanceScope.INSTANCE.getNode(ChorusUI.PLUGIN_ID);
	}
}
