package dev.chorus.core.mcp;

import java.util.List;
import java.util.Map;

/**
 * One MCP server as the user configured it under Preferences > Chorus Agents > MCP Servers: a
 * program Chorus starts (stdio) or a URL it reaches (streamable HTTP). The environment and the
 * headers usually carry tokens, so they are kept in secure storage, never in the servers' file.
 *
 * @param id a stable id, what agents name the server by
 * @param name the name shown and the prefix of its tools' names
 * @param command the program and its arguments, for a stdio server; empty for an HTTP one
 * @param environment variables set for the program
 * @param url the streamable-HTTP endpoint, or {@code null} for a stdio server
 * @param headers HTTP headers sent with every request (an {@code Authorization}, say)
 * @param timeoutSeconds how long a tool call may take before it is given up
 */
public record McpServerConfig(String id, String name, List<String> command, Map<String, String> environment, String url,
		Map<String, String> headers, int timeoutSeconds) {

	/** How long a tool call may take unless the user says otherwise. */
	public static final int DEFAULT_TIMEOUT_SECONDS = 120;

	public McpServerConfig {
		command = command == null ? List.of() : List.copyOf(command);
		environment = environment == null ? Map.of() : Map.copyOf(environment);
		headers = headers == null ? Map.of() : Map.copyOf(headers);
		timeoutSeconds = timeoutSeconds <= 0 ? DEFAULT_TIMEOUT_SECONDS : timeoutSeconds;
	}

	/** Whether Chorus reaches the server over HTTP rather than starting it. */
	public boolean isHttp() {
		return url != null && !url.isBlank();
	}

	/** The command line or the URL, for lists. */
	public String describe() {
		return isHttp() ? url : String.join(" ", command); //$NON-NLS-1$
	}
}
