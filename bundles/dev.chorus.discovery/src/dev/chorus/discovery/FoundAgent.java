package dev.chorus.discovery;

import java.util.List;
import java.util.Map;

/**
 * An agent the finder found, as it would be set up: a name, the backend and its settings.
 *
 * @param kind a server answering {@code /v1/models} or a program answering ACP {@code initialize}
 * @param name the name to give the agent
 * @param backendId the backend the agent would speak
 * @param settings the backend settings (base URL and model, or the command line)
 * @param models the server's models, the default first; empty for an ACP agent
 * @param location where it was found: the base URL, or the program and its ACP flag
 * @param version the version the agent reported, or {@code null}
 * @param answered whether it answered in time (an ACP program on the PATH may be slow to start)
 * @param note what the user should know before adding it (an API key needed), or {@code null}
 */
public record FoundAgent(Kind kind, String name, String backendId, Map<String, String> settings, List<String> models,
		String location, String version, boolean answered, String note) {

	/** How an agent was found. */
	public enum Kind {
		/** An OpenAI-compatible server on a loopback port. */
		SERVER,
		/** An Agent Client Protocol program on the PATH. */
		ACP
	}

	public FoundAgent {
		settings = Map.copyOf(settings);
		models = List.copyOf(models);
	}

	/** The same agent with another model (for a server). */
	public FoundAgent withModel(String model) {
		Map<String, String> changed = new java.util.LinkedHashMap<>(settings);
		changed.put(BackendKeys.MODEL, model);
		return new FoundAgent(kind, name, backendId, changed, models, location, version, answered, note);
	}

	/** The same agent under another name. */
	public FoundAgent withName(String newName) {
		return new FoundAgent(kind, newName, backendId, settings, models, location, version, answered, note);
	}

	/** The model it would use, or {@code null} for an ACP agent. */
	public String model() {
		return settings.get(BackendKeys.MODEL);
	}
}
