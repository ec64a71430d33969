package dev.chorus.backend.acp;

import java.util.ArrayList;
import java.util.List;

import org.eclipse.osgi.util.NLS;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;

import dev.chorus.core.backend.BackendException;
import dev.chorus.core.backend.ConfigOption;
import dev.chorus.core.backend.ISessionSink;

/**
 * The options an ACP session offers, as the agent last reported them: session config options
 * ({@code configOptions}, {@code config_option_update}, {@code session/set_config_option}), and
 * the older session modes ({@code modes}, {@code current_mode_update}, {@code session/set_mode})
 * shown as one more select of category mode. Every change goes to the session's sink whole.
 */
final class AcpConfigOptions {

	/** The id under which the legacy modes show; not an id an agent gives a config option. */
	static final String LEGACY_MODE_ID = "chorus.legacy.mode"; //$NON-NLS-1$

	private final ISessionSink sink;
	private List<ConfigOption> options = List.of();
	private ConfigOption legacyModes;

	AcpConfigOptions(ISessionSink sink) {
		this.sink = sink;
	}

	/** What a {@code session/new}, {@code session/load} or {@code session/resume} result offers. */
	synchronized void fromSessionResult(JsonObject result) {
		JsonArray offered = AcpUpdates.array(result, "configOptions"); //$NON-NLS-1$
		if (offered != null) {
			options = parse(offered);
		}
		JsonObject modes = AcpUpdates.object(result, "modes"); //$NON-NLS-1$
		legacyModes = modes == null ? legacyModes : modes(modes);
		report();
	}

	/** A session update about options or modes; returns whether it was one. */
	synchronized boolean update(JsonObject update) {
		switch (String.valueOf(AcpUpdates.string(update, "sessionUpdate"))) { //$NON-NLS-1$
		case "config_option_update" -> { //$NON-NLS-1$
			JsonArray offered = AcpUpdates.array(update, "configOptions"); //$NON-NLS-1$
			if (offered != null) {
				options = parse(offered);
				report();
			}
			return true;
		}
		case "current_mode_update" -> { //$NON-NLS-1$
			String mode = AcpUpdates.string(update, "currentModeId"); //$NON-NLS-1$
			if (legacyModes != null && mode != null) {
				legacyModes = legacyModes.withValue(mode);
				report();
			}
			return true;
		}
		default -> {
			return false;
		}
		}
	}

	synchronized List<ConfigOption> all() {
		List<ConfigOption> all = new ArrayList<>(options);
		// Agents that offer config options may send modes too, for older clients: the options win.
		if (legacyModes != null && options.isEmpty()) {
			all.add(0, legacyModes);
		}
		return all;
	}

	/** The option the user changes, checked against what the agent offers. */
	synchronized ConfigOption require(String id, String value) throws BackendException {
		ConfigOption option = all().stream().filter(candidate -> candidate.id().equals(id)).findFirst().orElseThrow(
				() -> new BackendException(NLS.bind(Messages.Error_NoSuchOption, id), Messages.Error_NoSuchOptionHint));
		if (!option.accepts(value)) {
			throw new BackendException(NLS.bind(Messages.Error_NoSuchValue, value, option.name()), Messages.Error_NoSuchOptionHint);
		}
		return option;
	}

	/** The agent answered {@code session/set_config_option} with the options now in force. */
	synchronized void setResult(JsonObject result) {
		fromSessionResult(result);
	}

	/** The agent took a legacy mode (its answer to {@code session/set_mode} carries none). */
	synchronized void modeSet(String mode) {
		if (legacyModes != null) {
			legacyModes = legacyModes.withValue(mode);
			report();
		}
	}

	private void report() {
		sink.configOptions(all());
	}

	private static List<ConfigOption> parse(JsonArray offered) {
		List<ConfigOption> parsed = new ArrayList<>();
		for (JsonElement element : offered) {
			if (!element.isJsonObject()) {
				continue;
			}
			JsonObject option = element.getAsJsonObject();
			String id = AcpUpdates.string(option, "id"); //$NON-NLS-1$
			String type = AcpUpdates.string(option, "type"); //$NON-NLS-1$
			if (id == null || id.equals(LEGACY_MODE_ID)) {
				continue;
			}
			String name = AcpUpdates.string(option, "name"); //$NON-NLS-1$
			String description = AcpUpdates.string(option, "description"); //$NON-NLS-1$
			String category = AcpUpdates.string(option, "category"); //$NON-NLS-1$
			if ("boolean".equals(type)) { //$NON-NLS-1$
				parsed.add(new ConfigOption(id, name == null ? id : name, description, category, ConfigOption.Type.BOOLEAN,
						String.valueOf(AcpUpdates.string(option, "currentValue")), List.of())); //$NON-NLS-1$
			} else if ("select".equals(type)) { //$NON-NLS-1$
				List<ConfigOption.Choice> choices = new ArrayList<>();
				JsonArray values = AcpUpdates.array(option, "options"); //$NON-NLS-1$
				if (values != null) {
					for (JsonElement value : values) {
						if (value.isJsonObject()) {
							addChoices(value.getAsJsonObject(), choices);
						}
					}
				}
				String current = AcpUpdates.string(option, "currentValue"); //$NON-NLS-1$
				if (current != null && choices.stream().noneMatch(choice -> choice.value().equals(current))) {
					// A value in force that the agent does not list: shown as it is rather than as nothing.
					choices.add(0, new ConfigOption.Choice(current, current, null, null));
				}
				parsed.add(new ConfigOption(id, name == null ? id : name, description, category, ConfigOption.Type.SELECT, current,
						choices));
			}
			// Types newer than Chorus are left out: nothing to show them with.
		}
		return parsed;
	}

	/** A choice, or a group of choices (then each carries the group's name). */
	private static void addChoices(JsonObject value, List<ConfigOption.Choice> choices) {
		JsonArray grouped = AcpUpdates.array(value, "options"); //$NON-NLS-1$
		if (grouped != null) {
			String group = AcpUpdates.string(value, "name"); //$NON-NLS-1$
			for (JsonElement element : grouped) {
				if (element.isJsonObject() && AcpUpdates.string(element.getAsJsonObject(), "value") != null) { //$NON-NLS-1$
					JsonObject choice = element.getAsJsonObject();
					choices.add(new ConfigOption.Choice(AcpUpdates.string(choice, "value"), name(choice, "value"), //$NON-NLS-1$ //$NON-NLS-2$
							AcpUpdates.string(choice, "description"), group)); //$NON-NLS-1$
				}
			}
		} else if (AcpUpdates.string(value, "value") != null) { //$NON-NLS-1$
			choices.add(new ConfigOption.Choice(AcpUpdates.string(value, "value"), name(value, "value"), //$NON-NLS-1$ //$NON-NLS-2$
					AcpUpdates.string(value, "description"), null)); //$NON-NLS-1$
		}
	}

	private static ConfigOption modes(JsonObject modes) {
		List<ConfigOption.Choice> choices = new ArrayList<>();
		JsonArray available = AcpUpdates.array(modes, "availableModes"); //$NON-NLS-1$
		if (available != null) {
			for (JsonElement element : available) {
				if (element.isJsonObject() && AcpUpdates.string(element.getAsJsonObject(), "id") != null) { //$NON-NLS-1$
					JsonObject mode = element.getAsJsonObject();
					choices.add(new ConfigOption.Choice(AcpUpdates.string(mode, "id"), name(mode, "id"), //$NON-NLS-1$ //$NON-NLS-2$
							AcpUpdates.string(mode, "description"), null)); //$NON-NLS-1$
				}
			}
		}
		return choices.isEmpty() ? null : new ConfigOption(LEGACY_MODE_ID, Messages.Option_Mode, null, ConfigOption.CATEGORY_MODE,
				ConfigOption.Type.SELECT, AcpUpdates.string(modes, "currentModeId"), choices); //$NON-NLS-1$
	}

	private static String name(JsonObject json, String fallbackKey) {
		String name = AcpUpdates.string(json, "name"); //$NON-NLS-1$
		return name != null ? name : AcpUpdates.string(json, fallbackKey);
	}
}
