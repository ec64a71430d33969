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
 * @param session where the conversation reports what is not part of a turn (its options,
 *        commands, usage, title)
 */
public record ConversationContext(String agentId, Map<String, String> settings, Function<String, Optional<String>> secrets,
		String backendSessionId, Path workingDirectory, ISessionSink session) {

	public ConversationContext {
		settings = Map.copyOf(settings);
		session = session == null ? ISessionSink.NONE : session;
	}

	/** A context whose conversation reports nothing beyond its turns. */
	public ConversationContext(String agentId, Map<String, String> settings, Function<String, Optional<String>> secrets,
			String backendSessionId, Path workingDirectory) {
		this(agentId, settings, secrets, backendSessionId, workingDirectory, ISessionSink.NONE);
	}

	/** A setting's value, or {@code fallback} when it is unset or blank. */
	public String setting(String key, String fallback) {
		String value = settings.get(key);
		return value == null || value.isBlank() ? fallback : value.trim();
	}
}
