package dev.chorus.core.sessions;

import java.io.BufferedReader;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import org.eclipse.osgi.util.NLS;

import com.google.gson.JsonObject;
import com.google.gson.JsonParseException;
import com.google.gson.JsonParser;

import dev.chorus.core.CoreMessages;
import dev.chorus.core.transcript.EntryKind;
import dev.chorus.core.transcript.EntryState;
import dev.chorus.core.transcript.TranscriptEntry;

/**
 * The on-disk form of a session: JSON Lines, appended and never rewritten while it streams.
 *
 * <pre>
 * {"chorus":"session","version":1,"id":"…","agent":"…","created":"…","cwd":"…"}   header (cwd optional)
 * {"e":"add", …entry…}             a new entry, whole
 * {"e":"append","i":3,"d":"…"}     text streamed onto entry 3
 * {"e":"update", …entry…}          entry replaced (tool call status, end state)
 * {"e":"title","title":"…"}        renamed
 * {"e":"backend","id":"…"}         the backend's session id (null: forgotten)
 * {"e":"clear"}                    Clear Chat: the conversation starts over
 * </pre>
 *
 * A process killed mid-write leaves at most one broken last line, which replay skips; an entry
 * still STREAMING at the end of the file was cut off, and loads as STOPPED.
 */
final class SessionLog {

	static final String FORMAT = "session"; //$NON-NLS-1$
	static final int VERSION = 1;

	/** A replayed session. */
	record Replay(String id, String agentId, Instant created, Instant updated, String title, String backendSessionId,
			String workingDirectory, List<TranscriptEntry> entries, java.util.Map<String, String> configChoices) {

		int messageCount() {
			return (int) entries.stream().filter(e -> e.kind() == EntryKind.USER || e.kind() == EntryKind.ASSISTANT).count();
		}

		long totalTokens() {
			return entries.stream().filter(e -> e.usage() != null).mapToLong(e -> Math.max(0, e.usage().totalTokens())).sum();
		}
	}

	private SessionLog() {
	}

	static JsonObject header(String id, String agentId, Instant created, String workingDirectory) {
		JsonObject header = new JsonObject();
		header.addProperty("chorus", FORMAT); //$NON-NLS-1$
		header.addProperty("version", VERSION); //$NON-NLS-1$
		header.addProperty("id", id); //$NON-NLS-1$
		header.addProperty("agent", agentId); //$NON-NLS-1$
		header.addProperty("created", created.toString()); //$NON-NLS-1$
		if (workingDirectory != null) {
			header.addProperty("cwd", workingDirectory); //$NON-NLS-1$
		}
		return header;
	}

	/** Replays a session file; throws with a message for the user when its header is unusable. */
	static Replay replay(Path file) throws IOException {
		try (BufferedReader reader = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
			String first = reader.readLine();
			JsonObject header = parse(first);
			if (header == null || !FORMAT.equals(EntryCodec.string(header, "chorus"))) { //$NON-NLS-1$
				throw new IOException(NLS.bind(CoreMessages.Session_NotASession, file.getFileName()));
			}
			int version = header.has("version") ? header.get("version").getAsInt() : -1; //$NON-NLS-1$ //$NON-NLS-2$
			if (version != VERSION) {
				throw new IOException(NLS.bind(CoreMessages.Session_UnknownVersion, file.getFileName(), version));
			}
			String id = EntryCodec.string(header, "id"); //$NON-NLS-1$
			String agentId = EntryCodec.string(header, "agent"); //$NON-NLS-1$
			Instant created = Instant.parse(EntryCodec.string(header, "created")); //$NON-NLS-1$
			List<TranscriptEntry> entries = new ArrayList<>();
			List<StringBuilder> texts = new ArrayList<>();
			String title = ""; //$NON-NLS-1$
			String backendId = null;
			java.util.Map<String, String> config = new java.util.LinkedHashMap<>();
			String line;
			while ((line = reader.readLine()) != null) {
				PlainAppend plain = PlainAppend.of(line);
				if (plain != null) {
					appendText(entries, texts, plain.index(), plain.delta());
					continue;
				}
				JsonObject event = parse(line);
				if (event == null) {
					continue; // the line a crash cut short
				}
				try {
					switch (String.valueOf(EntryCodec.string(event, "e"))) { //$NON-NLS-1$
					case "add", "update" -> { //$NON-NLS-1$ //$NON-NLS-2$
						TranscriptEntry entry = EntryCodec.decode(event);
						while (entries.size() <= entry.index()) {
							entries.add(null);
							texts.add(new StringBuilder());
						}
						entries.set(entry.index(), entry);
						texts.set(entry.index(), new StringBuilder(entry.text()));
					}
					case "append" -> appendText(entries, texts, event.get("i").getAsInt(), EntryCodec.string(event, "d")); //$NON-NLS-1$ //$NON-NLS-2$ //$NON-NLS-3$
					case "title" -> title = EntryCodec.string(event, "title"); //$NON-NLS-1$ //$NON-NLS-2$
					case "backend" -> backendId = EntryCodec.string(event, "id"); //$NON-NLS-1$ //$NON-NLS-2$
					case "config" -> { //$NON-NLS-1$
						String option = EntryCodec.string(event, "id"); //$NON-NLS-1$
						String value = EntryCodec.string(event, "value"); //$NON-NLS-1$
						if (option != null && value != null) {
							config.put(option, value);
						}
					}
					case "clear" -> { //$NON-NLS-1$
						entries.clear();
						texts.clear();
						backendId = null;
						config.clear();
					}
					default -> {
						// An event of a newer Chorus: skipped, the rest still loads.
					}
					}
				} catch (RuntimeException e) {
					// A damaged event loses only itself.
				}
			}
			List<TranscriptEntry> result = new ArrayList<>();
			for (int i = 0; i < entries.size(); i++) {
				TranscriptEntry entry = entries.get(i);
				if (entry == null) {
					continue;
				}
				entry = entry.withText(texts.get(i).toString());
				if (entry.state() == EntryState.STREAMING) {
					entry = entry.withState(EntryState.STOPPED);
				}
				result.add(entry.at(result.size()));
			}
			Instant updated = Files.getLastModifiedTime(file).toInstant();
			return new Replay(id, agentId, created, updated, title, backendId, EntryCodec.string(header, "cwd"), result, config); //$NON-NLS-1$
		} catch (RuntimeException e) {
			throw new IOException(NLS.bind(CoreMessages.Session_Corrupt, file.getFileName(), e.getMessage()), e);
		}
	}

	/** Streamed text onto an entry the file added; text for any other index is ignored. */
	private static void appendText(List<TranscriptEntry> entries, List<StringBuilder> texts, int index, String delta) {
		if (index >= 0 && index < texts.size() && entries.get(index) != null) {
			texts.get(index).append(delta);
		}
	}

	/**
	 * An append line without escapes, read without the JSON parser. Streamed text is most of a
	 * long session's lines, one per piece of text, all written by SessionWriter in one form; a
	 * parser building an object per line made opening and searching long sessions several times
	 * slower. Any other line, or one that does not look exactly so, goes to the JSON parser.
	 */
	record PlainAppend(int index, String delta) {

		private static final String PREFIX = "{\"e\":\"append\",\"i\":"; //$NON-NLS-1$
		private static final String DELTA_KEY = ",\"d\":\""; //$NON-NLS-1$
		private static final String END = "\"}"; //$NON-NLS-1$

		/** The line's entry index and text, or null if it is not a plain append line. */
		static PlainAppend of(String line) {
			if (!line.startsWith(PREFIX)) {
				return null;
			}
			int index = 0;
			int at = PREFIX.length();
			while (at < line.length() && at - PREFIX.length() < 9 && line.charAt(at) >= '0' && line.charAt(at) <= '9') {
				index = index * 10 + (line.charAt(at++) - '0');
			}
			int start = at + DELTA_KEY.length();
			int end = line.length() - END.length();
			if (at == PREFIX.length() || !line.startsWith(DELTA_KEY, at) || end < start || !line.endsWith(END)) {
				return null;
			}
			for (int i = start; i < end; i++) {
				char c = line.charAt(i);
				if (c == '\\' || c == '"') {
					return null;
				}
			}
			return new PlainAppend(index, line.substring(start, end));
		}
	}

	private static JsonObject parse(String line) {
		if (line == null || line.isBlank()) {
			return null;
		}
		try {
			return JsonParser.parseString(line).getAsJsonObject();
		} catch (JsonParseException | IllegalStateException e) {
			return null;
		}
	}
}
