package dev.chorus.core.transcript;

/** Tokens a turn used, as the backend reported them; -1 where it did not say. */
public record Usage(long promptTokens, long completionTokens, long totalTokens) {
}
