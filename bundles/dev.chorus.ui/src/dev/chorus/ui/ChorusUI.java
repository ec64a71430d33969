package dev.chorus.ui;

import org.eclipse.core.runtime.jobs.Job;
import org.eclipse.ui.plugin.AbstractUIPlugin;
import org.osgi.framework.BundleContext;

import dev.chorus.ui.agents.ProgressAvatars;

/** The Chorus UI bundle: shared ids and the plug-in instance. */
public class ChorusUI extends AbstractUIPlugin {

	public static final String PLUGIN_ID = "dev.chorus.ui"; //$NON-NLS-1$
	public static final String SESSIONS_VIEW_ID = "dev.chorus.ui.views.sessions"; //$NON-NLS-1$

	private static ChorusUI plugin;

	private final ProgressAvatars progressAvatars = new ProgressAvatars();

	@Override
	public void start(BundleContext context) throws Exception {
		super.start(context);
		plugin = this;
		Job.getJobManager().addJobChangeListener(progressAvatars);
	}

	@Override
	public void stop(BundleContext context) throws Exception {
		Job.getJobManager().removeJobChangeListener(progressAvatars);
		plugin = null;
		super.stop(context);
	}

	public static ChorusUI getDefault() {
		return plugin;
	}
}
