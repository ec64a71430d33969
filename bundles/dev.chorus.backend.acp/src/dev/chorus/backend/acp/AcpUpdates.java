package dev.chorus.backend.acp;

import java.util.ArrayList;
import java.util.List;

import com.google.gson.Gson;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;

import dev.chorus.core.backend.ITurnSink;
import dev.chorus.core.transcript.PlanStep;
import dev.chorus.core.transcript.ToolCall;

/**
 * Maps ACP {@code session/update} notifications onto a turn's sink. The set of update kinds is
 * open: kinds Chorus does not show (available commands, modes, newer ones) are ignored.
 */
final class AcpUpdates {

	private static final Gson GSON = new Gson();

	private AcpUpdates() {
	}

	static void apply(JsonObject update, ITurnSink sink) {
		String kind = string(update, "sessionUpdate"); //$NON-NLS-1$
		if (kind == null) {
			return;
		}
		switch (kind) {
		case "agent_message_chunk" -> text(update).ifPresent(sink::text); //$NON-NLS-1$
		case "agent_thought_chunk" -> text(update).ifPresent(sink::reasoning); //$NON-NLS-1$
		case "tool_call", "tool_call_update" -> sink.toolCall(toolCall(update)); //$NON-NLS-1$ //$NON-NLS-2$
		case "plan" -> sink.plan(plan(update)); //$NON-NLS-1$
		default -> {
			// user_message_chunk (replay), available_commands_update, current_mode_update and
			// kinds newer than Chorus: nothing to show.
		}
		}
	}

	private static java.util.Optional<String> text(JsonObject update) {
		JsonElement content = update.get("content"); //$NON-NLS-1$
		if (content != null && content.isJsonObject() && "text".equals(string(content.getAsJsonObject(), "type"))) { //$NON-NLS-1$ //$NON-NLS-2$
			return java.util.Optional.ofNullable(string(content.getAsJsonObject(), "text")); //$NON-NLS-1$
		}
		return java.util.Optional.empty();
	}

	/** A tool call or its update: fields the agent left out stay {@code null}, so they merge. */
	static ToolCall toolCall(JsonObject call) {
		String input = call.has("rawInput") && !call.get("rawInput").isJsonNull() ? GSON.toJson(call.get("rawInput")) : null; //$NON-NLS-1$ //$NON-NLS-2$ //$NON-NLS-3$
		String output = contentText(call);
		if (output == null && call.has("rawOutput") && !call.get("rawOutput").isJsonNull()) { //$NON-NLS-1$ //$NON-NLS-2$
			output = GSON.toJson(call.get("rawOutput")); //$NON-NLS-1$
		}
		return new ToolCall(string(call, "toolCallId"), string(call, "title"), string(call, "kind"), string(call, "status"), //$NON-NLS-1$ //$NON-NLS-2$ //$NON-NLS-3$ //$NON-NLS-4$
				input, output);
	}

	/** Text of a tool call's content: text blocks as they are, diffs as the path and new text. */
	private static String contentText(JsonObject call) {
		JsonElement content = call.get("content"); //$NON-NLS-1$
		if (content == null || !content.isJsonArray() || content.getAsJsonArray().isEmpty()) {
			return null;
		}
		StringBuilder text = new StringBuilder();
		for (JsonElement element : content.getAsJsonArray()) {
			if (!element.isJsonObject()) {
				continue;
			}
			JsonObject item = element.getAsJsonObject();
			String type = string(item, "type"); //$NON-NLS-1$
			if ("content".equals(type) && item.has("content") && item.get("content").isJsonObject()) { //$NON-NLS-1$ //$NON-NLS-2$ //$NON-NLS-3$
				String part = string(item.getAsJsonObject("content"), "text"); //$NON-NLS-1$ //$NON-NLS-2$
				if (part != null) {
					text.append(part).append('\n');
				}
			} else if ("diff".equals(type)) { //$NON-NLS-1$
				text.append("--- ").append(string(item, "path")).append('\n').append(String.valueOf(string(item, "newText"))).append('\n'); //$NON-NLS-1$ //$NON-NLS-2$ //$NON-NLS-3$
			}
		}
		return text.length() == 0 ? null : text.toString().stripTrailing();
	}

	private static List<PlanStep> plan(JsonObject update) {
		List<PlanStep> steps = new ArrayList<>();
		JsonElement entries = update.get("entries"); //$NON-NLS-1$
		if (entries != null && entries.isJsonArray()) {
			for (JsonElement element : entries.getAsJsonArray()) {
				JsonObject entry = element.getAsJsonObject();
				steps.add(new PlanStep(string(entry, "content"), string(entry, "priority"), string(entry, "status"))); //$NON-NLS-1$ //$NON-NLS-2$ //$NON-NLS-3$
			}
		}
		return steps;
	}

	static String string(JsonObject json, String key) {
		JsonElement element = json.get(key);
		return element == null || element.isJsonNull() || !element.isJsonPrimitive() ? null : element.getAsString();
	}
}
