package dev.chorus.core.backend;

import dev.chorus.core.transcript.Problem;

/**
 * A backend failure that the user can understand: the message names the cause (the server's
 * own message where there is one), the hint says what to do about it.
 */
public class BackendException extends Exception {

	private static final long serialVersionUID = 1L;

	private final String hint;

	public BackendException(String message, String hint) {
		super(message);
		this.hint = hint;
	}

	public BackendException(String message, String hint, Throwable cause) {
		super(message, cause);
		this.hint = hint;
	}

	/** What the user can do about it, or {@code null}. */
	public String getHint() {
		return hint;
	}

	/** The failure as a transcript problem. */
	public Problem toProblem() {
		return new Problem(getMessage(), hint);
	}
}
