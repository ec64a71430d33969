package dev.chorus.core.backend;

import java.util.List;

/**
 * Where a conversation reports what belongs to the conversation rather than to one turn, at any
 * time, also between turns: the settings its agent offers, its commands, its context usage, its
 * title. Called on any thread; implementations are thread-safe.
 */
public interface ISessionSink {

	/** Does nothing: for conversations opened outside a run (a connection test). */
	ISessionSink NONE = new ISessionSink() {
	};

	/** The options the agent offers now, with their values, replacing the ones reported before. */
	default void configOptions(List<ConfigOption> options) {
		// Not shown.
	}

	/** The commands the agent offers now, replacing the ones reported before. */
	default void commands(List<SlashCommand> commands) {
		// Not shown.
	}

	/** How much of the context window the conversation uses. */
	default void contextUsage(ContextUsage usage) {
		// Not shown.
	}

	/**
	 * Asks the user a question outside a turn (to log in, say) and waits for the answer.
	 *
	 * @return the chosen option's id, or empty when the question was dropped (the chat closed,
	 *         the monitor cancelled)
	 */
	default java.util.Optional<String> ask(PermissionRequest request, org.eclipse.core.runtime.IProgressMonitor monitor) {
		return java.util.Optional.empty();
	}

	/**
	 * Whether the conversation should bring its history when it is taken up again (the chat has
	 * none of it: a session imported from the agent).
	 */
	default boolean wantsHistory() {
		return false;
	}

	/**
	 * A piece of the history the agent replays when a session is taken up again.
	 *
	 * @param user whether the user said it (else the agent)
	 * @param messageId the agent's id of the message the piece belongs to, or {@code null}
	 */
	default void replayed(boolean user, String messageId, String text) {
		// Not kept.
	}

	/** The agent named the conversation. */
	default void title(String title) {
		// Not shown.
	}
}
