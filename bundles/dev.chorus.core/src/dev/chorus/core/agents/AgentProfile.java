package dev.chorus.core.agents;

import java.nio.file.Path;
import java.util.Map;

/**
 * An agent as stored: its id (the folder name), display name, accent colour as stored (or
 * {@code null}), avatar image (or {@code null}), backend and backend settings. Secrets are not
 * here: they live in secure storage.
 */
public record AgentProfile(String id, String displayName, String color, Path avatar, String backendId,
		Map<String, String> settings) {

	public AgentProfile {
		settings = settings == null ? Map.of() : Map.copyOf(settings);
	}

	/** The colour to paint the agent in: the stored one, else the one derived from its name. */
	public String effectiveColor() {
		return color != null ? color : AgentColors.defaultColorFor(displayName);
	}
}
