package dev.chorus.core.tests;

import static org.junit.Assert.assertArrayEquals;
import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertNull;
import static org.junit.Assert.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;

import org.junit.Before;
import org.junit.Rule;
import org.junit.Test;
import org.junit.rules.TemporaryFolder;

import dev.chorus.core.sessions.SessionInfo;
import dev.chorus.core.sessions.SessionStore;
import dev.chorus.core.sessions.SessionWriter;
import dev.chorus.core.transcript.EntryKind;
import dev.chorus.core.transcript.EntryState;
import dev.chorus.core.transcript.TranscriptEntry;

/** Sessions on real files: append-only, crash-safe, damaged files skipped, listing, search, export. */
public class SessionStoreTest {

	@Rule
	public TemporaryFolder temp = new TemporaryFolder();

	private Path agents;
	private SessionStore store;

	@Before
	public void setUp() throws Exception {
		agents = temp.newFolder("agents").toPath();
		store = new SessionStore(agents);
	}

	/** A session with a question and an answer streamed in many small pieces, left open. */
	private SessionInfo streamed(String agent, String question, String... pieces) throws IOException {
		SessionInfo session = store.create(agent);
		try (SessionWriter writer = store.openWriter(session.id())) {
			writer.title(question);
			writer.add(TranscriptEntry.text(0, EntryKind.USER, Instant.now(), question, EntryState.COMPLETE));
			writer.add(TranscriptEntry.text(1, EntryKind.ASSISTANT, Instant.now(), "", EntryState.STREAMING));
			for (String piece : pieces) {
				writer.append(1, piece);
			}
		}
		return store.get(session.id()).get();
	}

	@Test
	public void appendingAStreamedReplyNeverRewritesTheFile() throws Exception {
		SessionInfo session = store.create("a");
		try (SessionWriter writer = store.openWriter(session.id())) {
			writer.add(TranscriptEntry.text(0, EntryKind.USER, Instant.now(), "hi", EntryState.COMPLETE));
			writer.add(TranscriptEntry.text(1, EntryKind.ASSISTANT, Instant.now(), "", EntryState.STREAMING));
			byte[] before = Files.readAllBytes(session.file());
			writer.append(1, "chunk");
			byte[] after = Files.readAllBytes(session.file());
			assertArrayEquals("the bytes written before are untouched", before, Arrays.copyOf(after, before.length));
			String added = new String(after, before.length, after.length - before.length, StandardCharsets.UTF_8);
			assertEquals("{\"e\":\"append\",\"i\":1,\"d\":\"chunk\"}\n", added);
		}
	}

	@Test
	public void streamedTextOfEveryKindReadsBackExactly() throws Exception {
		String[] pieces = { "plain ", "\"quoted\" ", "back\\slash ", "<html> & 'apos' = ", "tab\there\n", "new\r\nline ",
				"\u00e9t\u00e9 \u4e2d\u6587 \ud83d\ude00 ", "\u0000\u001f ", "\\\"", "\"}", "}\"", "\"", "", "end" };
		SessionInfo session = streamed("a", "Everything", pieces);
		assertEquals(String.join("", pieces), new SessionStore(agents).loadTranscript(session.id()).get(1).text());
		// Appends to an entry the file never added are ignored, as before.
		try (SessionWriter writer = store.openWriter(session.id())) {
			writer.append(7, "lost");
		}
		List<TranscriptEntry> reread = new SessionStore(agents).loadTranscript(session.id());
		assertEquals(2, reread.size());
		assertEquals(String.join("", pieces), reread.get(1).text());
	}

	@Test
	public void aProcessKilledMidWriteLosesAtMostTheChunkInFlight() throws Exception {
		SessionInfo session = streamed("a", "Count", "one ", "two ", "three ", "four");
		byte[] whole = Files.readAllBytes(session.file());
		String full = "one two three four";
		int lastLine = new String(whole, StandardCharsets.UTF_8).lastIndexOf('\n', whole.length - 2) + 1;
		// Killed while writing the last line: every cut inside it, and the cut right before it.
		for (int cut = whole.length - 1; cut >= lastLine; cut -= 3) {
			Files.write(session.file(), Arrays.copyOf(whole, cut));
			SessionStore reloaded = new SessionStore(agents);
			List<TranscriptEntry> entries = reloaded.loadTranscript(session.id());
			String text = entries.get(1).text();
			assertTrue("cut at " + cut + ": " + text, full.startsWith(text));
			assertTrue("at most one chunk lost at " + cut + ": " + text, text.length() >= "one two three ".length());
			assertEquals("an answer cut off loads as stopped", EntryState.STOPPED, entries.get(1).state());
			assertTrue(reloaded.getProblems().isEmpty());
		}
	}

	@Test
	public void writingAfterACrashStartsOnALineOfItsOwn() throws Exception {
		SessionInfo session = streamed("a", "Q", "partial");
		byte[] whole = Files.readAllBytes(session.file());
		Files.write(session.file(), Arrays.copyOf(whole, whole.length - 5));
		SessionStore reloaded = new SessionStore(agents);
		try (SessionWriter writer = reloaded.openWriter(session.id())) {
			writer.add(TranscriptEntry.text(2, EntryKind.USER, Instant.now(), "again", EntryState.COMPLETE));
		}
		List<TranscriptEntry> entries = new SessionStore(agents).loadTranscript(session.id());
		assertEquals("again", entries.get(entries.size() - 1).text());
	}

	@Test
	public void damagedOrForeignFilesAreReportedAndTheOthersLoad() throws Exception {
		SessionInfo good = streamed("a", "Good", "fine");
		Path folder = good.file().getParent();
		Files.writeString(folder.resolve("garbage.jsonl"), "\u0000\u0001 not json at all\n");
		Files.writeString(folder.resolve("future.jsonl"), "{\"chorus\":\"session\",\"version\":9,\"id\":\"f\",\"agent\":\"a\",\"created\":\"2026-01-01T00:00:00Z\"}\n");
		Files.writeString(folder.resolve("empty.jsonl"), "");
		SessionStore reloaded = new SessionStore(agents);
		assertEquals(List.of(good.id()), reloaded.list().stream().map(SessionInfo::id).toList());
		assertEquals(3, reloaded.getProblems().size());
		assertTrue(reloaded.getProblems().stream().anyMatch(p -> p.message().contains("another version") && p.message().contains("9")));
		assertTrue(reloaded.getProblems().stream().anyMatch(p -> p.message().contains("not a Chorus session")));
	}

	@Test
	public void listsNewestFirstPerAgentAndSearchesTitlesAndText() throws Exception {
		SessionInfo first = streamed("a", "Recipes", "bake bread");
		Thread.sleep(15);
		SessionInfo second = streamed("b", "Travel", "visit Lisbon");
		Thread.sleep(15);
		SessionInfo third = streamed("a", "Code", "refactor the parser");
		assertEquals(List.of(third.id(), second.id(), first.id()), store.list().stream().map(SessionInfo::id).toList());
		assertEquals(List.of(third.id(), first.id()), store.list("a").stream().map(SessionInfo::id).toList());
		assertEquals(List.of(second.id()), store.search("LISBON").stream().map(SessionInfo::id).toList());
		assertEquals(List.of(first.id()), store.search("recipes").stream().map(SessionInfo::id).toList());
		assertEquals(List.of(), store.search("nowhere"));
		assertEquals("text streamed in pieces is found whole", List.of(third.id()), store.search("the parser").stream().map(SessionInfo::id).toList());
		assertEquals("a query never spans two messages", List.of(), store.search("code refactor"));
		// A search after the session grew sees what it gained (the kept text is read again).
		try (SessionWriter writer = store.openWriter(first.id())) {
			writer.append(1, " and sourdough");
		}
		assertEquals(List.of(first.id()), store.search("sourdough").stream().map(SessionInfo::id).toList());
		// The summaries let a new store list without replaying, with the same result.
		assertEquals(store.list(), new SessionStore(agents).list());
	}

	@Test
	public void renameClearDeleteAndExport() throws Exception {
		SessionInfo session = streamed("a", "Old title", "The **answer**\n\n```java\nint x;\n```");
		store.rename(session.id(), "New title");
		assertEquals("New title", new SessionStore(agents).get(session.id()).get().title());

		Path export = temp.getRoot().toPath().resolve("out.md");
		store.exportMarkdown(session.id(), export);
		String markdown = Files.readString(export);
		assertTrue(markdown, markdown.startsWith("# New title\n"));
		assertTrue(markdown, markdown.contains("## You\n\nOld title"));
		assertTrue(markdown, markdown.contains("The **answer**\n\n```java\nint x;\n```"));

		try (SessionWriter writer = store.openWriter(session.id())) {
			writer.backendSessionId("acp-123");
		}
		assertEquals("acp-123", store.get(session.id()).get().backendSessionId());
		store.clear(session.id());
		assertEquals(List.of(), store.loadTranscript(session.id()));
		assertNull("clear forgets the backend's session", new SessionStore(agents).get(session.id()).get().backendSessionId());

		store.delete(session.id());
		assertTrue(store.get(session.id()).isEmpty());
		assertTrue(Files.notExists(session.file()));
		assertTrue(new SessionStore(agents).list().isEmpty());
	}

	@Test
	public void anImportedSessionIsWrittenWholeWithItsTimesAndListsAfterARestart() throws Exception {
		Instant created = Instant.parse("2026-03-01T09:00:00Z");
		Instant updated = Instant.parse("2026-03-01T09:10:00Z");
		List<TranscriptEntry> entries = List.of(
				TranscriptEntry.text(7, EntryKind.USER, created, "Hello", EntryState.COMPLETE),
				TranscriptEntry.text(9, EntryKind.ASSISTANT, updated, "Hi there", EntryState.COMPLETE));
		SessionInfo info = store.importSession("hermes-default-s1", "a", "Greeting", created, updated, entries).get();
		assertEquals("Greeting", info.title());
		assertEquals(2, info.messageCount());
		assertEquals(updated, Files.getLastModifiedTime(info.file()).toInstant());
		assertTrue("the same id again imports nothing",
				store.importSession("hermes-default-s1", "a", "Other", created, updated, entries).isEmpty());
		try (java.util.stream.Stream<Path> files = Files.list(info.file().getParent())) {
			assertEquals(List.of("hermes-default-s1.jsonl", "hermes-default-s1.meta.json"),
					files.map(f -> f.getFileName().toString()).sorted().toList());
		}

		SessionStore reopened = new SessionStore(agents);
		SessionInfo again = reopened.get("hermes-default-s1").get();
		assertEquals(created, again.created());
		assertEquals(updated, again.updated());
		assertEquals("Greeting", again.title());
		List<TranscriptEntry> loaded = reopened.loadTranscript("hermes-default-s1");
		assertEquals(List.of(0, 1), loaded.stream().map(TranscriptEntry::index).toList());
		assertEquals("Hi there", loaded.get(1).text());
		// Without its summary the session is replayed and keeps its time (the file's).
		Files.delete(info.file().resolveSibling("hermes-default-s1.meta.json"));
		assertEquals(updated, new SessionStore(agents).get("hermes-default-s1").get().updated());
	}

	@Test(expected = IOException.class)
	public void anImportedSessionIdCannotNameAPathElsewhere() throws Exception {
		store.importSession("../escape", "a", "", Instant.now(), Instant.now(), List.of());
	}
}
