package dev.chorus.core.backend;

/**
 * A message of the conversation so far, for backends that resend the history on every turn.
 *
 * @param role {@code user} or {@code assistant}
 * @param content the message's text
 */
public record HistoryMessage(String role, String content) {
	public static final String USER = "user"; //$NON-NLS-1$
	public static final String ASSISTANT = "assistant"; //$NON-NLS-1$
}
