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
 * @param mcp the MCP servers the user configured, which the agent's settings may name, or
 *        {@code null} when there are none to offer
 */
public record ConversationContext(String agentId, Map<String, String> settings, Function<String, Optional<String>> secrets,
		String backendSessionId, Path workingDirectory, ISessionSink session, dev.chorus.core.mcp.McpServerRegistry mcp) {

	/** The setting by which agents name the MCP servers they use: server ids, separated by commas. */
	public static final String MCP_SERVERS = "mcpServerIds"; //$NON-NLS-1$

	public ConversationContext {
		settings = Map.copyOf(settings);
		session = session == null ? ISessionSink.NONE : session;
	}

	/** A context without MCP servers. */
	public ConversationContext(String agentId, Map<String, String> settings, Function<String, Optional<String>> secrets,
			String backendSessionId, Path workingDirectory, ISessionSink session) {
		this(agentId, settings, secrets, backendSessionId, workingDirectory, session, null);
	}

	/** The configured MCP servers the agent's settings name, in the settings' order; unknown ids are skipped. */
	public java.util.List<dev.chorus.core.mcp.McpServerConfig> mcpServers() {
		if (mcp == null) {
			return java.util.List.of();
		}
		java.util.List<dev.chorus.core.mcp.McpServerConfig> servers = new java.util.ArrayList<>();
		for (String id : setting(MCP_SERVERS, "").split(",")) { //$NON-NLS-1$ //$NON-NLS-2$
			mcp.store().get(id.strip()).ifPresent(servers::add);
		}
		return servers;
	}

	/** A context whose conversation reports nothing beyond its turns. */
	public ConversationContext(String agentId, Map<String, String> settings, Function<String, Optional<String>> secrets,
			String backendSessionId, Path workingDirectory) {
		this(agentId, settings, secrets, backendSessionId, workingDirectory, ISessionSink.NONE, null);
	}

	/** A setting's value, or {@code fallback} when it is unset or blank. */
	public String setting(String key, String fallback) {
		String value = settings.get(key);
		return value == null || value.isBlank() ? fallback : value.trim();
	}
}
