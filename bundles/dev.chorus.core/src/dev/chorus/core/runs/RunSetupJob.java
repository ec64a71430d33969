package dev.chorus.core.runs;

import org.eclipse.core.runtime.IProgressMonitor;
import org.eclipse.core.runtime.IStatus;
import org.eclipse.core.runtime.OperationCanceledException;
import org.eclipse.core.runtime.Status;
import org.eclipse.core.runtime.SubMonitor;
import org.eclipse.core.runtime.jobs.Job;
import org.eclipse.osgi.util.NLS;

import dev.chorus.core.CoreMessages;
import dev.chorus.core.backend.BackendException;
import dev.chorus.core.backend.IConversation;

/**
 * Work on a run's conversation outside a turn: connecting to the agent when its chat is shown,
 * or changing one of the options the agent offers. Runs under the run's rule, so it never
 * overlaps the opening of the conversation by a turn; a failure becomes an error entry.
 */
final class RunSetupJob extends Job {

	private final Run run;
	/** The option to change, or {@code null} to connect only. */
	private final String optionId;
	private final String value;

	RunSetupJob(Run run, String optionId, String value) {
		super(optionId == null ? NLS.bind(CoreMessages.Run_Connecting, run.agentName())
				: NLS.bind(CoreMessages.Run_ChangingOption, run.agentName()));
		this.run = run;
		this.optionId = optionId;
		this.value = value;
		setSystem(optionId == null);
		setRule(run.rule());
	}

	@Override
	public boolean belongsTo(Object family) {
		return family == RunRegistry.FAMILY || RunRegistry.familyOf(run.getAgentId()).equals(family);
	}

	@Override
	protected IStatus run(IProgressMonitor monitor) {
		if (run.getState() == RunState.CLOSED) {
			return Status.CANCEL_STATUS;
		}
		SubMonitor progress = SubMonitor.convert(monitor, 2);
		try {
			IConversation conversation = RunConversations.open(run, progress.split(1));
			if (optionId != null) {
				conversation.setConfigOption(optionId, value, progress.split(1));
				run.configChosen(optionId, value);
			}
			return Status.OK_STATUS;
		} catch (BackendException e) {
			if (!monitor.isCanceled() && run.getState() != RunState.CLOSED) {
				run.addProblem(e.toProblem());
			}
			return Status.OK_STATUS;
		} catch (OperationCanceledException e) {
			return Status.CANCEL_STATUS;
		} finally {
			if (run.getState() == RunState.CLOSED) {
				run.release();
			}
		}
	}
}
