package dev.chorus.core.runs;

import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.eclipse.core.runtime.IProgressMonitor;
import org.eclipse.core.runtime.IStatus;
import org.eclipse.core.runtime.Status;
import org.eclipse.core.runtime.SubMonitor;
import org.eclipse.core.runtime.jobs.IJobChangeEvent;
import org.eclipse.core.runtime.jobs.Job;
import org.eclipse.core.runtime.jobs.JobChangeAdapter;
import org.eclipse.osgi.util.NLS;

import dev.chorus.core.CoreMessages;
import dev.chorus.core.agents.AgentProfile;
import dev.chorus.core.backend.BackendException;
import dev.chorus.core.backend.IConversation;
import dev.chorus.core.backend.ITurnSink;
import dev.chorus.core.backend.PermissionRequest;
import dev.chorus.core.backend.StopReason;
import dev.chorus.core.transcript.EntryKind;
import dev.chorus.core.transcript.EntryState;
import dev.chorus.core.transcript.PlanStep;
import dev.chorus.core.transcript.ToolCall;
import dev.chorus.core.transcript.TranscriptEntry;
import dev.chorus.core.transcript.Usage;

/**
 * One agent turn, as a job: cancellable from the Progress view or by Stop, found by the family
 * {@link RunRegistry#FAMILY} and by its agent's {@link RunRegistry#familyOf(String)}. Cancelling
 * interrupts the backend (its stream closed, or the agent told to cancel); what streamed so far
 * stays, marked stopped. Backend failures become an error entry in the transcript, with what to do,
 * rather than a dialog.
 */
public final class RunTurnJob extends Job {

	private final Run run;
	private final String userText;
	private final List<dev.chorus.core.transcript.Attachment> attachments;
	private volatile IConversation conversation;
	/** Whether {@link #run} began; a job cancelled while it waits never does. */
	private volatile boolean started;

	RunTurnJob(Run run, String userText, List<dev.chorus.core.transcript.Attachment> attachments) {
		super(NLS.bind(CoreMessages.Run_JobName, agentName(run), run.getTitle()));
		this.run = run;
		this.userText = userText;
		this.attachments = List.copyOf(attachments);
		setUser(false);
		setPriority(Job.LONG);
		setRule(run.rule());
		// A turn stopped before it started never runs: end it here, or the run would stay
		// "answering" and keep its session file open.
		addJobChangeListener(new JobChangeAdapter() {
			@Override
			public void done(IJobChangeEvent event) {
				if (!started) {
					run.turnEnded(RunTurnJob.this);
				}
			}
		});
	}

	private static String agentName(Run run) {
		return run.registry().agents().get(run.getAgentId()).map(AgentProfile::displayName).orElse(run.getAgentId());
	}

	public Run getRun() {
		return run;
	}

	@Override
	public boolean belongsTo(Object family) {
		return family == RunRegistry.FAMILY || RunRegistry.familyOf(run.getAgentId()).equals(family);
	}

	@Override
	protected void canceling() {
		IConversation open = conversation;
		if (open != null) {
			open.cancel();
		}
	}

	@Override
	protected IStatus run(IProgressMonitor monitor) {
		started = true;
		SubMonitor progress = SubMonitor.convert(monitor, NLS.bind(CoreMessages.Run_Answering, agentName(run)), 100);
		TurnSink sink = new TurnSink(monitor);
		boolean cancelled = false;
		try {
			conversation = RunConversations.open(run, progress.split(10));
			if (monitor.isCanceled()) {
				cancelled = true;
				return Status.CANCEL_STATUS;
			}
			StopReason reason = conversation.prompt(run.history(), userText, attachments, sink, progress.split(90));
			cancelled = reason == StopReason.CANCELLED || monitor.isCanceled();
			if (reason == StopReason.MAX_TOKENS) {
				sink.finish(EntryState.COMPLETE);
				run.addProblem(new dev.chorus.core.transcript.Problem(CoreMessages.Run_MaxTokens, CoreMessages.Run_MaxTokensHint));
			} else if (reason == StopReason.REFUSAL) {
				sink.finish(EntryState.COMPLETE);
				run.addProblem(new dev.chorus.core.transcript.Problem(CoreMessages.Run_Refusal, null));
			}
		} catch (BackendException e) {
			if (monitor.isCanceled()) {
				cancelled = true;
			} else {
				sink.finish(EntryState.FAILED);
				run.addProblem(e.toProblem());
			}
		} catch (org.eclipse.core.runtime.OperationCanceledException e) {
			cancelled = true;
		} catch (RuntimeException e) {
			sink.finish(EntryState.FAILED);
			run.addProblem(new dev.chorus.core.transcript.Problem(NLS.bind(CoreMessages.Run_Unexpected, e), CoreMessages.Run_UnexpectedHint));
			Run.log(e);
		} finally {
			sink.finish(cancelled ? EntryState.STOPPED : EntryState.COMPLETE);
			sink.flushUsage();
			run.turnEnded(this);
			monitor.done();
		}
		return cancelled ? Status.CANCEL_STATUS : Status.OK_STATUS;
	}

	/** Turns what the backend streams into transcript entries of this run. */
	private final class TurnSink implements ITurnSink {
		private final IProgressMonitor monitor;
		private int textIndex = -1;
		private int reasoningIndex = -1;
		private int planIndex = -1;
		private final Map<String, Integer> toolCalls = new HashMap<>();
		private Usage usage;

		TurnSink(IProgressMonitor monitor) {
			this.monitor = monitor;
		}

		@Override
		public synchronized void text(String delta) {
			if (delta == null || delta.isEmpty()) {
				return;
			}
			closeReasoning();
			if (textIndex < 0 || textIndex != run.size() - 1) {
				complete(textIndex);
				textIndex = run.addEntry(TranscriptEntry.text(0, EntryKind.ASSISTANT, Instant.now(), "", EntryState.STREAMING)); //$NON-NLS-1$
			}
			run.appendText(textIndex, delta);
			run.paceToListeners();
		}

		@Override
		public synchronized void reasoning(String delta) {
			if (delta == null || delta.isEmpty()) {
				return;
			}
			if (reasoningIndex < 0 || reasoningIndex != run.size() - 1) {
				complete(reasoningIndex);
				reasoningIndex = run.addEntry(TranscriptEntry.text(0, EntryKind.REASONING, Instant.now(), "", EntryState.STREAMING)); //$NON-NLS-1$
			}
			run.appendText(reasoningIndex, delta);
			run.paceToListeners();
		}

		private void closeReasoning() {
			complete(reasoningIndex);
			reasoningIndex = -1;
		}

		private void complete(int index) {
			if (index >= 0) {
				TranscriptEntry entry = run.entry(index);
				if (entry.state() == EntryState.STREAMING) {
					run.updateEntry(entry.withState(EntryState.COMPLETE));
				}
			}
		}

		@Override
		public synchronized void toolCall(ToolCall call) {
			Integer index = toolCalls.get(call.id());
			if (index == null) {
				complete(textIndex);
				textIndex = -1;
				closeReasoning();
				ToolCall first = call.status() == null ? call.merge(new ToolCall(call.id(), null, null, ToolCall.STATUS_PENDING, null, null)) : call;
				toolCalls.put(call.id(), run.addEntry(new TranscriptEntry(0, EntryKind.TOOL_CALL, Instant.now(), null,
						EntryState.COMPLETE, first, null, null, null)));
			} else {
				TranscriptEntry entry = run.entry(index);
				ToolCall merged = entry.toolCall().merge(call);
				run.updateEntry(new TranscriptEntry(index, EntryKind.TOOL_CALL, entry.time(), null, entry.state(), merged, null, null,
						null));
				if (ToolCall.STATUS_COMPLETED.equals(merged.status()) && !ToolCall.STATUS_COMPLETED.equals(entry.toolCall().status())) {
					// The agent changed these files itself.
					for (dev.chorus.core.transcript.FileDiff diff : merged.diffList()) {
						try {
							run.registry().fireFileChanged(run, java.nio.file.Path.of(diff.path()));
						} catch (java.nio.file.InvalidPathException e) {
							// Not a path of this machine.
						}
					}
				}
			}
		}

		@Override
		public synchronized void plan(List<PlanStep> steps) {
			if (planIndex < 0) {
				planIndex = run.addEntry(new TranscriptEntry(0, EntryKind.PLAN, Instant.now(), null, EntryState.COMPLETE, null,
						steps, null, null));
			} else {
				TranscriptEntry entry = run.entry(planIndex);
				run.updateEntry(new TranscriptEntry(planIndex, EntryKind.PLAN, entry.time(), null, EntryState.COMPLETE, null,
						steps, null, null));
			}
		}

		@Override
		public synchronized void usage(Usage reported) {
			usage = reported;
		}

		@Override
		public void problem(dev.chorus.core.transcript.Problem problem) {
			run.addProblem(problem);
		}

		@Override
		public void fileWritten(java.nio.file.Path file) {
			run.emit(new RunEvent.FileWritten(run.getRunId(), file));
			run.registry().fireFileChanged(run, file);
		}

		@Override
		public void backendSessionId(String id) {
			if (id != null) {
				run.rememberBackendSessionId(id);
			}
		}

		@Override
		public Optional<String> requestPermission(PermissionRequest request) {
			return run.ask(request, monitor);
		}

		/** Marks what is still streaming as ended in the given way. */
		synchronized void finish(EntryState end) {
			for (int index : new int[] { textIndex, reasoningIndex }) {
				if (index >= 0) {
					TranscriptEntry entry = run.entry(index);
					if (entry.state() == EntryState.STREAMING) {
						run.updateEntry(entry.withState(end));
					}
				}
			}
			textIndex = -1;
			reasoningIndex = -1;
		}

		synchronized void flushUsage() {
			if (usage != null) {
				run.addEntry(new TranscriptEntry(0, EntryKind.USAGE, Instant.now(), null, EntryState.COMPLETE, null, null, usage,
						null));
				usage = null;
			}
		}
	}
}
