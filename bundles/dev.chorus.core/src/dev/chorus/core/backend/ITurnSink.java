package dev.chorus.core.backend;

import java.util.List;
import java.util.Optional;

import dev.chorus.core.transcript.PlanStep;
import dev.chorus.core.transcript.ToolCall;
import dev.chorus.core.transcript.Usage;

/**
 * Where a backend delivers what one turn streams. The run behind it records every call in the
 * session and tags it with the run's id before anyone sees it. Called on the turn's job thread
 * (or a reader thread of the backend); implementations are thread-safe.
 */
public interface ITurnSink {

	/** A piece of the agent's answer. */
	void text(String delta);

	/** A piece of the agent's reasoning. */
	void reasoning(String delta);

	/**
	 * A new tool call, or an update of one reported before (same id): fields left {@code null}
	 * keep their value.
	 */
	void toolCall(ToolCall call);

	/** The agent's current plan, replacing any earlier one of this turn. */
	void plan(List<PlanStep> steps);

	/** Tokens used. */
	void usage(Usage usage);

	/** Something went wrong that does not end the turn; shown as an error where it happened. */
	default void problem(dev.chorus.core.transcript.Problem problem) {
		// Not shown.
	}

	/** Chorus wrote a file for the agent (so that editors showing it can refresh). */
	default void fileWritten(java.nio.file.Path file) {
		// Nobody to tell.
	}

	/** The backend's own id for this conversation, once it knows it (stored to resume it later). */
	void backendSessionId(String id);

	/**
	 * Asks the user and waits for the answer.
	 *
	 * @return the chosen option's id, or empty when the turn was cancelled before the user
	 *         answered
	 */
	Optional<String> requestPermission(PermissionRequest request);
}
