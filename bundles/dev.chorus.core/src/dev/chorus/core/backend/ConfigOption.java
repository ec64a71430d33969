package dev.chorus.core.backend;

import java.util.List;
import java.util.Optional;

/**
 * A setting of a conversation that its agent offers and the user may change while chatting: a
 * mode, a model, a level of thought (ACP session config options, and the older session modes).
 *
 * @param id the agent's id of the option
 * @param name the label to show
 * @param description a longer explanation, or {@code null}
 * @param category what the option is about ({@link #CATEGORY_MODE}, {@link #CATEGORY_MODEL}, ...),
 *        or {@code null}
 * @param type how it is chosen
 * @param currentValue the value in force: a choice's value, or {@code "true"}/{@code "false"}
 * @param choices the values of a {@link Type#SELECT}, in the agent's order; empty for a boolean
 */
public record ConfigOption(String id, String name, String description, String category, Type type, String currentValue,
		List<Choice> choices) {

	public static final String CATEGORY_MODE = "mode"; //$NON-NLS-1$
	public static final String CATEGORY_MODEL = "model"; //$NON-NLS-1$

	/** How an option is chosen. */
	public enum Type {
		/** One of several values. */
		SELECT,
		/** On or off. */
		BOOLEAN
	}

	/**
	 * One value of a select.
	 *
	 * @param value the id sent to the agent
	 * @param name the label
	 * @param description a longer explanation, or {@code null}
	 * @param group the label of the group it belongs to, or {@code null}
	 */
	public record Choice(String value, String name, String description, String group) {
	}

	public ConfigOption {
		choices = choices == null ? List.of() : List.copyOf(choices);
	}

	/** The choice in force, if the current value is one of the choices. */
	public Optional<Choice> currentChoice() {
		return choices.stream().filter(choice -> choice.value().equals(currentValue)).findFirst();
	}

	/** Whether the value is one this option accepts. */
	public boolean accepts(String value) {
		return type == Type.BOOLEAN ? "true".equals(value) || "false".equals(value) //$NON-NLS-1$ //$NON-NLS-2$
				: choices.stream().anyMatch(choice -> choice.value().equals(value));
	}

	/** The same option with another value in force. */
	public ConfigOption withValue(String value) {
		return new ConfigOption(id, name, description, category, type, value, choices);
	}
}
