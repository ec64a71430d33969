package dev.chorus.core.backend;

/**
 * How much of its context window a conversation uses, as its agent reports it (ACP
 * {@code usage_update}).
 *
 * @param used tokens in the context now
 * @param size the context window, in tokens
 * @param cost the cost so far, or {@code null} when not given
 * @param currency the cost's currency code (for example {@code USD}), or {@code null}
 */
public record ContextUsage(long used, long size, Double cost, String currency) {

	/** The share of the window in use, from 0 to 1. */
	public double fraction() {
		return size <= 0 ? 0 : Math.min(1.0, (double) used / size);
	}
}
