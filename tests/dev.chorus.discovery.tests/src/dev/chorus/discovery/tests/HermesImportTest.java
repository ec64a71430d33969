package dev.chorus.discovery.tests;

import dev.chorus.tests.support.InMemorySecretStore;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertNotNull;
import static org.junit.Assert.assertNull;
import static org.junit.Assert.assertTrue;
import static org.junit.Assert.fail;

import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.sql.Connection;
import java.sql.Statement;
import java.time.Instant;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;

import org.eclipse.core.runtime.NullProgressMonitor;
import org.junit.Before;
import org.junit.Rule;
import org.junit.Test;
import org.junit.rules.TemporaryFolder;

import dev.chorus.core.agents.AgentProfile;
import dev.chorus.core.agents.AgentRegistry;
import dev.chorus.core.sessions.SessionInfo;
import dev.chorus.core.sessions.SessionStore;
import dev.chorus.core.transcript.EntryKind;
import dev.chorus.core.transcript.TranscriptEntry;
import dev.chorus.discovery.BackendKeys;
import dev.chorus.discovery.hermes.HermesException;
import dev.chorus.discovery.hermes.HermesHome;
import dev.chorus.discovery.hermes.HermesImport;
import dev.chorus.discovery.hermes.HermesProfile;
import dev.chorus.discovery.hermes.ImportReport;
import dev.chorus.tests.support.HermesFolder;

/**
 * The Hermes import against a Hermes folder built by the test: state.db files with Hermes's
 * schema, a damaged one, a foreign one and one locked by a writer.
 */
public class HermesImportTest {

	@Rule
	public TemporaryFolder temp = new TemporaryFolder();

	private Path hermes;
	private Path agentsFolder;
	private InMemorySecretStore secrets;
	private AgentRegistry agents;
	private SessionStore sessions;

	@Before
	public void setUp() throws Exception {
		hermes = HermesFolder.build(temp.getRoot().toPath().resolve(".hermes"), "http://127.0.0.1:11434/v1");
		agentsFolder = temp.newFolder("chorus", "agents").toPath();
		secrets = new InMemorySecretStore();
		agents = new AgentRegistry(agentsFolder, secrets);
		sessions = new SessionStore(agentsFolder);
	}

	private ImportReport importAll() throws HermesException {
		return new HermesImport(agents, sessions, secrets).run(HermesHome.profiles(hermes), new NullProgressMonitor());
	}

	@Test
	public void readsTheProfilesOfTheFolder() throws Exception {
		List<HermesProfile> profiles = HermesHome.profiles(hermes);
		assertEquals(List.of("default", "coder"), profiles.stream().map(HermesProfile::id).toList());
		HermesProfile first = profiles.get(0);
		assertEquals("Hermes", first.displayName());
		assertEquals("#E84393", first.color());
		assertEquals("http://127.0.0.1:11434/v1", first.endpoint().baseUrl());
		assertEquals("llama3.2", first.endpoint().model());
		assertEquals("sk-hermes-local-5f2a", first.endpoint().apiKey());
		assertFalse("the key is never printed", first.toString().contains("sk-hermes"));
		HermesProfile coder = profiles.get(1);
		assertEquals("Coder", coder.displayName());
		assertEquals("https://openrouter.ai/api/v1", coder.endpoint().baseUrl());
		assertEquals("anthropic/claude-sonnet-4", coder.endpoint().model());
		assertEquals("sk-or-coder-77c1", coder.endpoint().apiKey());
	}

	@Test
	public void importsAgentsWithTheirLookAndSessionsWithMessagesTitlesAndTimesWithoutTouchingHermes() throws Exception {
		Map<String, String> before = fingerprint(hermes);
		ImportReport report = importAll();
		assertTrue(report.describe(), report.isComplete());
		assertEquals(before, fingerprint(hermes));

		AgentProfile hermesAgent = agents.list().stream().filter(a -> a.displayName().equals("Hermes")).findFirst().get();
		assertEquals("#E84393", hermesAgent.color());
		assertNotNull("the avatar", hermesAgent.avatar());
		assertEquals(BackendKeys.OPENAI, hermesAgent.backendId());
		assertEquals("http://127.0.0.1:11434/v1", hermesAgent.settings().get(BackendKeys.BASE_URL));
		assertEquals("llama3.2", hermesAgent.settings().get(BackendKeys.MODEL));
		assertEquals("sk-hermes-local-5f2a", secrets.get(hermesAgent.id(), BackendKeys.API_KEY).get());
		AgentProfile coder = agents.list().stream().filter(a -> a.displayName().equals("Coder")).findFirst().get();
		assertEquals("#16A085", coder.color());
		assertEquals("sk-or-coder-77c1", secrets.get(coder.id(), BackendKeys.API_KEY).get());
		assertNoFileHolds(agentsFolder, "sk-hermes-local-5f2a");
		assertNoFileHolds(agentsFolder, "sk-or-coder-77c1");

		List<SessionInfo> mine = sessions.list(hermesAgent.id());
		assertEquals("three conversations; the subagent run and the tool session are parts of Hermes's work", 3, mine.size());
		SessionInfo garden = mine.stream().filter(s -> s.title().equals("Plan the garden")).findFirst().get();
		assertEquals(Instant.ofEpochMilli(Math.round(HermesFolder.T0 * 1000)), garden.created());
		assertEquals(Instant.ofEpochMilli(Math.round((HermesFolder.T0 + 600) * 1000)), garden.updated());
		assertEquals("the question and the answer", 2, garden.messageCount());
		List<TranscriptEntry> entries = sessions.loadTranscript(garden.id());
		assertEquals(List.of(EntryKind.USER, EntryKind.REASONING, EntryKind.TOOL_CALL, EntryKind.ASSISTANT, EntryKind.USAGE),
				entries.stream().map(TranscriptEntry::kind).toList());
		assertEquals("Which vegetables grow well in shade?", entries.get(0).text());
		assertEquals("web_search", entries.get(2).toolCall().title());
		assertEquals("{\"q\":\"shade vegetables\"}", entries.get(2).toolCall().input());
		assertEquals("Lettuce, spinach, kale.", entries.get(2).toolCall().output());
		assertEquals(200, entries.get(4).usage().totalTokens());
		assertEquals(Instant.ofEpochMilli(Math.round((HermesFolder.T0 + 10) * 1000)), entries.get(0).time());

		SessionInfo compost = mine.stream().filter(s -> s.title().startsWith("Can you explain")).findFirst().get();
		assertEquals("no title: the first message, cut to 60 characters", 60, compost.title().length());
		SessionInfo longTalk = mine.stream().filter(s -> s.title().equals("Long talk")).findFirst().get();
		List<String> texts = sessions.loadTranscript(longTalk.id()).stream().filter(e -> e.kind() != EntryKind.USAGE)
				.map(TranscriptEntry::text).toList();
		assertEquals("the continuation after compression is part of it; the summary is not",
				List.of("First part", "First answer", "Second part", "Second answer"), texts);
		assertEquals(Instant.ofEpochMilli(Math.round((HermesFolder.T0 + 174_000) * 1000)), longTalk.updated());
		assertEquals(1, sessions.list(coder.id()).size());

		// After a restart everything lists the same, from the files alone.
		SessionStore reopened = new SessionStore(agentsFolder);
		assertEquals(sessions.list().size(), reopened.list().size());
		SessionInfo again = reopened.get(garden.id()).get();
		assertEquals(garden.title(), again.title());
		assertEquals(garden.updated(), again.updated());
		assertEquals(entries, reopened.loadTranscript(garden.id()));
		assertTrue(new AgentRegistry(agentsFolder, secrets).findByOrigin(HermesHome.profiles(hermes).get(0).origin()).isPresent());
		try (Stream<Path> files = Files.walk(agentsFolder)) {
			assertTrue("no temporary file left", files.noneMatch(f -> f.getFileName().toString().endsWith(".tmp")));
		}
	}

	@Test
	public void importingTwiceAddsNothingButWhatIsNew() throws Exception {
		importAll();
		int agentCount = agents.list().size();
		int sessionCount = sessions.list().size();
		ImportReport second = importAll();
		assertEquals(agentCount, agents.list().size());
		assertEquals(sessionCount, sessions.list().size());
		assertEquals(0, second.importedSessions());
		assertFalse(second.profiles().get(0).agentCreated());
		assertEquals(3, second.profiles().get(0).skipped());

		// Hermes running: a new conversation written, still in its WAL, comes in on the next import, alone.
		try (Connection db = HermesFolder.connect(hermes.resolve("state.db")); Statement statement = db.createStatement()) {
			statement.execute("PRAGMA wal_autocheckpoint=0");
			HermesFolder.session(db, "20260310_090000_new001", "cli", "New one", HermesFolder.T0 + 800_000, null, null, null, 0, 0);
			HermesFolder.message(db, "20260310_090000_new001", "user", "hello again", HermesFolder.T0 + 800_001);
			assertTrue(Files.size(hermes.resolve("state.db-wal")) > 0);
			Map<String, String> before = fingerprint(hermes);
			ImportReport third = importAll();
			assertTrue(third.describe(), third.isComplete());
			assertEquals(1, third.importedSessions());
			assertEquals(sessionCount + 1, sessions.list().size());
			assertEquals("Hermes's files as they were", before.keySet(), fingerprint(hermes).keySet());
		}
	}

	@Test
	public void aDamagedDatabaseIsReportedAndNothingOfItWritten() throws Exception {
		Path coderDb = hermes.resolve("profiles/coder/state.db");
		byte[] bytes = Files.readAllBytes(coderDb);
		for (int i = 0; i < bytes.length; i++) {
			bytes[i] = (byte) (bytes[i] ^ 0x5A);
		}
		Files.write(coderDb, bytes);
		ImportReport report = importAll();
		assertFalse(report.isComplete());
		ImportReport.Profile coder = report.profiles().get(1);
		assertEquals(0, coder.imported());
		assertTrue(coder.problems().toString(), coder.problems().stream().anyMatch(p -> p.contains("damaged")));
		assertEquals("the other profile is imported whole", 3, report.profiles().get(0).imported());
		AgentProfile agent = agents.list().stream().filter(a -> a.displayName().equals("Coder")).findFirst().get();
		assertTrue(sessions.list(agent.id()).isEmpty());
		assertTrue(report.describe(), report.describe().contains("damaged"));
	}

	@Test
	public void aForeignDatabaseIsReportedAsNotHermes() throws Exception {
		Path coderDb = hermes.resolve("profiles/coder/state.db");
		Files.delete(coderDb);
		try (Connection db = HermesFolder.connect(coderDb); Statement statement = db.createStatement()) {
			statement.execute("CREATE TABLE notes (id INTEGER PRIMARY KEY, text TEXT)");
		}
		ImportReport report = importAll();
		List<String> problems = report.profiles().get(1).problems();
		assertTrue(problems.toString(), problems.stream().anyMatch(p -> p.contains("is not a Hermes state.db")));
	}

	@Test
	public void aDatabaseLockedByAWriterIsReadAsItIsOnDiskAndThatIsSaid() throws Exception {
		Path coderDb = hermes.resolve("profiles/coder/state.db");
		try (Connection writer = HermesFolder.connect(coderDb); Statement statement = writer.createStatement()) {
			statement.execute("PRAGMA journal_mode=DELETE");
			statement.execute("BEGIN EXCLUSIVE");
			statement.execute("INSERT INTO sessions (id, source, started_at) VALUES ('uncommitted', 'cli', 1.0)");
			ImportReport report = importAll();
			ImportReport.Profile coder = report.profiles().get(1);
			assertEquals(1, coder.imported());
			assertTrue(coder.problems().toString(), coder.problems().stream().anyMatch(p -> p.contains("read as it is on disk")));
			statement.execute("ROLLBACK");
		}
	}

	@Test
	public void aMissingFolderSaysSo() {
		try {
			HermesHome.profiles(temp.getRoot().toPath().resolve("nowhere"));
			fail();
		} catch (HermesException e) {
			assertTrue(e.getMessage(), e.getMessage().contains("There is no Hermes folder"));
		}
	}

	@Test
	public void aProfileWithoutColourGetsTheColourOfItsNameAsInTheDesktopApp() throws Exception {
		Files.writeString(hermes.resolve("profiles/coder/profile-meta.json"), "{\"color\":\"not a colour\"}");
		importAll();
		AgentProfile coder = agents.list().stream().filter(a -> a.displayName().equals("coder")).findFirst().get();
		assertNull(coder.color());
		assertEquals(dev.chorus.core.agents.AgentColors.defaultColorFor("coder"), coder.effectiveColor());
	}

	private static Map<String, String> fingerprint(Path folder) throws Exception {
		Map<String, String> prints = new TreeMap<>();
		try (Stream<Path> files = Files.walk(folder)) {
			for (Path file : (Iterable<Path>) files::iterator) {
				String digest = Files.isRegularFile(file)
						? HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(Files.readAllBytes(file)))
						: "folder";
				prints.put(folder.relativize(file) + "", digest + ' ' + Files.getLastModifiedTime(file).toMillis());
			}
		}
		return prints;
	}

	private static void assertNoFileHolds(Path folder, String secret) throws Exception {
		try (Stream<Path> files = Files.walk(folder)) {
			for (Path file : (Iterable<Path>) files.filter(Files::isRegularFile)::iterator) {
				if (new String(Files.readAllBytes(file), java.nio.charset.StandardCharsets.ISO_8859_1).contains(secret)) {
					fail(file + " holds the key");
				}
			}
		}
	}
}
