package dev.chorus.backend.acp;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import com.google.gson.Gson;
import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;

import dev.chorus.core.backend.ContextUsage;
import dev.chorus.core.backend.ISessionSink;
import dev.chorus.core.backend.ITurnSink;
import dev.chorus.core.backend.SlashCommand;
import dev.chorus.core.transcript.FileDiff;
import dev.chorus.core.transcript.PlanStep;
import dev.chorus.core.transcript.TerminalOutput;
import dev.chorus.core.transcript.ToolCall;
import dev.chorus.core.transcript.ToolLocation;

/**
 * Maps ACP {@code session/update} notifications onto a turn's sink and the session's sink. The set
 * of update kinds is open: kinds Chorus does not know are ignored, never fatal, and so is an update
 * whose fields have unexpected types.
 */
final class AcpUpdates {

	private static final Gson GSON = new Gson();
	/** The most of a tool's raw input or output kept as text. */
	static final int MAX_RAW_CHARS = 64 * 1024;

	private AcpUpdates() {
	}

	/** Whether the update belongs to the conversation rather than to a turn (shown even between turns). */
	static boolean isSessionUpdate(String kind) {
		return switch (String.valueOf(kind)) {
		case "available_commands_update", "usage_update", "session_info_update", "config_option_update", //$NON-NLS-1$ //$NON-NLS-2$ //$NON-NLS-3$ //$NON-NLS-4$
				"current_mode_update" -> true; //$NON-NLS-1$
		default -> false;
		};
	}

	/** A session-level update; config options and modes are the caller's. */
	static void applyToSession(JsonObject update, ISessionSink session) {
		switch (String.valueOf(string(update, "sessionUpdate"))) { //$NON-NLS-1$
		case "available_commands_update" -> session.commands(commands(update.get("availableCommands"))); //$NON-NLS-1$ //$NON-NLS-2$
		case "usage_update" -> usage(update).ifPresent(session::contextUsage); //$NON-NLS-1$
		case "session_info_update" -> { //$NON-NLS-1$
			String title = string(update, "title"); //$NON-NLS-1$
			if (title != null) {
				session.title(title);
			}
		}
		default -> {
			// Options and modes are kept by the conversation, which knows their state.
		}
		}
	}

	/** A turn-level update. */
	static void apply(JsonObject update, ITurnSink sink) {
		String kind = string(update, "sessionUpdate"); //$NON-NLS-1$
		if (kind == null) {
			return;
		}
		switch (kind) {
		case "agent_message_chunk" -> text(update).ifPresent(sink::text); //$NON-NLS-1$
		case "agent_thought_chunk" -> text(update).ifPresent(sink::reasoning); //$NON-NLS-1$
		case "tool_call", "tool_call_update" -> { //$NON-NLS-1$ //$NON-NLS-2$
			if (string(update, "toolCallId") != null) { //$NON-NLS-1$
				sink.toolCall(toolCall(update));
			}
		}
		case "plan" -> sink.plan(plan(update)); //$NON-NLS-1$
		default -> {
			// user_message_chunk (replay) and kinds newer than Chorus: nothing to show.
		}
		}
	}

	private static Optional<String> text(JsonObject update) {
		JsonElement content = update.get("content"); //$NON-NLS-1$
		if (content == null || !content.isJsonObject()) {
			return Optional.empty();
		}
		return Optional.ofNullable(blockText(content.getAsJsonObject()));
	}

	/** What a content block shows as text: its text, or a short description of an image or resource. */
	static String blockText(JsonObject block) {
		String type = string(block, "type"); //$NON-NLS-1$
		if (type == null) {
			return null;
		}
		return switch (type) {
		case "text" -> string(block, "text"); //$NON-NLS-1$ //$NON-NLS-2$
		case "resource_link" -> "[" + String.valueOf(string(block, "name") != null ? string(block, "name") : string(block, "uri")) + "](" //$NON-NLS-1$ //$NON-NLS-2$ //$NON-NLS-3$ //$NON-NLS-4$ //$NON-NLS-5$ //$NON-NLS-6$
				+ string(block, "uri") + ")"; //$NON-NLS-1$ //$NON-NLS-2$
		case "resource" -> { //$NON-NLS-1$
			JsonObject resource = object(block, "resource"); //$NON-NLS-1$
			String text = resource == null ? null : string(resource, "text"); //$NON-NLS-1$
			yield text != null ? text : resource == null ? null : "[" + string(resource, "uri") + "]"; //$NON-NLS-1$ //$NON-NLS-2$ //$NON-NLS-3$
		}
		case "image" -> "[" + Messages.Content_Image + ' ' + String.valueOf(string(block, "mimeType")) + "]"; //$NON-NLS-1$ //$NON-NLS-2$ //$NON-NLS-3$ //$NON-NLS-4$
		case "audio" -> "[" + Messages.Content_Audio + "]"; //$NON-NLS-1$ //$NON-NLS-2$ //$NON-NLS-3$
		default -> null;
		};
	}

	/** A tool call or its update: fields the agent left out stay {@code null}, so they merge. */
	static ToolCall toolCall(JsonObject call) {
		String input = raw(call.get("rawInput")); //$NON-NLS-1$
		List<FileDiff> diffs = null;
		TerminalOutput terminal = null;
		StringBuilder text = null;
		JsonElement content = call.get("content"); //$NON-NLS-1$
		if (content != null && content.isJsonArray()) {
			diffs = new ArrayList<>();
			text = new StringBuilder();
			for (JsonElement element : content.getAsJsonArray()) {
				if (!element.isJsonObject()) {
					continue;
				}
				JsonObject item = element.getAsJsonObject();
				switch (String.valueOf(string(item, "type"))) { //$NON-NLS-1$
				case "content" -> { //$NON-NLS-1$
					JsonObject block = object(item, "content"); //$NON-NLS-1$
					String part = block == null ? null : blockText(block);
					if (part != null) {
						text.append(part).append('\n');
					}
				}
				case "diff" -> { //$NON-NLS-1$
					String path = string(item, "path"); //$NON-NLS-1$
					if (path != null) {
						diffs.add(FileDiff.bounded(path, string(item, "oldText"), String.valueOf(string(item, "newText")))); //$NON-NLS-1$ //$NON-NLS-2$
					}
				}
				case "terminal" -> { //$NON-NLS-1$
					String id = string(item, "terminalId"); //$NON-NLS-1$
					if (id != null) {
						terminal = TerminalOutput.named(id);
					}
				}
				default -> {
					// Newer kinds of content: not shown.
				}
				}
			}
			if (diffs.isEmpty()) {
				diffs = null;
			}
		}
		String output = text == null || text.length() == 0 ? null : bounded(text.toString().stripTrailing());
		if (output == null) {
			output = raw(call.get("rawOutput")); //$NON-NLS-1$
		}
		return new ToolCall(string(call, "toolCallId"), string(call, "title"), string(call, "kind"), string(call, "status"), //$NON-NLS-1$ //$NON-NLS-2$ //$NON-NLS-3$ //$NON-NLS-4$
				input, output, diffs, locations(call.get("locations")), terminal); //$NON-NLS-1$
	}

	private static String raw(JsonElement element) {
		if (element == null || element.isJsonNull()) {
			return null;
		}
		return bounded(element.isJsonPrimitive() ? element.getAsString() : GSON.toJson(element));
	}

	private static String bounded(String text) {
		return text.length() <= MAX_RAW_CHARS ? text : text.substring(0, MAX_RAW_CHARS) + '\u2026';
	}

	private static List<ToolLocation> locations(JsonElement element) {
		if (element == null || !element.isJsonArray()) {
			return null;
		}
		List<ToolLocation> locations = new ArrayList<>();
		for (JsonElement item : element.getAsJsonArray()) {
			if (item.isJsonObject() && string(item.getAsJsonObject(), "path") != null) { //$NON-NLS-1$
				JsonElement line = item.getAsJsonObject().get("line"); //$NON-NLS-1$
				locations.add(new ToolLocation(string(item.getAsJsonObject(), "path"), //$NON-NLS-1$
						line != null && line.isJsonPrimitive() && line.getAsJsonPrimitive().isNumber() ? line.getAsInt() : null));
			}
		}
		return locations;
	}

	private static List<PlanStep> plan(JsonObject update) {
		List<PlanStep> steps = new ArrayList<>();
		JsonElement entries = update.get("entries"); //$NON-NLS-1$
		if (entries != null && entries.isJsonArray()) {
			for (JsonElement element : entries.getAsJsonArray()) {
				if (element.isJsonObject()) {
					JsonObject entry = element.getAsJsonObject();
					steps.add(new PlanStep(string(entry, "content"), string(entry, "priority"), string(entry, "status"))); //$NON-NLS-1$ //$NON-NLS-2$ //$NON-NLS-3$
				}
			}
		}
		return steps;
	}

	static List<SlashCommand> commands(JsonElement element) {
		List<SlashCommand> commands = new ArrayList<>();
		if (element != null && element.isJsonArray()) {
			for (JsonElement item : element.getAsJsonArray()) {
				if (!item.isJsonObject() || string(item.getAsJsonObject(), "name") == null) { //$NON-NLS-1$
					continue;
				}
				JsonObject command = item.getAsJsonObject();
				JsonObject input = object(command, "input"); //$NON-NLS-1$
				commands.add(new SlashCommand(string(command, "name"), String.valueOf(string(command, "description")), //$NON-NLS-1$ //$NON-NLS-2$
						input == null ? null : string(input, "hint"))); //$NON-NLS-1$
			}
		}
		return commands;
	}

	private static Optional<ContextUsage> usage(JsonObject update) {
		JsonElement used = update.get("used"); //$NON-NLS-1$
		JsonElement size = update.get("size"); //$NON-NLS-1$
		if (!isNumber(used) || !isNumber(size)) {
			return Optional.empty();
		}
		JsonObject cost = object(update, "cost"); //$NON-NLS-1$
		Double amount = cost != null && isNumber(cost.get("amount")) ? cost.get("amount").getAsDouble() : null; //$NON-NLS-1$ //$NON-NLS-2$
		return Optional.of(new ContextUsage(used.getAsLong(), size.getAsLong(), amount, cost == null ? null : string(cost, "currency"))); //$NON-NLS-1$
	}

	private static boolean isNumber(JsonElement element) {
		return element != null && element.isJsonPrimitive() && element.getAsJsonPrimitive().isNumber();
	}

	static JsonObject object(JsonObject json, String key) {
		JsonElement element = json.get(key);
		return element != null && element.isJsonObject() ? element.getAsJsonObject() : null;
	}

	static JsonArray array(JsonObject json, String key) {
		JsonElement element = json.get(key);
		return element != null && element.isJsonArray() ? element.getAsJsonArray() : null;
	}

	static String string(JsonObject json, String key) {
		JsonElement element = json.get(key);
		return element == null || element.isJsonNull() || !element.isJsonPrimitive() ? null : element.getAsString();
	}
}
