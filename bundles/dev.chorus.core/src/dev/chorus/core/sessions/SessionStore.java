package dev.chorus.core.sessions;

import java.io.BufferedWriter;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.format.DateTimeFormatter;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ThreadLocalRandom;

import org.eclipse.core.runtime.IProgressMonitor;
import org.eclipse.core.runtime.NullProgressMonitor;
import org.eclipse.osgi.util.NLS;

import com.google.gson.Gson;
import com.google.gson.GsonBuilder;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;

import dev.chorus.core.CoreMessages;
import dev.chorus.core.Files2;
import dev.chorus.core.agents.ProfileIds;
import dev.chorus.core.transcript.EntryKind;
import dev.chorus.core.transcript.TranscriptEntry;

/**
 * The persisted conversations of all agents: {@code agents/<agent>/sessions/<id>.jsonl}, with a
 * small summary beside each ({@code <id>.meta.json}) so that listing ten thousand sessions does not
 * replay ten thousand transcripts. A summary that is missing or older than its transcript (a crash)
 * is rebuilt by replaying. A file that cannot be read is reported in {@link #getProblems()} and
 * skipped; every other session loads.
 */
public final class SessionStore {

	private static final String LOG = ".jsonl"; //$NON-NLS-1$
	private static final String SUMMARY = ".meta.json"; //$NON-NLS-1$
	private static final DateTimeFormatter ID_TIME = DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss").withZone(ZoneOffset.UTC); //$NON-NLS-1$
	private static final Gson GSON = new GsonBuilder().disableHtmlEscaping().create();

	private final Path agentsFolder;
	private final Map<String, SessionInfo> sessions = new ConcurrentHashMap<>();
	private final List<ISessionListener> listeners = new CopyOnWriteArrayList<>();
	private final List<SessionProblem> problems = new CopyOnWriteArrayList<>();

	public SessionStore(Path agentsFolder) {
		this.agentsFolder = agentsFolder;
		scan();
	}

	private void scan() {
		if (!Files.isDirectory(agentsFolder)) {
			return;
		}
		try (DirectoryStream<Path> agents = Files.newDirectoryStream(agentsFolder, Files::isDirectory)) {
			for (Path agent : agents) {
				Path folder = agent.resolve("sessions"); //$NON-NLS-1$
				if (!ProfileIds.isValid(agent.getFileName().toString()) || !Files.isDirectory(folder)) {
					continue;
				}
				try (DirectoryStream<Path> logs = Files.newDirectoryStream(folder, "*" + LOG)) { //$NON-NLS-1$
					for (Path log : logs) {
						loadInfo(log).ifPresent(info -> sessions.put(info.id(), info));
					}
				} catch (IOException e) {
					problems.add(new SessionProblem(folder, NLS.bind(CoreMessages.Session_FolderUnreadable, folder, e.getMessage())));
				}
			}
		} catch (IOException e) {
			problems.add(new SessionProblem(agentsFolder, NLS.bind(CoreMessages.Session_FolderUnreadable, agentsFolder, e.getMessage())));
		}
	}

	private Optional<SessionInfo> loadInfo(Path log) {
		Path summary = summaryOf(log);
		try {
			long size = Files.size(log);
			if (Files.isRegularFile(summary)) {
				JsonObject json = JsonParser.parseString(Files.readString(summary, StandardCharsets.UTF_8)).getAsJsonObject();
				if (json.has("logSize") && json.get("logSize").getAsLong() == size) { //$NON-NLS-1$ //$NON-NLS-2$
					return Optional.of(fromSummary(json, log));
				}
			}
		} catch (IOException | RuntimeException e) {
			// An unreadable summary is rebuilt from the transcript below.
		}
		try {
			SessionLog.Replay replay = SessionLog.replay(log);
			SessionInfo info = new SessionInfo(replay.id(), replay.agentId(), replay.title(), replay.created(),
					replay.updated(), replay.backendSessionId(), replay.messageCount(), replay.totalTokens(), log,
					replay.workingDirectory());
			writeSummary(info);
			return Optional.of(info);
		} catch (IOException e) {
			problems.add(new SessionProblem(log, e.getMessage()));
			return Optional.empty();
		}
	}

	private static SessionInfo fromSummary(JsonObject json, Path log) {
		return new SessionInfo(json.get("id").getAsString(), json.get("agent").getAsString(), //$NON-NLS-1$ //$NON-NLS-2$
				EntryCodec.string(json, "title"), Instant.parse(json.get("created").getAsString()), //$NON-NLS-1$ //$NON-NLS-2$
				Instant.parse(json.get("updated").getAsString()), EntryCodec.string(json, "backendSessionId"), //$NON-NLS-1$ //$NON-NLS-2$
				json.get("messages").getAsInt(), json.get("tokens").getAsLong(), log, //$NON-NLS-1$ //$NON-NLS-2$
				EntryCodec.string(json, "cwd")); //$NON-NLS-1$
	}

	private void writeSummary(SessionInfo info) {
		try {
			JsonObject json = new JsonObject();
			json.addProperty("id", info.id()); //$NON-NLS-1$
			json.addProperty("agent", info.agentId()); //$NON-NLS-1$
			json.addProperty("title", info.title()); //$NON-NLS-1$
			json.addProperty("created", info.created().toString()); //$NON-NLS-1$
			json.addProperty("updated", info.updated().toString()); //$NON-NLS-1$
			json.addProperty("backendSessionId", info.backendSessionId()); //$NON-NLS-1$
			json.addProperty("messages", info.messageCount()); //$NON-NLS-1$
			json.addProperty("tokens", info.totalTokens()); //$NON-NLS-1$
			json.addProperty("cwd", info.workingDirectory()); //$NON-NLS-1$
			json.addProperty("logSize", Files.size(info.file())); //$NON-NLS-1$
			byte[] bytes = GSON.toJson(json).getBytes(StandardCharsets.UTF_8);
			Files2.writeAtomically(summaryOf(info.file()), (OutputStream out) -> out.write(bytes));
		} catch (IOException e) {
			// The summary is a cache: without it the next start replays the transcript.
		}
	}

	private static Path summaryOf(Path log) {
		String name = log.getFileName().toString();
		return log.resolveSibling(name.substring(0, name.length() - LOG.length()) + SUMMARY);
	}

	/** Files that could not be read, and why. */
	public List<SessionProblem> getProblems() {
		return List.copyOf(problems);
	}

	/** Every session, newest activity first. */
	public List<SessionInfo> list() {
		List<SessionInfo> all = new ArrayList<>(sessions.values());
		all.sort(Comparator.comparing(SessionInfo::updated).reversed().thenComparing(SessionInfo::id));
		return all;
	}

	/** The sessions of one agent, newest activity first. */
	public List<SessionInfo> list(String agentId) {
		return list().stream().filter(info -> info.agentId().equals(agentId)).toList();
	}

	public Optional<SessionInfo> get(String id) {
		return id == null ? Optional.empty() : Optional.ofNullable(sessions.get(id));
	}

	/** Creates an empty session of the agent, working in the agent's own folder. */
	public SessionInfo create(String agentId) throws IOException {
		return create(agentId, null);
	}

	/**
	 * Creates an empty session of the agent.
	 *
	 * @param workingDirectory the folder this session works in (kept for its resumes), or
	 *        {@code null} for the agent's own
	 */
	public SessionInfo create(String agentId, String workingDirectory) throws IOException {
		Path folder = agentsFolder.resolve(agentId).resolve("sessions"); //$NON-NLS-1$
		if (!ProfileIds.isValid(agentId)) {
			throw new IOException(NLS.bind(CoreMessages.Agent_InvalidId, agentId));
		}
		Files.createDirectories(folder);
		Instant now = Instant.now();
		String id;
		Path log;
		do {
			id = ID_TIME.format(now) + '-' + HexFormat.of().toHexDigits(ThreadLocalRandom.current().nextInt()).substring(0, 6);
			log = folder.resolve(id + LOG);
		} while (Files.exists(log) || sessions.containsKey(id));
		Files.writeString(log, GSON.toJson(SessionLog.header(id, agentId, now, workingDirectory)) + '\n', StandardCharsets.UTF_8);
		SessionInfo info = new SessionInfo(id, agentId, "", now, now, null, 0, 0, log, workingDirectory); //$NON-NLS-1$
		sessions.put(id, info);
		writeSummary(info);
		listeners.forEach(listener -> listener.sessionAdded(info));
		return info;
	}

	/** Ids of imported sessions: they name files, so no separator, no leading dot. */
	private static final java.util.regex.Pattern IMPORTED_ID = java.util.regex.Pattern.compile("^[A-Za-z0-9][A-Za-z0-9._-]{0,127}$"); //$NON-NLS-1$

	/**
	 * Writes a whole conversation brought in from elsewhere (another application's history) as a
	 * session of the agent, with the id the importer chose: the importer derives it from the
	 * conversation's own id, so importing the same conversation again finds it here and gets
	 * {@code Optional.empty()}. The file is written beside its place under a temporary name,
	 * forced to disk and moved into place when whole, so a failure leaves no session at all. The
	 * file's modification time is set to {@code updated}, the time the conversation last changed.
	 *
	 * @param id the session's id: letters, digits, {@code .}, {@code _} and {@code -}, at most 128
	 * @param entries the transcript, whole (entries are renumbered from 0)
	 * @return the new session, or empty when a session with this id exists already
	 */
	public synchronized Optional<SessionInfo> importSession(String id, String agentId, String title, Instant created,
			Instant updated, List<TranscriptEntry> entries) throws IOException {
		if (id == null || !IMPORTED_ID.matcher(id).matches()) {
			throw new IOException(NLS.bind(CoreMessages.Session_InvalidId, id));
		}
		if (!ProfileIds.isValid(agentId)) {
			throw new IOException(NLS.bind(CoreMessages.Agent_InvalidId, agentId));
		}
		Path folder = agentsFolder.resolve(agentId).resolve("sessions"); //$NON-NLS-1$
		Path log = folder.resolve(id + LOG);
		if (sessions.containsKey(id) || Files.exists(log)) {
			return Optional.empty();
		}
		Files.createDirectories(folder);
		StringBuilder content = new StringBuilder();
		content.append(GSON.toJson(SessionLog.header(id, agentId, created, null))).append('\n');
		int messages = 0;
		long tokens = 0;
		for (int i = 0; i < entries.size(); i++) {
			TranscriptEntry entry = entries.get(i);
			TranscriptEntry numbered = new TranscriptEntry(i, entry.kind(), entry.time(), entry.text(), entry.state(),
					entry.toolCall(), entry.plan(), entry.usage(), entry.problem());
			JsonObject event = EntryCodec.encode(numbered);
			event.addProperty("e", "add"); //$NON-NLS-1$ //$NON-NLS-2$
			content.append(GSON.toJson(event)).append('\n');
			if (entry.kind() == EntryKind.USER || entry.kind() == EntryKind.ASSISTANT) {
				messages++;
			}
			if (entry.usage() != null) {
				tokens += Math.max(0, entry.usage().totalTokens());
			}
		}
		String safeTitle = title == null ? "" : title; //$NON-NLS-1$
		if (!safeTitle.isEmpty()) {
			JsonObject event = new JsonObject();
			event.addProperty("e", "title"); //$NON-NLS-1$ //$NON-NLS-2$
			event.addProperty("title", safeTitle); //$NON-NLS-1$
			content.append(GSON.toJson(event)).append('\n');
		}
		byte[] bytes = content.toString().getBytes(StandardCharsets.UTF_8);
		Path temp = Files.createTempFile(folder, "." + id, ".import.tmp"); //$NON-NLS-1$ //$NON-NLS-2$
		try {
			try (java.nio.channels.FileChannel channel = java.nio.channels.FileChannel.open(temp,
					java.nio.file.StandardOpenOption.WRITE, java.nio.file.StandardOpenOption.TRUNCATE_EXISTING)) {
				java.nio.ByteBuffer buffer = java.nio.ByteBuffer.wrap(bytes);
				while (buffer.hasRemaining()) {
					channel.write(buffer);
				}
				channel.force(true);
			}
			Files.setLastModifiedTime(temp, java.nio.file.attribute.FileTime.from(updated));
			try {
				Files.move(temp, log, java.nio.file.StandardCopyOption.ATOMIC_MOVE);
			} catch (java.nio.file.AtomicMoveNotSupportedException e) {
				Files.move(temp, log);
			}
		} finally {
			Files.deleteIfExists(temp);
		}
		SessionInfo info = new SessionInfo(id, agentId, safeTitle, created, updated, null, messages, tokens, log, null);
		sessions.put(id, info);
		writeSummary(info);
		listeners.forEach(listener -> listener.sessionAdded(info));
		return Optional.of(info);
	}

	/** Replays the session's transcript. */
	public List<TranscriptEntry> loadTranscript(String id) throws IOException {
		return SessionLog.replay(require(id).file()).entries();
	}

	/** Replays the session: its transcript and the choices of the agent's options the user made. */
	public SessionContent load(String id) throws IOException {
		SessionLog.Replay replay = SessionLog.replay(require(id).file());
		return new SessionContent(replay.entries(), replay.configChoices());
	}

	private SessionInfo require(String id) throws IOException {
		SessionInfo info = sessions.get(id);
		if (info == null) {
			throw new IOException(NLS.bind(CoreMessages.Session_Unknown, id));
		}
		return info;
	}

	/** Opens the session for appending (the run that has it open is its only writer). */
	public SessionWriter openWriter(String id) throws IOException {
		return new SessionWriter(this, id, require(id).file());
	}

	/** Renames a session that no run has open (a live run renames through its own writer). */
	public void rename(String id, String title) {
		try (SessionWriter writer = openWriter(id)) {
			writer.title(title);
		} catch (IOException e) {
			throw new UncheckedIOException(e);
		}
	}

	/** Empties a session that no run has open, and forgets its backend session. */
	public void clear(String id) {
		try (SessionWriter writer = openWriter(id)) {
			writer.clear();
		} catch (IOException e) {
			throw new UncheckedIOException(e);
		}
	}

	/** Deletes the session's files. */
	public void delete(String id) {
		SessionInfo info = sessions.remove(id);
		searchTexts.remove(id);
		if (info == null) {
			return;
		}
		try {
			Files.deleteIfExists(info.file());
			Files.deleteIfExists(summaryOf(info.file()));
		} catch (IOException e) {
			sessions.put(id, info);
			throw new UncheckedIOException(e);
		}
		listeners.forEach(listener -> listener.sessionRemoved(info));
	}

	/** Forgets the sessions of an agent whose folder was deleted. */
	public void forgetAgent(String agentId) {
		for (SessionInfo info : List.copyOf(sessions.values())) {
			if (info.agentId().equals(agentId)) {
				sessions.remove(info.id());
				listeners.forEach(listener -> listener.sessionRemoved(info));
			}
		}
	}

	/** Sessions whose title or messages contain the query, ignoring case; newest first. */
	public List<SessionInfo> search(String query) {
		return search(query, new NullProgressMonitor());
	}

	/**
	 * Sessions whose title or messages contain the query, ignoring case; newest first. Reads the
	 * transcripts from disk the first time, so callers on the UI thread run it in a job; it stops
	 * early, with what it found so far, when the monitor is cancelled. Each session's searchable
	 * text is kept (softly: the memory is given back when it is short) with the size of the file
	 * it came from, so the next searches, as the user types on, read only the sessions that grew.
	 */
	public List<SessionInfo> search(String query, IProgressMonitor monitor) {
		String needle = query.strip().toLowerCase(Locale.ROOT);
		if (needle.isEmpty()) {
			return list();
		}
		// Every core reads transcripts: the first search over thousands of sessions is bound by
		// parsing them. The stream keeps the list's order, newest first.
		return list().parallelStream().filter(info -> !monitor.isCanceled() && matches(info, needle)).toList();
	}

	private boolean matches(SessionInfo info, String needle) {
		if (info.title() != null && info.title().toLowerCase(Locale.ROOT).contains(needle)) {
			return true;
		}
		try {
			return searchableText(info).contains(needle);
		} catch (IOException e) {
			// Unreadable sessions are reported by getProblems(); they match nothing.
			return false;
		}
	}

	/** A session's searchable text and the size of the file it was read from. */
	private record SearchText(long fileSize, String text) {
	}

	private final Map<String, java.lang.ref.SoftReference<SearchText>> searchTexts = new ConcurrentHashMap<>();

	/**
	 * The session's messages, lower case, one after another with a separator no query holds (so
	 * that a query never matches across two messages). The file only grows while the session
	 * lives, so its size tells whether the kept text is still whole.
	 */
	private String searchableText(SessionInfo info) throws IOException {
		long size = Files.size(info.file());
		java.lang.ref.SoftReference<SearchText> kept = searchTexts.get(info.id());
		SearchText text = kept == null ? null : kept.get();
		if (text == null || text.fileSize() != size) {
			StringBuilder joined = new StringBuilder();
			for (TranscriptEntry entry : loadTranscript(info.id())) {
				joined.append(entry.text().toLowerCase(Locale.ROOT)).append('\u0000');
			}
			text = new SearchText(size, joined.toString());
			searchTexts.put(info.id(), new java.lang.ref.SoftReference<>(text));
		}
		return text.text();
	}

	/** Writes the conversation as Markdown. */
	public void exportMarkdown(String id, Path target) throws IOException {
		SessionInfo info = require(id);
		List<TranscriptEntry> entries = loadTranscript(id);
		try (Writer out = new BufferedWriter(Files.newBufferedWriter(target, StandardCharsets.UTF_8))) {
			MarkdownExport.write(info, entries, out);
		}
	}

	// Updates from writers: memory first, listeners told; summaries written at turn ends.

	void touched(String id, TranscriptEntry entry, boolean replaced) {
		sessions.computeIfPresent(id, (key, info) -> {
			int messages = info.messageCount()
					+ (!replaced && (entry.kind() == EntryKind.USER || entry.kind() == EntryKind.ASSISTANT) ? 1 : 0);
			long tokens = info.totalTokens() + (entry.usage() != null && !replaced ? Math.max(0, entry.usage().totalTokens()) : 0);
			return info.with(info.title(), Instant.now(), info.backendSessionId(), messages, tokens);
		});
		fireChanged(id);
	}

	void titled(String id, String title) {
		sessions.computeIfPresent(id, (key, info) -> info.with(title, info.updated(), info.backendSessionId(),
				info.messageCount(), info.totalTokens()));
		saveSummary(id);
		fireChanged(id);
	}

	void backendChanged(String id, String backendId) {
		sessions.computeIfPresent(id, (key, info) -> info.with(info.title(), info.updated(), backendId,
				info.messageCount(), info.totalTokens()));
		saveSummary(id);
		fireChanged(id);
	}

	void cleared(String id) {
		sessions.computeIfPresent(id, (key, info) -> info.with(info.title(), Instant.now(), null, 0, 0));
		saveSummary(id);
		fireChanged(id);
	}

	void saveSummary(String id) {
		SessionInfo info = sessions.get(id);
		if (info != null) {
			writeSummary(info);
		}
	}

	private void fireChanged(String id) {
		SessionInfo info = sessions.get(id);
		if (info != null) {
			listeners.forEach(listener -> listener.sessionChanged(info));
		}
	}

	public void addListener(ISessionListener listener) {
		listeners.add(listener);
	}

	public void removeListener(ISessionListener listener) {
		listeners.remove(listener);
	}
}
