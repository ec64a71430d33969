package dev.chorus.ui.discovery;

import java.time.Duration;
import java.util.Optional;

import org.eclipse.core.runtime.Status;
import org.eclipse.core.runtime.jobs.Job;
import org.eclipse.jface.layout.GridDataFactory;
import org.eclipse.jface.layout.GridLayoutFactory;
import org.eclipse.jface.resource.JFaceResources;
import org.eclipse.osgi.util.NLS;
import org.eclipse.swt.SWT;
import org.eclipse.swt.custom.ScrolledComposite;
import org.eclipse.swt.widgets.Composite;
import org.eclipse.swt.widgets.Control;
import org.eclipse.swt.widgets.Event;
import org.eclipse.swt.widgets.Label;
import org.eclipse.swt.widgets.Link;
import org.eclipse.ui.dialogs.PreferencesUtil;

import dev.chorus.core.agents.AgentProfile;
import dev.chorus.discovery.SetupCheck;
import dev.chorus.ui.agents.AgentsPreferencePage;

/**
 * Under an empty chat, when its agent cannot answer yet (nothing answers at its local address,
 * its program is not installed): what is wrong, what to install or configure, and Find Agents and
 * the Agents page one click away, before the user writes a message that could only fail. Checked
 * in a job; the hint appears when the check is done (a second at most).
 */
public final class EmptyChatHint {

	/** The family of the checks, for tests to join. */
	public static final Object FAMILY = EmptyChatHint.class;
	/** The composite the hint is built in, named for tests. */
	public static final String DATA_KEY = "dev.chorus.ui.discovery.emptyChatHint"; //$NON-NLS-1$

	private EmptyChatHint() {
	}

	/** Checks the agent in the background and adds the hint to the empty chat's area if needed. */
	public static void addTo(Composite area, AgentProfile agent) {
		if (agent == null) {
			return;
		}
		String path = System.getenv("PATH"); //$NON-NLS-1$
		Job check = new Job(NLS.bind(Messages.Hint_JobName, agent.displayName())) {
			@Override
			protected org.eclipse.core.runtime.IStatus run(org.eclipse.core.runtime.IProgressMonitor monitor) {
				Optional<String> problem = SetupCheck.problem(agent, path == null ? "" : path, Duration.ofMillis(1000)); //$NON-NLS-1$
				if (problem.isPresent() && !area.isDisposed()) {
					area.getDisplay().asyncExec(() -> show(area, problem.get()));
				}
				return Status.OK_STATUS;
			}

			@Override
			public boolean belongsTo(Object family) {
				return family == FAMILY;
			}
		};
		check.setSystem(true);
		check.schedule();
	}

	private static void show(Composite area, String problem) {
		if (area.isDisposed()) {
			return;
		}
		Composite hint = new Composite(area, SWT.NONE);
		hint.setData(DATA_KEY, problem);
		GridLayoutFactory.fillDefaults().margins(12, 10).spacing(6, 8).applyTo(hint);
		GridDataFactory.fillDefaults().align(SWT.CENTER, SWT.BEGINNING).grab(true, false).hint(560, SWT.DEFAULT).applyTo(hint);
		Label title = new Label(hint, SWT.WRAP);
		title.setText(Messages.Hint_Title);
		title.setFont(JFaceResources.getBannerFont());
		GridDataFactory.fillDefaults().grab(true, false).applyTo(title);
		Label what = new Label(hint, SWT.WRAP);
		what.setText(problem);
		GridDataFactory.fillDefaults().grab(true, false).hint(540, SWT.DEFAULT).applyTo(what);
		Label advice = new Label(hint, SWT.WRAP);
		advice.setText(Messages.Hint_Advice);
		GridDataFactory.fillDefaults().grab(true, false).hint(540, SWT.DEFAULT).applyTo(advice);
		Link links = new Link(hint, SWT.NONE);
		links.setText(Messages.Hint_Links);
		links.addListener(SWT.Selection, event -> {
			if ("find".equals(event.text)) { //$NON-NLS-1$
				FindAgents.run(links.getShell());
			} else {
				PreferencesUtil.createPreferenceDialogOn(links.getShell(), AgentsPreferencePage.ID, null, null).open();
			}
		});
		// The transcript lays itself out again when its scroller is resized.
		for (Control parent = area; parent != null; parent = parent.getParent()) {
			if (parent instanceof ScrolledComposite scroller) {
				area.layout(true, true);
				scroller.notifyListeners(SWT.Resize, new Event());
				return;
			}
		}
		area.getParent().layout(true, true);
	}
}
