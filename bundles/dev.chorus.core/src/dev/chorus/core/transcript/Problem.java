package dev.chorus.core.transcript;

/**
 * An error shown in a transcript: what went wrong, and what the user can do about it.
 *
 * @param message what happened, naming the cause (for example the server's own message)
 * @param hint what to do about it, or {@code null} when there is nothing useful to say
 */
public record Problem(String message, String hint) {
}
