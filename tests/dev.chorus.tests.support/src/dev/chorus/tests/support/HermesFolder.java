package dev.chorus.tests.support;

import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;

import javax.imageio.ImageIO;

import org.sqlite.SQLiteConfig;

/**
 * A Hermes folder as the Hermes agent and its desktop app leave it: profiles with config.yaml,
 * .env, profile-meta.json and avatar, and each profile's state.db, a real SQLite file with the
 * tables {@code sessions} and {@code messages} of Hermes's schema (schema version 30).
 */
public final class HermesFolder {

	/** The sessions and messages tables as Hermes creates them (its columns, in its order). */
	public static final String SCHEMA = """
			CREATE TABLE schema_version (version INTEGER NOT NULL);
			INSERT INTO schema_version VALUES (30);
			CREATE TABLE system_prompts (hash TEXT PRIMARY KEY, prompt TEXT NOT NULL);
			CREATE TABLE sessions (
			  id TEXT PRIMARY KEY, source TEXT NOT NULL, created_source TEXT, user_id TEXT, session_key TEXT,
			  chat_id TEXT, chat_type TEXT, thread_id TEXT, display_name TEXT, origin_json TEXT,
			  expiry_finalized INTEGER DEFAULT 0, model TEXT, model_config TEXT, system_prompt TEXT,
			  system_prompt_hash TEXT, parent_session_id TEXT, started_at REAL NOT NULL, ended_at REAL,
			  end_reason TEXT, message_count INTEGER DEFAULT 0, tool_call_count INTEGER DEFAULT 0,
			  input_tokens INTEGER DEFAULT 0, output_tokens INTEGER DEFAULT 0, cache_read_tokens INTEGER DEFAULT 0,
			  cache_write_tokens INTEGER DEFAULT 0, reasoning_tokens INTEGER DEFAULT 0, cwd TEXT, git_branch TEXT,
			  git_repo_root TEXT, git_metadata_generation INTEGER NOT NULL DEFAULT 0, billing_provider TEXT,
			  billing_base_url TEXT, billing_mode TEXT, estimated_cost_usd REAL, actual_cost_usd REAL,
			  cost_status TEXT, cost_source TEXT, pricing_version TEXT, title TEXT, title_source TEXT,
			  last_activity_at REAL, last_activity_description TEXT, last_activity_provenance TEXT,
			  api_call_count INTEGER DEFAULT 0, handoff_state TEXT, handoff_platform TEXT, handoff_error TEXT,
			  compression_failure_cooldown_until REAL, compression_failure_error TEXT,
			  compression_fallback_streak INTEGER NOT NULL DEFAULT 0, compression_ineffective_count INTEGER NOT NULL DEFAULT 0,
			  compression_recovery_deadline REAL, compression_overload_streak INTEGER NOT NULL DEFAULT 0,
			  profile_name TEXT, transport_profile TEXT, rewind_count INTEGER NOT NULL DEFAULT 0,
			  archived INTEGER NOT NULL DEFAULT 0, pinned INTEGER NOT NULL DEFAULT 0, hidden INTEGER NOT NULL DEFAULT 0,
			  last_read_at REAL, tool_names TEXT,
			  FOREIGN KEY (parent_session_id) REFERENCES sessions(id),
			  FOREIGN KEY (system_prompt_hash) REFERENCES system_prompts(hash));
			CREATE TABLE messages (
			  id INTEGER PRIMARY KEY AUTOINCREMENT, session_id TEXT NOT NULL REFERENCES sessions(id), role TEXT NOT NULL,
			  content TEXT, tool_call_id TEXT, tool_calls TEXT, tool_name TEXT, effect_disposition TEXT,
			  timestamp REAL NOT NULL, token_count INTEGER, finish_reason TEXT, reasoning TEXT, reasoning_content TEXT,
			  reasoning_details TEXT, codex_reasoning_items TEXT, codex_message_items TEXT, platform_message_id TEXT,
			  observed INTEGER DEFAULT 0, _compressed_summary INTEGER NOT NULL DEFAULT 0, active INTEGER NOT NULL DEFAULT 1,
			  compacted INTEGER NOT NULL DEFAULT 0, api_content TEXT, display_kind TEXT, display_metadata TEXT,
			  display_identity BLOB, display_order INTEGER);
			CREATE INDEX idx_sessions_parent ON sessions(parent_session_id);
			CREATE INDEX idx_messages_session ON messages(session_id, timestamp);
			""";

	/** 2026-03-01T09:00:00Z in Hermes's epoch seconds. */
	public static final double T0 = 1_772_355_600d;

	private HermesFolder() {
	}

	public static Connection connect(Path db) throws SQLException {
		return new SQLiteConfig().createConnection("jdbc:sqlite:" + db);
	}

	/** Hermes's tables, in WAL mode as Hermes keeps its database. */
	public static void createSchema(Connection connection) throws SQLException {
		try (Statement statement = connection.createStatement()) {
			statement.execute("PRAGMA journal_mode=WAL");
			for (String sql : SCHEMA.split(";")) {
				if (!sql.isBlank()) {
					statement.execute(sql);
				}
			}
		}
	}

	public static void session(Connection connection, String id, String source, String title, double started, Double ended,
			String parent, String endReason, long input, long output) throws SQLException {
		try (PreparedStatement insert = connection.prepareStatement("INSERT INTO sessions (id, source, title, started_at, "
				+ "ended_at, parent_session_id, end_reason, input_tokens, output_tokens, model) VALUES (?,?,?,?,?,?,?,?,?,?)")) {
			insert.setString(1, id);
			insert.setString(2, source);
			insert.setString(3, title);
			insert.setDouble(4, started);
			insert.setObject(5, ended);
			insert.setString(6, parent);
			insert.setString(7, endReason);
			insert.setLong(8, input);
			insert.setLong(9, output);
			insert.setString(10, "llama3.2");
			insert.executeUpdate();
		}
	}

	public static void message(Connection connection, String session, String role, String content, double time) throws SQLException {
		message(connection, session, role, content, time, null, null, null, null, 1, 0);
	}

	public static void message(Connection connection, String session, String role, String content, double time, String reasoning,
			String toolCalls, String toolCallId, String toolName, int active, int compressedSummary) throws SQLException {
		try (PreparedStatement insert = connection.prepareStatement("INSERT INTO messages (session_id, role, content, timestamp, "
				+ "reasoning, tool_calls, tool_call_id, tool_name, active, _compressed_summary) VALUES (?,?,?,?,?,?,?,?,?,?)")) {
			insert.setString(1, session);
			insert.setString(2, role);
			insert.setString(3, content);
			insert.setDouble(4, time);
			insert.setString(5, reasoning);
			insert.setString(6, toolCalls);
			insert.setString(7, toolCallId);
			insert.setString(8, toolName);
			insert.setInt(9, active);
			insert.setInt(10, compressedSummary);
			insert.executeUpdate();
		}
	}

	/**
	 * ~/.hermes with the default profile ("Hermes", pink, an avatar, a local server) holding three
	 * conversations (one compressed into a continuation) beside a subagent run and a tool session,
	 * and the profile "coder" ("Coder" on OpenRouter) with one conversation.
	 */
	public static Path build(Path home, String serverUrl) throws IOException, SQLException {
		Files.createDirectories(home);
		Files.writeString(home.resolve("config.yaml"), """
				_config_version: 50
				model:
				  default: "llama3.2"
				  provider: "custom"
				  base_url: "%s"
				terminal:
				  backend: local
				""".formatted(serverUrl), StandardCharsets.UTF_8);
		Files.writeString(home.resolve(".env"), "# secrets\nOPENAI_API_KEY=\"sk-hermes-local-5f2a\"\nAPI_SERVER_PORT=8642\n",
				StandardCharsets.UTF_8);
		Files.writeString(home.resolve("profile-meta.json"), "{\"name\":\"Hermes\",\"color\":\"#e84393\",\"avatar\":\"avatar.png\"}",
				StandardCharsets.UTF_8);
		BufferedImage image = new BufferedImage(200, 160, BufferedImage.TYPE_INT_RGB);
		Graphics2D graphics = image.createGraphics();
		graphics.setColor(new Color(0xE8, 0x43, 0x93));
		graphics.fillRect(0, 0, 200, 160);
		graphics.setColor(Color.WHITE);
		graphics.fillOval(60, 40, 80, 80);
		graphics.dispose();
		ImageIO.write(image, "png", home.resolve("avatar.png").toFile());
		try (Connection db = connect(home.resolve("state.db"))) {
			createSchema(db);
			session(db, "20260301_090000_a1b2c3", "cli", "Plan the garden", T0, T0 + 600, null, "user_exit", 120, 80);
			message(db, "20260301_090000_a1b2c3", "system", "You are Hermes.", T0);
			message(db, "20260301_090000_a1b2c3", "user", "Which vegetables grow well in shade?", T0 + 10);
			message(db, "20260301_090000_a1b2c3", "assistant", null, T0 + 20, "The user wants shade-tolerant plants.",
					"[{\"id\":\"call_1\",\"type\":\"function\",\"function\":{\"name\":\"web_search\",\"arguments\":\"{\\\"q\\\":\\\"shade vegetables\\\"}\"}}]",
					null, null, 1, 0);
			message(db, "20260301_090000_a1b2c3", "tool", "Lettuce, spinach, kale.", T0 + 25, null, null, "call_1", "web_search", 1, 0);
			message(db, "20260301_090000_a1b2c3", "assistant", "**Lettuce**, spinach and kale all do well.", T0 + 30);
			message(db, "20260301_090000_a1b2c3", "user", "A rewound question", T0 + 40, null, null, null, null, 0, 0);

			String longQuestion = "Can you explain how the compost heap should be layered so that it does not smell in summer?";
			session(db, "20260302_100000_d4e5f6", "desktop", null, T0 + 86_400, null, null, null, 0, 0);
			message(db, "20260302_100000_d4e5f6", "user", longQuestion, T0 + 86_410);
			message(db, "20260302_100000_d4e5f6", "assistant", "Green and brown layers, turned weekly.", T0 + 86_420);

			session(db, "20260303_080000_aaaaaa", "cli", "Long talk", T0 + 172_800, T0 + 173_000, null, "compression", 500, 300);
			message(db, "20260303_080000_aaaaaa", "user", "First part", T0 + 172_810);
			message(db, "20260303_080000_aaaaaa", "assistant", "First answer", T0 + 172_820);
			session(db, "20260303_080000_bbbbbb", "cli", "Long talk", T0 + 173_000, T0 + 174_000, "20260303_080000_aaaaaa",
					null, 200, 100);
			message(db, "20260303_080000_bbbbbb", "user", "[CONTEXT COMPACTION] summary of the first part", T0 + 173_001, null,
					null, null, null, 1, 1);
			message(db, "20260303_080000_bbbbbb", "user", "Second part", T0 + 173_010);
			message(db, "20260303_080000_bbbbbb", "assistant", "Second answer", T0 + 173_900);

			// A subagent's run and a tool session: parts of Hermes's work, not conversations.
			session(db, "20260301_090500_sub001", "subagent", "delegate", T0 + 300, T0 + 400, "20260301_090000_a1b2c3",
					"completed", 0, 0);
			message(db, "20260301_090500_sub001", "user", "subagent task", T0 + 301);
			session(db, "20260301_091000_tool01", "tool", "tool", T0 + 500, null, null, null, 0, 0);
		}

		Path coder = home.resolve("profiles").resolve("coder");
		Files.createDirectories(coder);
		Files.writeString(coder.resolve("config.yaml"), "model:\n  default: anthropic/claude-sonnet-4\n  provider: openrouter\n",
				StandardCharsets.UTF_8);
		Files.writeString(coder.resolve(".env"), "export OPENROUTER_API_KEY=sk-or-coder-77c1 # the key\n", StandardCharsets.UTF_8);
		Files.writeString(coder.resolve("profile-meta.json"), "{\"name\":\"  Coder  \",\"color\":\"#16A085\"}", StandardCharsets.UTF_8);
		try (Connection db = connect(coder.resolve("state.db"))) {
			createSchema(db);
			session(db, "20260305_120000_c0de01", "cli", "Fix the build", T0 + 345_600, T0 + 346_000, null, null, 10, 20);
			message(db, "20260305_120000_c0de01", "user", "The build fails", T0 + 345_610);
			message(db, "20260305_120000_c0de01", "assistant", "Run it with -e to see why.", T0 + 345_620);
		}
		// A folder under profiles that is no profile, and one whose name is no profile id.
		Files.createDirectories(home.resolve("profiles").resolve("empty"));
		Files.createDirectories(home.resolve("profiles").resolve("Bad Name"));
		Files.writeString(home.resolve("profiles").resolve("Bad Name").resolve("config.yaml"), "model: x\n");
		return home;
	}
}
