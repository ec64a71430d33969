package dev.chorus.core.runs;

import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import org.eclipse.core.runtime.IProgressMonitor;

import dev.chorus.core.backend.PermissionRequest;

/**
 * A question of a run's agent to the user, in a turn (a permission) or outside one (a login): it
 * goes to the run's listeners (the chat shows it) and the asking thread waits until it is
 * answered, dropped, or the monitor is cancelled, or the run closes.
 */
final class RunQuestion {

	private RunQuestion() {
	}

	static Optional<String> ask(Run run, PermissionRequest request, IProgressMonitor monitor) {
		CompletableFuture<Optional<String>> answer = new CompletableFuture<>();
		RunEvent.PendingPermission pending = new RunEvent.PendingPermission() {
			@Override
			public PermissionRequest request() {
				return request;
			}

			@Override
			public void answer(String optionId) {
				answer.complete(Optional.of(optionId));
			}

			@Override
			public void cancel() {
				answer.complete(Optional.empty());
			}
		};
		run.emit(new RunEvent.PermissionRequested(run.getRunId(), pending));
		try {
			while (true) {
				if (monitor.isCanceled() || run.getState() == RunState.CLOSED) {
					return Optional.empty();
				}
				try {
					return answer.get(100, TimeUnit.MILLISECONDS);
				} catch (TimeoutException e) {
					// Ask the monitor again.
				}
			}
		} catch (InterruptedException e) {
			Thread.currentThread().interrupt();
			return Optional.empty();
		} catch (ExecutionException e) {
			return Optional.empty();
		} finally {
			answer.complete(Optional.empty());
			run.emit(new RunEvent.PermissionClosed(run.getRunId(), pending));
		}
	}
}
