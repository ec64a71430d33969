package dev.chorus.core.sessions;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;

import dev.chorus.core.transcript.EntryKind;
import dev.chorus.core.transcript.EntryState;
import dev.chorus.core.transcript.PlanStep;
import dev.chorus.core.transcript.Problem;
import dev.chorus.core.transcript.ToolCall;
import dev.chorus.core.transcript.TranscriptEntry;
import dev.chorus.core.transcript.Usage;

/** Transcript entries as JSON, field by field, so the file format does not follow refactorings. */
final class EntryCodec {

	private EntryCodec() {
	}

	static JsonObject encode(TranscriptEntry entry) {
		JsonObject json = new JsonObject();
		json.addProperty("i", entry.index()); //$NON-NLS-1$
		json.addProperty("kind", entry.kind().name()); //$NON-NLS-1$
		json.addProperty("time", entry.time() == null ? null : entry.time().toString()); //$NON-NLS-1$
		if (!entry.text().isEmpty()) {
			json.addProperty("text", entry.text()); //$NON-NLS-1$
		}
		json.addProperty("state", entry.state().name()); //$NON-NLS-1$
		ToolCall call = entry.toolCall();
		if (call != null) {
			JsonObject tool = new JsonObject();
			tool.addProperty("id", call.id()); //$NON-NLS-1$
			tool.addProperty("title", call.title()); //$NON-NLS-1$
			tool.addProperty("kind", call.toolKind()); //$NON-NLS-1$
			tool.addProperty("status", call.status()); //$NON-NLS-1$
			tool.addProperty("input", call.input()); //$NON-NLS-1$
			tool.addProperty("output", call.output()); //$NON-NLS-1$
			if (call.durationMillis() != null) {
				tool.addProperty("ms", call.durationMillis()); //$NON-NLS-1$
			}
			ToolContentCodec.encode(call, tool);
			json.add("tool", tool); //$NON-NLS-1$
		}
		if (!entry.plan().isEmpty()) {
			JsonArray plan = new JsonArray();
			for (PlanStep step : entry.plan()) {
				JsonObject item = new JsonObject();
				item.addProperty("content", step.content()); //$NON-NLS-1$
				item.addProperty("priority", step.priority()); //$NON-NLS-1$
				item.addProperty("status", step.status()); //$NON-NLS-1$
				plan.add(item);
			}
			json.add("plan", plan); //$NON-NLS-1$
		}
		Usage usage = entry.usage();
		if (usage != null) {
			JsonObject figures = new JsonObject();
			figures.addProperty("prompt", usage.promptTokens()); //$NON-NLS-1$
			figures.addProperty("completion", usage.completionTokens()); //$NON-NLS-1$
			figures.addProperty("total", usage.totalTokens()); //$NON-NLS-1$
			json.add("usage", figures); //$NON-NLS-1$
		}
		if (!entry.attachments().isEmpty()) {
			json.add("attachments", ToolContentCodec.encodeAttachments(entry.attachments())); //$NON-NLS-1$
		}
		Problem problem = entry.problem();
		if (problem != null) {
			JsonObject error = new JsonObject();
			error.addProperty("message", problem.message()); //$NON-NLS-1$
			error.addProperty("hint", problem.hint()); //$NON-NLS-1$
			json.add("problem", error); //$NON-NLS-1$
		}
		return json;
	}

	static TranscriptEntry decode(JsonObject json) {
		int index = json.get("i").getAsInt(); //$NON-NLS-1$
		EntryKind kind = EntryKind.valueOf(json.get("kind").getAsString()); //$NON-NLS-1$
		Instant time = string(json, "time") == null ? null : Instant.parse(string(json, "time")); //$NON-NLS-1$ //$NON-NLS-2$
		EntryState state = EntryState.valueOf(json.get("state").getAsString()); //$NON-NLS-1$
		ToolCall call = null;
		if (json.has("tool") && json.get("tool").isJsonObject()) { //$NON-NLS-1$ //$NON-NLS-2$
			JsonObject tool = json.getAsJsonObject("tool"); //$NON-NLS-1$
			call = new ToolCall(string(tool, "id"), string(tool, "title"), string(tool, "kind"), string(tool, "status"), //$NON-NLS-1$ //$NON-NLS-2$ //$NON-NLS-3$ //$NON-NLS-4$
					string(tool, "input"), string(tool, "output"), ToolContentCodec.diffs(tool), ToolContentCodec.locations(tool), //$NON-NLS-1$ //$NON-NLS-2$
					ToolContentCodec.terminal(tool),
					tool.has("ms") && tool.get("ms").isJsonPrimitive() ? Long.valueOf(tool.get("ms").getAsLong()) : null); //$NON-NLS-1$ //$NON-NLS-2$ //$NON-NLS-3$
		}
		List<PlanStep> plan = new ArrayList<>();
		if (json.has("plan") && json.get("plan").isJsonArray()) { //$NON-NLS-1$ //$NON-NLS-2$
			for (JsonElement element : json.getAsJsonArray("plan")) { //$NON-NLS-1$
				JsonObject item = element.getAsJsonObject();
				plan.add(new PlanStep(string(item, "content"), string(item, "priority"), string(item, "status"))); //$NON-NLS-1$ //$NON-NLS-2$ //$NON-NLS-3$
			}
		}
		Usage usage = null;
		if (json.has("usage") && json.get("usage").isJsonObject()) { //$NON-NLS-1$ //$NON-NLS-2$
			JsonObject figures = json.getAsJsonObject("usage"); //$NON-NLS-1$
			usage = new Usage(figures.get("prompt").getAsLong(), figures.get("completion").getAsLong(), //$NON-NLS-1$ //$NON-NLS-2$
					figures.get("total").getAsLong()); //$NON-NLS-1$
		}
		Problem problem = null;
		if (json.has("problem") && json.get("problem").isJsonObject()) { //$NON-NLS-1$ //$NON-NLS-2$
			JsonObject error = json.getAsJsonObject("problem"); //$NON-NLS-1$
			problem = new Problem(string(error, "message"), string(error, "hint")); //$NON-NLS-1$ //$NON-NLS-2$
		}
		return new TranscriptEntry(index, kind, time, string(json, "text"), state, call, plan, usage, problem, //$NON-NLS-1$
				ToolContentCodec.attachments(json));
	}

	static String string(JsonObject json, String key) {
		JsonElement element = json.get(key);
		return element == null || element.isJsonNull() ? null : element.getAsString();
	}
}
