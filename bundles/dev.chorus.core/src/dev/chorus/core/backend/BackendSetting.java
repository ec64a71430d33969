package dev.chorus.core.backend;

/**
 * Describes one setting of a backend, so that the Agents preference page can offer an editor
 * for it without knowing the backend.
 *
 * @param key the key under which the value is stored in the agent's settings (or, for
 *        {@link Type#SECRET}, in secure storage)
 * @param label the label shown to the user
 * @param type how the value is edited and where it is stored
 * @param defaultValue the value a new agent starts with, or {@code ""}
 * @param description a one-line help text, or {@code ""}
 */
public record BackendSetting(String key, String label, Type type, String defaultValue, String description) {

	/** How a setting is edited and stored. */
	public enum Type {
		/** A single line of text. */
		TEXT,
		/** An http(s) URL. */
		URL,
		/** A model name; the page offers the server's list of models. */
		MODEL,
		/** A secret such as an API key: kept in Eclipse secure storage, never in a file. */
		SECRET,
		/** Several lines of text (a system prompt). */
		MULTILINE,
		/** A decimal number. */
		NUMBER,
		/** A command line: program and arguments, split like a shell does for quotes. */
		COMMAND,
		/** Lines of {@code NAME=value} (environment variables, HTTP headers). */
		KEY_VALUES,
		/** A folder on this machine. */
		DIRECTORY,
		/** On or off: {@code "true"} or {@code "false"}. */
		BOOLEAN,
		/**
		 * Some of the MCP servers the user configured (Preferences > Chorus Agents > MCP Servers):
		 * their ids, separated by commas.
		 */
		MCP_SERVERS
	}

	/**
	 * Reads a {@link Type#KEY_VALUES} value: {@code NAME=value} or {@code Name: value}, one a line,
	 * split at the first of the two; blank lines and {@code #} comments skipped.
	 */
	public static java.util.Map<String, String> keyValues(String text) {
		java.util.Map<String, String> values = new java.util.LinkedHashMap<>();
		for (String line : text.split("\\R")) { //$NON-NLS-1$
			String trimmed = line.strip();
			if (trimmed.isEmpty() || trimmed.startsWith("#")) { //$NON-NLS-1$
				continue;
			}
			int colon = trimmed.indexOf(':');
			int equals = trimmed.indexOf('=');
			int split = colon < 0 ? equals : equals < 0 ? colon : Math.min(colon, equals);
			if (split > 0) {
				values.put(trimmed.substring(0, split).strip(), trimmed.substring(split + 1).strip());
			}
		}
		return values;
	}
}
