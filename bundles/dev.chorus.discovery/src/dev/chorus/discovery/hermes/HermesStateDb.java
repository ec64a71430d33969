package dev.chorus.discovery.hermes;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

import org.eclipse.osgi.util.NLS;
import org.sqlite.SQLiteConfig;
import org.sqlite.SQLiteErrorCode;
import org.sqlite.SQLiteException;
import org.sqlite.SQLiteOpenMode;

import dev.chorus.discovery.Messages;

/**
 * A profile's {@code state.db}, the SQLite database where the Hermes agent keeps its sessions
 * (table {@code sessions}) and their messages (table {@code messages}), opened read-only: Chorus
 * never writes there, creates no file beside it, and takes no lock that would stop Hermes. When
 * Hermes holds a lock that stops even a reader, the file is read as it is on disk
 * ({@code immutable=1}; what Hermes has not written back into it yet is missing). A database in
 * WAL mode that Hermes has closed (no {@code -shm} index beside it) is read the same way, since it
 * is whole and SQLite would otherwise create the {@code -wal} and {@code -shm} files beside it.
 *
 * <p>Columns are looked up first: older and newer Hermes versions have more or fewer of them, and
 * only {@code sessions(id, started_at)} and {@code messages(session_id, role, content, timestamp)}
 * are required.
 */
public final class HermesStateDb implements AutoCloseable {

	/** A session as listed. Times from Hermes's epoch seconds. */
	public record Session(String id, String source, String title, Instant started, Instant updated, String parentId,
			String endReason, long inputTokens, long outputTokens) {
	}

	/** A message of a session, in its order. */
	public record Message(String role, String content, String reasoning, String toolCalls, String toolCallId,
			String toolName, Instant time) {
	}

	private final Path file;
	private final Connection connection;
	private final boolean asOnDisk;
	private final Set<String> sessionColumns;
	private final Set<String> messageColumns;

	private HermesStateDb(Path file, Connection connection, boolean asOnDisk) throws HermesException, SQLException {
		this.file = file;
		this.connection = connection;
		this.asOnDisk = asOnDisk;
		this.sessionColumns = columns("sessions"); //$NON-NLS-1$
		this.messageColumns = columns("messages"); //$NON-NLS-1$
		require(sessionColumns, "sessions", "id", "started_at"); //$NON-NLS-1$ //$NON-NLS-2$ //$NON-NLS-3$
		require(messageColumns, "messages", "session_id", "role", "content", "timestamp"); //$NON-NLS-1$ //$NON-NLS-2$ //$NON-NLS-3$ //$NON-NLS-4$ //$NON-NLS-5$
	}

	/**
	 * Opens the database read-only.
	 *
	 * @param busyMillis how long to wait for a lock of Hermes before reading the file as it is
	 */
	public static HermesStateDb open(Path file, int busyMillis) throws HermesException {
		if (!Files.isRegularFile(file)) {
			throw new HermesException(NLS.bind(Messages.Hermes_NoStateDb, file));
		}
		if (!Files.isReadable(file)) {
			throw new HermesException(NLS.bind(Messages.Hermes_StateDbUnreadable, file, "permission denied")); //$NON-NLS-1$
		}
		Path wal = file.resolveSibling(file.getFileName() + "-wal"); //$NON-NLS-1$
		Path shm = file.resolveSibling(file.getFileName() + "-shm"); //$NON-NLS-1$
		if (inWalMode(file) && !Files.exists(shm)) {
			// Hermes is not running (it removes both files when it closes the database): the file is
			// whole, and opening it otherwise would make SQLite create them beside it. A WAL left
			// without its index (a crash) cannot be read without writing one: left out, and said.
			boolean walLeft = sizeOf(wal) > 0;
			try {
				return open(file, busyMillis, true, walLeft);
			} catch (SQLException e) {
				throw failure(file, e);
			}
		}
		try {
			return open(file, busyMillis, false, false);
		} catch (SQLException e) {
			if (isLock(e)) {
				try {
					return open(file, busyMillis, true, true);
				} catch (SQLException again) {
					throw failure(file, again);
				}
			}
			throw failure(file, e);
		}
	}

	/** Whether the file's header says it is in WAL mode (bytes 18 and 19 are 2). */
	private static boolean inWalMode(Path file) {
		try (java.io.InputStream in = Files.newInputStream(file)) {
			byte[] header = in.readNBytes(20);
			return header.length == 20 && header[18] == 2 && header[19] == 2;
		} catch (java.io.IOException e) {
			return false;
		}
	}

	private static long sizeOf(Path file) {
		try {
			return Files.exists(file) ? Files.size(file) : 0;
		} catch (java.io.IOException e) {
			return 0;
		}
	}

	/**
	 * @param immutable read the file as it is, taking no lock and creating no file
	 * @param asOnDisk whether that leaves out what Hermes has not written into it yet (said to the user)
	 */
	private static HermesStateDb open(Path file, int busyMillis, boolean immutable, boolean asOnDisk)
			throws SQLException, HermesException {
		SQLiteConfig config = new SQLiteConfig();
		config.setReadOnly(true);
		config.setOpenMode(SQLiteOpenMode.OPEN_URI);
		config.setBusyTimeout(busyMillis);
		String uri = "file:" + file.toAbsolutePath().toUri().getRawPath() + (immutable ? "?immutable=1" : "?mode=ro"); //$NON-NLS-1$ //$NON-NLS-2$ //$NON-NLS-3$
		Connection connection = config.createConnection("jdbc:sqlite:" + uri); //$NON-NLS-1$
		try {
			return new HermesStateDb(file, connection, asOnDisk);
		} catch (SQLException | HermesException | RuntimeException e) {
			connection.close();
			throw e;
		}
	}

	/** Whether Hermes held a lock, so the file was read as it is on disk. */
	public boolean readAsOnDisk() {
		return asOnDisk;
	}

	private static boolean isLock(SQLException e) {
		if (e instanceof SQLiteException sqlite) {
			SQLiteErrorCode code = sqlite.getResultCode();
			String name = code == null ? "" : code.name(); //$NON-NLS-1$
			return name.startsWith("SQLITE_BUSY") || name.startsWith("SQLITE_LOCKED") //$NON-NLS-1$ //$NON-NLS-2$
					|| name.startsWith("SQLITE_CANTOPEN") || name.startsWith("SQLITE_READONLY"); //$NON-NLS-1$ //$NON-NLS-2$
		}
		String message = String.valueOf(e.getMessage()).toLowerCase(Locale.ROOT);
		return message.contains("locked") || message.contains("busy"); //$NON-NLS-1$ //$NON-NLS-2$
	}

	private static HermesException failure(Path file, SQLException e) {
		String name = e instanceof SQLiteException sqlite && sqlite.getResultCode() != null ? sqlite.getResultCode().name() : ""; //$NON-NLS-1$
		if (name.startsWith("SQLITE_NOTADB") || name.startsWith("SQLITE_CORRUPT")) { //$NON-NLS-1$ //$NON-NLS-2$
			return new HermesException(NLS.bind(Messages.Hermes_StateDbDamaged, file), e);
		}
		if (isLock(e)) {
			return new HermesException(NLS.bind(Messages.Hermes_StateDbLocked, file), e);
		}
		return new HermesException(NLS.bind(Messages.Hermes_StateDbUnreadable, file, e.getMessage()), e);
	}

	private HermesException failure(SQLException e) {
		return failure(file, e);
	}

	private Set<String> columns(String table) throws SQLException, HermesException {
		Set<String> columns = new HashSet<>();
		try (Statement statement = connection.createStatement();
				ResultSet rows = statement.executeQuery("PRAGMA table_info(" + table + ")")) { //$NON-NLS-1$ //$NON-NLS-2$
			while (rows.next()) {
				columns.add(rows.getString("name").toLowerCase(Locale.ROOT)); //$NON-NLS-1$
			}
		}
		if (columns.isEmpty()) {
			throw new HermesException(NLS.bind(Messages.Hermes_NotAStateDb, file, table));
		}
		return columns;
	}

	private void require(Set<String> columns, String table, String... names) throws HermesException {
		for (String name : names) {
			if (!columns.contains(name)) {
				throw new HermesException(NLS.bind(Messages.Hermes_MissingColumn, new Object[] { file, table, name }));
			}
		}
	}

	private String sessionColumn(String name) {
		return sessionColumns.contains(name) ? name : "NULL"; //$NON-NLS-1$
	}

	private String messageColumn(String name) {
		return messageColumns.contains(name) ? name : "NULL"; //$NON-NLS-1$
	}

	/** How many conversations {@link #conversations()} lists, cheaply. */
	public int countConversations() throws HermesException {
		try (Statement statement = connection.createStatement();
				ResultSet rows = statement.executeQuery("SELECT COUNT(*) FROM sessions WHERE " + conversationFilter())) { //$NON-NLS-1$
			return rows.next() ? rows.getInt(1) : 0;
		} catch (SQLException e) {
			throw failure(e);
		}
	}

	/**
	 * The conversations a user sees in Hermes: sessions that continue no other (subagent runs and
	 * continuations after compression are parts of their parent), tool sessions and hidden ones left
	 * out. Newest first.
	 */
	public List<Session> conversations() throws HermesException {
		return sessions("SELECT * FROM (" + sessionSelect() + ") WHERE " + conversationFilter() + " ORDER BY started_at DESC", null); //$NON-NLS-1$ //$NON-NLS-2$ //$NON-NLS-3$
	}

	/** The session that continues this one after Hermes compressed it, if any. */
	public Session continuation(Session session) throws HermesException {
		if (!"compression".equals(session.endReason()) || !sessionColumns.contains("parent_session_id")) { //$NON-NLS-1$ //$NON-NLS-2$
			return null;
		}
		List<Session> children = sessions(
				"SELECT * FROM (" + sessionSelect() + ") WHERE parent_session_id = ? ORDER BY started_at LIMIT 1", session.id()); //$NON-NLS-1$ //$NON-NLS-2$
		return children.isEmpty() ? null : children.get(0);
	}

	private String conversationFilter() {
		StringBuilder filter = new StringBuilder("1 = 1"); //$NON-NLS-1$
		if (sessionColumns.contains("parent_session_id")) { //$NON-NLS-1$
			filter.append(" AND parent_session_id IS NULL"); //$NON-NLS-1$
		}
		if (sessionColumns.contains("source")) { //$NON-NLS-1$
			filter.append(" AND COALESCE(source, '') <> 'tool'"); //$NON-NLS-1$
		}
		if (sessionColumns.contains("hidden")) { //$NON-NLS-1$
			filter.append(" AND COALESCE(hidden, 0) = 0"); //$NON-NLS-1$
		}
		return filter.toString();
	}

	private String sessionSelect() {
		return "SELECT id, " + sessionColumn("source") + " AS source, " + sessionColumn("title") + " AS title, started_at, " //$NON-NLS-1$ //$NON-NLS-2$ //$NON-NLS-3$ //$NON-NLS-4$ //$NON-NLS-5$
				+ sessionColumn("ended_at") + " AS ended_at, " + sessionColumn("last_activity_at") + " AS last_activity_at, " //$NON-NLS-1$ //$NON-NLS-2$ //$NON-NLS-3$ //$NON-NLS-4$
				+ sessionColumn("parent_session_id") + " AS parent_session_id, " + sessionColumn("end_reason") + " AS end_reason, " //$NON-NLS-1$ //$NON-NLS-2$ //$NON-NLS-3$ //$NON-NLS-4$
				+ sessionColumn("input_tokens") + " AS input_tokens, " + sessionColumn("output_tokens") + " AS output_tokens, " //$NON-NLS-1$ //$NON-NLS-2$ //$NON-NLS-3$ //$NON-NLS-4$
				+ sessionColumn("hidden") + " AS hidden FROM sessions"; //$NON-NLS-1$ //$NON-NLS-2$
	}

	private List<Session> sessions(String sql, String parameter) throws HermesException {
		List<Session> sessions = new ArrayList<>();
		try (PreparedStatement statement = connection.prepareStatement(sql)) {
			if (parameter != null) {
				statement.setString(1, parameter);
			}
			try (ResultSet rows = statement.executeQuery()) {
				while (rows.next()) {
					Instant started = time(rows, "started_at"); //$NON-NLS-1$
					Instant updated = latest(started, time(rows, "ended_at"), time(rows, "last_activity_at")); //$NON-NLS-1$ //$NON-NLS-2$
					sessions.add(new Session(rows.getString("id"), rows.getString("source"), rows.getString("title"), //$NON-NLS-1$ //$NON-NLS-2$ //$NON-NLS-3$
							started == null ? Instant.EPOCH : started, updated == null ? Instant.EPOCH : updated,
							rows.getString("parent_session_id"), rows.getString("end_reason"), rows.getLong("input_tokens"), //$NON-NLS-1$ //$NON-NLS-2$ //$NON-NLS-3$
							rows.getLong("output_tokens"))); //$NON-NLS-1$
				}
			}
		} catch (SQLException e) {
			throw failure(e);
		}
		return sessions;
	}

	/** A session's messages as Hermes shows them: rewound ones and hidden scaffolding left out. */
	public List<Message> messages(String sessionId) throws HermesException {
		StringBuilder sql = new StringBuilder("SELECT role, content, ") //$NON-NLS-1$
				.append("COALESCE(").append(messageColumn("reasoning")).append(", ").append(messageColumn("reasoning_content")) //$NON-NLS-1$ //$NON-NLS-2$ //$NON-NLS-3$ //$NON-NLS-4$
				.append(") AS reasoning, ").append(messageColumn("tool_calls")).append(" AS tool_calls, ") //$NON-NLS-1$ //$NON-NLS-2$ //$NON-NLS-3$
				.append(messageColumn("tool_call_id")).append(" AS tool_call_id, ").append(messageColumn("tool_name")) //$NON-NLS-1$ //$NON-NLS-2$ //$NON-NLS-3$
				.append(" AS tool_name, timestamp FROM messages WHERE session_id = ?"); //$NON-NLS-1$
		if (messageColumns.contains("active")) { //$NON-NLS-1$
			sql.append(messageColumns.contains("compacted") ? " AND (active = 1 OR compacted = 1)" : " AND active = 1"); //$NON-NLS-1$ //$NON-NLS-2$ //$NON-NLS-3$
		}
		if (messageColumns.contains("display_kind")) { //$NON-NLS-1$
			sql.append(" AND COALESCE(display_kind, '') <> 'hidden'"); //$NON-NLS-1$
		}
		if (messageColumns.contains("_compressed_summary")) { //$NON-NLS-1$
			sql.append(" AND COALESCE(_compressed_summary, 0) = 0"); //$NON-NLS-1$
		}
		sql.append(messageColumns.contains("id") ? " ORDER BY timestamp, id" : " ORDER BY timestamp"); //$NON-NLS-1$ //$NON-NLS-2$ //$NON-NLS-3$
		List<Message> messages = new ArrayList<>();
		try (PreparedStatement statement = connection.prepareStatement(sql.toString())) {
			statement.setString(1, sessionId);
			try (ResultSet rows = statement.executeQuery()) {
				while (rows.next()) {
					messages.add(new Message(rows.getString("role"), rows.getString("content"), rows.getString("reasoning"), //$NON-NLS-1$ //$NON-NLS-2$ //$NON-NLS-3$
							rows.getString("tool_calls"), rows.getString("tool_call_id"), rows.getString("tool_name"), //$NON-NLS-1$ //$NON-NLS-2$ //$NON-NLS-3$
							time(rows, "timestamp"))); //$NON-NLS-1$
				}
			}
		} catch (SQLException e) {
			throw failure(e);
		}
		return messages;
	}

	/** Epoch seconds (REAL) as Hermes writes them; an ISO text as older rows may hold; else null. */
	private static Instant time(ResultSet rows, String column) throws SQLException {
		Object value = rows.getObject(column);
		if (value instanceof Number number) {
			double seconds = number.doubleValue();
			if (seconds <= 0 || seconds > 32_503_680_000d) {
				return null; // outside year 1 to 3000: a damaged cell
			}
			return Instant.ofEpochMilli(Math.round(seconds * 1000));
		}
		if (value instanceof String text && !text.isBlank()) {
			try {
				return Instant.ofEpochMilli(Math.round(Double.parseDouble(text) * 1000));
			} catch (NumberFormatException e) {
				try {
					return Instant.parse(text);
				} catch (java.time.format.DateTimeParseException notIso) {
					return null;
				}
			}
		}
		return null;
	}

	private static Instant latest(Instant... times) {
		Instant latest = null;
		for (Instant time : times) {
			if (time != null && (latest == null || time.isAfter(latest))) {
				latest = time;
			}
		}
		return latest;
	}

	@Override
	public void close() {
		try {
			connection.close();
		} catch (SQLException e) {
			// Closing a read-only connection: nothing was written that could be lost.
		}
	}
}
