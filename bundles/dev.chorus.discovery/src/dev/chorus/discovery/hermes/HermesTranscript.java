package dev.chorus.discovery.hermes;

import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParseException;
import com.google.gson.JsonParser;

import dev.chorus.core.transcript.EntryKind;
import dev.chorus.core.transcript.EntryState;
import dev.chorus.core.transcript.ToolCall;
import dev.chorus.core.transcript.TranscriptEntry;
import dev.chorus.core.transcript.Usage;

/**
 * Hermes messages as a Chorus transcript: the user's messages; the agent's reasoning, text and
 * tool calls (OpenAI's {@code tool_calls} JSON), each call completed with the output of the
 * {@code tool} message that answers it; the system prompt left out; the session's token figures
 * as one usage entry at the end.
 */
final class HermesTranscript {

	static final int TITLE_LENGTH = 60;

	private HermesTranscript() {
	}

	static List<TranscriptEntry> entries(List<HermesStateDb.Message> messages, long inputTokens, long outputTokens) {
		List<TranscriptEntry> entries = new ArrayList<>();
		Map<String, Integer> calls = new HashMap<>();
		Instant last = null;
		for (HermesStateDb.Message message : messages) {
			Instant time = message.time();
			last = time == null ? last : time;
			String content = text(message.content());
			switch (message.role() == null ? "" : message.role()) { //$NON-NLS-1$
			case "user" -> { //$NON-NLS-1$
				if (!content.isBlank()) {
					entries.add(TranscriptEntry.text(entries.size(), EntryKind.USER, time, content, EntryState.COMPLETE));
				}
			}
			case "assistant" -> { //$NON-NLS-1$
				String reasoning = message.reasoning() == null ? "" : message.reasoning(); //$NON-NLS-1$
				if (!reasoning.isBlank()) {
					entries.add(TranscriptEntry.text(entries.size(), EntryKind.REASONING, time, reasoning, EntryState.COMPLETE));
				}
				if (!content.isBlank()) {
					entries.add(TranscriptEntry.text(entries.size(), EntryKind.ASSISTANT, time, content, EntryState.COMPLETE));
				}
				for (ToolCall call : toolCalls(message.toolCalls())) {
					calls.put(call.id(), entries.size());
					entries.add(new TranscriptEntry(entries.size(), EntryKind.TOOL_CALL, time, null, EntryState.COMPLETE, call,
							null, null, null));
				}
			}
			case "tool" -> { //$NON-NLS-1$
				Integer index = message.toolCallId() == null ? null : calls.get(message.toolCallId());
				if (index != null) {
					TranscriptEntry call = entries.get(index);
					entries.set(index, new TranscriptEntry(index, EntryKind.TOOL_CALL, call.time(), null, EntryState.COMPLETE,
							call.toolCall().merge(new ToolCall(null, null, null, null, null, content)), null, null, null));
				} else {
					String id = message.toolCallId() == null ? "tool-" + entries.size() : message.toolCallId(); //$NON-NLS-1$
					entries.add(new TranscriptEntry(entries.size(), EntryKind.TOOL_CALL, time, null, EntryState.COMPLETE,
							new ToolCall(id, message.toolName() == null ? "tool" : message.toolName(), null, //$NON-NLS-1$
									ToolCall.STATUS_COMPLETED, null, content),
							null, null, null));
				}
			}
			default -> {
				// The system prompt and roles of newer Hermes versions: not part of the conversation shown.
			}
			}
		}
		if (inputTokens > 0 || outputTokens > 0) {
			entries.add(new TranscriptEntry(entries.size(), EntryKind.USAGE, last, null, EntryState.COMPLETE, null, null,
					new Usage(inputTokens, outputTokens, inputTokens + outputTokens), null));
		}
		return entries;
	}

	/** The session's title, else its first message cut to 60 characters, as the desktop app shows it. */
	static String title(String stored, List<TranscriptEntry> entries) {
		if (stored != null && !stored.isBlank()) {
			return stored.strip();
		}
		for (TranscriptEntry entry : entries) {
			if (entry.kind() == EntryKind.USER) {
				String first = entry.text().strip().replaceAll("\\s+", " "); //$NON-NLS-1$ //$NON-NLS-2$
				return first.length() > TITLE_LENGTH ? first.substring(0, TITLE_LENGTH) : first;
			}
		}
		return ""; //$NON-NLS-1$
	}

	/** Plain text, or the text parts of a multimodal content list. */
	static String text(String content) {
		if (content == null) {
			return ""; //$NON-NLS-1$
		}
		String trimmed = content.strip();
		if (trimmed.startsWith("[{") && trimmed.endsWith("}]")) { //$NON-NLS-1$ //$NON-NLS-2$
			try {
				StringBuilder text = new StringBuilder();
				for (JsonElement part : JsonParser.parseString(trimmed).getAsJsonArray()) {
					JsonObject object = part.getAsJsonObject();
					if (object.has("text") && object.get("text").isJsonPrimitive()) { //$NON-NLS-1$ //$NON-NLS-2$
						text.append(text.isEmpty() ? "" : "\n\n").append(object.get("text").getAsString()); //$NON-NLS-1$ //$NON-NLS-2$ //$NON-NLS-3$
					}
				}
				return text.toString();
			} catch (JsonParseException | IllegalStateException | UnsupportedOperationException e) {
				return content;
			}
		}
		return content;
	}

	static List<ToolCall> toolCalls(String json) {
		List<ToolCall> calls = new ArrayList<>();
		if (json == null || json.isBlank()) {
			return calls;
		}
		try {
			JsonElement parsed = JsonParser.parseString(json);
			JsonArray array = parsed.isJsonArray() ? parsed.getAsJsonArray() : new JsonArray();
			for (JsonElement element : array) {
				if (!element.isJsonObject()) {
					continue;
				}
				JsonObject call = element.getAsJsonObject();
				JsonObject function = call.has("function") && call.get("function").isJsonObject() //$NON-NLS-1$ //$NON-NLS-2$
						? call.getAsJsonObject("function") //$NON-NLS-1$
						: new JsonObject();
				String id = string(call, "id"); //$NON-NLS-1$
				String name = string(function, "name"); //$NON-NLS-1$
				JsonElement arguments = function.get("arguments"); //$NON-NLS-1$
				String input = arguments == null || arguments.isJsonNull() ? null
						: arguments.isJsonPrimitive() ? arguments.getAsString() : arguments.toString();
				calls.add(new ToolCall(id == null ? "call-" + calls.size() : id, name == null ? "tool" : name, null, //$NON-NLS-1$ //$NON-NLS-2$
						ToolCall.STATUS_COMPLETED, input, null));
			}
		} catch (JsonParseException e) {
			// Damaged tool calls lose only themselves.
		}
		return calls;
	}

	private static String string(JsonObject object, String key) {
		return object.has(key) && object.get(key).isJsonPrimitive() ? object.get(key).getAsString() : null;
	}
}
