package dev.chorus.core.backend;

import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;

/**
 * What a backend needs to open a conversation.
 *
 * @param agentId the agent's id
 * @param settings the agent's backend settings (keys as the backend's {@link BackendSetting}s)
 * @param secrets reads a secret setting from secure storage by key; empty when unset
 * @param backendSessionId the backend's id of the conversation to resume, or {@code null} for a
 *        new one
 * @param workingDirectory the folder agents work in (ACP {@code cwd}), never {@code null}
 */
public record ConversationContext(String agentId, Map<String, String> settings, Function<String, Optional<String>> secrets,
		String backendSessionId, Path workingDirectory) {

	public ConversationContext {
		settings = Map.copyOf(settings);
	}

	/** A setting's value, or {@code fallback} when it is unset or blank. */
	public String setting(String key, String fallback) {
		String value = settings.get(key);
		return value == null || value.isBlank() ? fallback : value.trim();
	}
}
