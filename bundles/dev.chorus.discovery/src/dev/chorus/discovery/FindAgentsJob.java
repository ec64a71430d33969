package dev.chorus.discovery;

import org.eclipse.core.runtime.IProgressMonitor;
import org.eclipse.core.runtime.IStatus;
import org.eclipse.core.runtime.Status;
import org.eclipse.core.runtime.jobs.Job;

/** Runs the finder off the UI thread; its result is there once the job is done. */
public final class FindAgentsJob extends Job {

	/** The family of every search for agents, for tests and shutdown to join or cancel. */
	public static final Object FAMILY = FindAgentsJob.class;

	private final AgentFinder finder;
	private volatile AgentFinder.Result result;

	public FindAgentsJob(AgentFinder finder) {
		super(Messages.Finder_Task);
		this.finder = finder;
	}

	@Override
	protected IStatus run(IProgressMonitor monitor) {
		result = finder.find(monitor);
		return monitor.isCanceled() ? Status.CANCEL_STATUS : Status.OK_STATUS;
	}

	@Override
	public boolean belongsTo(Object family) {
		return family == FAMILY;
	}

	/** What was found, or {@code null} before the job ran or when it was cancelled. */
	public AgentFinder.Result getFound() {
		return result;
	}
}
