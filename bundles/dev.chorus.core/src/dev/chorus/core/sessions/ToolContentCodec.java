package dev.chorus.core.sessions;

import java.util.ArrayList;
import java.util.List;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;

import dev.chorus.core.transcript.Attachment;
import dev.chorus.core.transcript.FileDiff;
import dev.chorus.core.transcript.TerminalOutput;
import dev.chorus.core.transcript.ToolCall;
import dev.chorus.core.transcript.ToolLocation;

/**
 * A tool call's diffs, locations and terminal, and a message's attachments, in the session file;
 * absent fields stay absent.
 */
final class ToolContentCodec {

	private ToolContentCodec() {
	}

	static void encode(ToolCall call, JsonObject tool) {
		if (call.diffs() != null) {
			JsonArray diffs = new JsonArray();
			for (FileDiff diff : call.diffs()) {
				JsonObject item = new JsonObject();
				item.addProperty("path", diff.path()); //$NON-NLS-1$
				item.addProperty("old", diff.oldText()); //$NON-NLS-1$
				item.addProperty("new", diff.newText()); //$NON-NLS-1$
				if (diff.truncated()) {
					item.addProperty("truncated", true); //$NON-NLS-1$
				}
				diffs.add(item);
			}
			tool.add("diffs", diffs); //$NON-NLS-1$
		}
		if (call.locations() != null) {
			JsonArray locations = new JsonArray();
			for (ToolLocation location : call.locations()) {
				JsonObject item = new JsonObject();
				item.addProperty("path", location.path()); //$NON-NLS-1$
				item.addProperty("line", location.line()); //$NON-NLS-1$
				locations.add(item);
			}
			tool.add("locations", locations); //$NON-NLS-1$
		}
		TerminalOutput terminal = call.terminal();
		if (terminal != null) {
			JsonObject item = new JsonObject();
			item.addProperty("id", terminal.terminalId()); //$NON-NLS-1$
			item.addProperty("command", terminal.command()); //$NON-NLS-1$
			item.addProperty("output", terminal.output()); //$NON-NLS-1$
			item.addProperty("truncated", terminal.truncated()); //$NON-NLS-1$
			item.addProperty("exit", terminal.exitCode()); //$NON-NLS-1$
			item.addProperty("signal", terminal.signal()); //$NON-NLS-1$
			item.addProperty("running", terminal.running()); //$NON-NLS-1$
			tool.add("terminal", item); //$NON-NLS-1$
		}
	}

	static List<FileDiff> diffs(JsonObject tool) {
		if (!tool.has("diffs") || !tool.get("diffs").isJsonArray()) { //$NON-NLS-1$ //$NON-NLS-2$
			return null;
		}
		List<FileDiff> diffs = new ArrayList<>();
		for (JsonElement element : tool.getAsJsonArray("diffs")) { //$NON-NLS-1$
			JsonObject item = element.getAsJsonObject();
			diffs.add(new FileDiff(EntryCodec.string(item, "path"), EntryCodec.string(item, "old"), //$NON-NLS-1$ //$NON-NLS-2$
					String.valueOf(EntryCodec.string(item, "new")), item.has("truncated"))); //$NON-NLS-1$ //$NON-NLS-2$
		}
		return diffs;
	}

	static List<ToolLocation> locations(JsonObject tool) {
		if (!tool.has("locations") || !tool.get("locations").isJsonArray()) { //$NON-NLS-1$ //$NON-NLS-2$
			return null;
		}
		List<ToolLocation> locations = new ArrayList<>();
		for (JsonElement element : tool.getAsJsonArray("locations")) { //$NON-NLS-1$
			JsonObject item = element.getAsJsonObject();
			JsonElement line = item.get("line"); //$NON-NLS-1$
			locations.add(new ToolLocation(EntryCodec.string(item, "path"), //$NON-NLS-1$
					line == null || line.isJsonNull() ? null : line.getAsInt()));
		}
		return locations;
	}

	static TerminalOutput terminal(JsonObject tool) {
		if (!tool.has("terminal") || !tool.get("terminal").isJsonObject()) { //$NON-NLS-1$ //$NON-NLS-2$
			return null;
		}
		JsonObject item = tool.getAsJsonObject("terminal"); //$NON-NLS-1$
		JsonElement exit = item.get("exit"); //$NON-NLS-1$
		return new TerminalOutput(EntryCodec.string(item, "id"), EntryCodec.string(item, "command"), //$NON-NLS-1$ //$NON-NLS-2$
				EntryCodec.string(item, "output"), item.has("truncated") && item.get("truncated").getAsBoolean(), //$NON-NLS-1$ //$NON-NLS-2$ //$NON-NLS-3$
				exit == null || exit.isJsonNull() ? null : exit.getAsInt(), EntryCodec.string(item, "signal"), //$NON-NLS-1$
				// A terminal still running when the session was stored ended with the process.
				false);
	}

	static JsonArray encodeAttachments(List<Attachment> attachments) {
		JsonArray array = new JsonArray();
		for (Attachment attachment : attachments) {
			JsonObject item = new JsonObject();
			item.addProperty("kind", attachment.kind().name()); //$NON-NLS-1$
			item.addProperty("name", attachment.name()); //$NON-NLS-1$
			item.addProperty("path", attachment.path()); //$NON-NLS-1$
			item.addProperty("text", attachment.text()); //$NON-NLS-1$
			item.addProperty("start", attachment.startLine()); //$NON-NLS-1$
			item.addProperty("end", attachment.endLine()); //$NON-NLS-1$
			item.addProperty("mime", attachment.mimeType()); //$NON-NLS-1$
			item.addProperty("data", attachment.data()); //$NON-NLS-1$
			array.add(item);
		}
		return array;
	}

	static List<Attachment> attachments(JsonObject entry) {
		if (!entry.has("attachments") || !entry.get("attachments").isJsonArray()) { //$NON-NLS-1$ //$NON-NLS-2$
			return null;
		}
		List<Attachment> attachments = new ArrayList<>();
		for (JsonElement element : entry.getAsJsonArray("attachments")) { //$NON-NLS-1$
			try {
				JsonObject item = element.getAsJsonObject();
				attachments.add(new Attachment(Attachment.Kind.valueOf(EntryCodec.string(item, "kind")), //$NON-NLS-1$
						EntryCodec.string(item, "name"), EntryCodec.string(item, "path"), EntryCodec.string(item, "text"), //$NON-NLS-1$ //$NON-NLS-2$ //$NON-NLS-3$
						integer(item, "start"), integer(item, "end"), EntryCodec.string(item, "mime"), EntryCodec.string(item, "data"))); //$NON-NLS-1$ //$NON-NLS-2$ //$NON-NLS-3$ //$NON-NLS-4$
			} catch (RuntimeException e) {
				// A damaged attachment loses only itself.
			}
		}
		return attachments;
	}

	private static Integer integer(JsonObject json, String key) {
		JsonElement element = json.get(key);
		return element == null || element.isJsonNull() ? null : element.getAsInt();
	}
}
