package dev.chorus.core.tests;

import dev.chorus.tests.support.InMemorySecretStore;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertNotNull;
import static org.junit.Assert.assertSame;
import static org.junit.Assert.assertTrue;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;

import org.eclipse.core.runtime.IProgressMonitor;
import org.eclipse.core.runtime.jobs.Job;
import org.junit.After;
import org.junit.Before;
import org.junit.Rule;
import org.junit.Test;
import org.junit.rules.TemporaryFolder;

import dev.chorus.backend.openai.OpenAiBackend;
import dev.chorus.core.ChorusCore;
import dev.chorus.core.backend.BackendRegistry;
import dev.chorus.core.backend.BackendSetting;
import dev.chorus.core.backend.ConversationContext;
import dev.chorus.core.backend.HistoryMessage;
import dev.chorus.core.backend.IAgentBackend;
import dev.chorus.core.backend.IConversation;
import dev.chorus.core.backend.ITurnSink;
import dev.chorus.core.backend.StopReason;
import dev.chorus.core.runs.Run;
import dev.chorus.core.runs.RunEvent;
import dev.chorus.core.runs.RunRegistry;
import dev.chorus.core.runs.RunState;
import dev.chorus.core.sessions.SessionStore;
import dev.chorus.core.transcript.EntryKind;
import dev.chorus.core.transcript.EntryState;
import dev.chorus.core.transcript.TranscriptEntry;
import dev.chorus.tests.support.LoopbackOpenAiServer;

/**
 * Runs end to end: real jobs, the real OpenAI-compatible backend, a real HTTP server on loopback
 * that streams each request its own tokens.
 */
public class RunsTest {

	private static final int TOKENS = 40;

	@Rule
	public TemporaryFolder temp = new TemporaryFolder();

	private LoopbackOpenAiServer server;
	private ChorusCore core;

	@Before
	public void setUp() throws Exception {
		server = new LoopbackOpenAiServer();
		// Every request streams tokens named after the message it answers: "<message>#<n> ".
		server.setReplies(request -> {
			String message = request.lastUserMessage();
			if (message.equals("full speed")) {
				return new LoopbackOpenAiServer.Generated(() -> "token ", 0);
			}
			if (message.startsWith("endless")) {
				return new LoopbackOpenAiServer.Endless(message + " ", 5);
			}
			String[] tokens = new String[TOKENS];
			for (int i = 0; i < TOKENS; i++) {
				tokens[i] = message + '#' + i + ' ';
			}
			return LoopbackOpenAiServer.textReply(2, tokens);
		});
		BackendRegistry backends = new BackendRegistry(false);
		backends.register(RegistryIds.OPENAI, "OpenAI-compatible", "", new OpenAiBackend());
		core = new ChorusCore(temp.newFolder("data").toPath(), new InMemorySecretStore(), backends);
	}

	@After
	public void tearDown() {
		core.shutdown();
		server.close();
	}

	private String agent(String name) throws Exception {
		String id = core.agents().create(name, RegistryIds.OPENAI).id();
		core.agents().updateSettings(id, RegistryIds.OPENAI, Map.of(OpenAiBackend.BASE_URL, server.baseUrl(), OpenAiBackend.MODEL, "llama3.2"));
		return id;
	}

	private static String expected(String message) {
		StringBuilder text = new StringBuilder();
		for (int i = 0; i < TOKENS; i++) {
			text.append(message).append('#').append(i).append(' ');
		}
		return text.toString();
	}

	private static void waitFor(String what, long millis, BooleanSupplier condition) throws InterruptedException {
		long end = System.currentTimeMillis() + millis;
		while (!condition.getAsBoolean()) {
			if (System.currentTimeMillis() > end) {
				throw new AssertionError("timed out waiting for " + what);
			}
			Thread.sleep(5);
		}
	}

	@Test
	public void aListenerThatFallsBehindSlowsItsStreamOnlyWhileItIsBehind() throws Exception {
		Run run = core.runs().startNew(agent("Fast"));
		java.util.concurrent.atomic.AtomicBoolean behind = new java.util.concurrent.atomic.AtomicBoolean();
		java.util.concurrent.atomic.AtomicLong pieces = new java.util.concurrent.atomic.AtomicLong();
		run.subscribe(new dev.chorus.core.runs.IRunListener() {
			@Override
			public void handle(RunEvent event) {
				if (event instanceof RunEvent.TextAppended) {
					pieces.incrementAndGet();
				}
			}

			@Override
			public boolean isBehind() {
				return behind.get();
			}
		});
		run.send("full speed");
		waitFor("the stream to flow", 10_000, () -> pieces.get() > 1000);
		java.util.function.LongSupplier perSecond = () -> {
			long before = pieces.get();
			try {
				Thread.sleep(500);
			} catch (InterruptedException e) {
				Thread.currentThread().interrupt();
			}
			return (pieces.get() - before) * 2;
		};
		long free = perSecond.getAsLong();
		behind.set(true);
		Thread.sleep(50);
		long paced = perSecond.getAsLong();
		behind.set(false);
		Thread.sleep(50);
		long freeAgain = perSecond.getAsLong();
		run.stop();
		waitFor("the run to stop", 2000, () -> !run.isGenerating());
		String figures = "free " + free + "/s, behind " + paced + "/s, free again " + freeAgain + "/s";
		assertTrue("about a thousand pieces a second while behind: " + figures, paced > 0 && paced <= 1500);
		assertTrue("full speed otherwise: " + figures, free > 2 * paced && freeAgain > 2 * paced);
	}

	@Test
	public void sixteenRunsStreamingAtOnceNeverBleedIntoEachOther() throws Exception {
		List<String> agentIds = List.of(agent("Alpha"), agent("Beta"), agent("Gamma"), agent("Delta"));
		int count = 16;
		List<Run> runs = new ArrayList<>();
		Map<String, List<RunEvent>> received = new ConcurrentHashMap<>();
		for (int i = 0; i < count; i++) {
			Run run = core.runs().startNew(agentIds.get(i % agentIds.size()));
			if (runs.contains(run)) {
				// A blank run of the agent is reused by New Chat; give it a message so the next is new.
				throw new AssertionError("blank run reused while it already had a message");
			}
			List<RunEvent> events = Collections.synchronizedList(new ArrayList<>());
			received.put(run.getRunId(), events);
			run.subscribe(events::add);
			run.send("run" + i);
			runs.add(run);
		}
		waitFor("all runs to finish", 30_000, () -> runs.stream().noneMatch(Run::isGenerating));

		Set<String> sessions = ConcurrentHashMap.newKeySet();
		for (int i = 0; i < count; i++) {
			Run run = runs.get(i);
			List<TranscriptEntry> transcript = run.snapshot();
			assertEquals("run" + i, transcript.get(0).text());
			TranscriptEntry answer = transcript.stream().filter(e -> e.kind() == EntryKind.ASSISTANT).findFirst().get();
			assertEquals("run " + i + " holds exactly its own stream", expected("run" + i), answer.text());
			assertEquals(EntryState.COMPLETE, answer.state());
			for (RunEvent event : received.get(run.getRunId())) {
				assertEquals("every event carries its run's id", run.getRunId(), event.runId());
			}
			StringBuilder streamed = new StringBuilder();
			received.get(run.getRunId()).stream().filter(RunEvent.TextAppended.class::isInstance)
					.map(RunEvent.TextAppended.class::cast).forEach(e -> streamed.append(e.delta()));
			assertEquals("the listener saw the same stream", expected("run" + i), streamed.toString());
			sessions.add(run.getSessionId());
			// What was persisted is the same, replayed from the file.
			List<TranscriptEntry> stored = new SessionStore(core.dataFolder().resolve("agents")).loadTranscript(run.getSessionId());
			assertEquals(expected("run" + i), stored.get(1).text());
		}
		assertEquals("one session per run", count, sessions.size());
	}

	@Test
	public void stopEndsTheTurnWithinASecondKeepingThePartialReplyAndOthersGoOn() throws Exception {
		String id = agent("Talker");
		Run endless = core.runs().startNew(id);
		endless.send("endless");
		Run other = core.runs().startNew(agent("Other"));
		waitFor("the endless stream to start", 10_000, () -> endless.snapshot().size() > 1 && endless.snapshot().get(1).text().length() > 50);
		other.send("other");

		long start = System.nanoTime();
		endless.stop();
		waitFor("the stopped run to be idle", 1000, () -> endless.getState() == RunState.IDLE);
		long millis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start);
		assertTrue("stopped in " + millis + " ms", millis <= 1000);

		TranscriptEntry partial = endless.snapshot().get(1);
		assertEquals(EntryState.STOPPED, partial.state());
		assertTrue(partial.text().startsWith("endless endless "));
		waitFor("the other run to finish", 10_000, () -> !other.isGenerating());
		assertEquals(expected("other"), other.snapshot().get(1).text());
		assertEquals(EntryState.COMPLETE, other.snapshot().get(1).state());
		assertEquals("stopped, as stored", EntryState.STOPPED,
				core.sessions().loadTranscript(endless.getSessionId()).get(1).state());
	}

	@Test
	public void turnsAreJobsFoundByFamilyAndCancelledThroughTheJobManager() throws Exception {
		String a = agent("Jobs A");
		String b = agent("Jobs B");
		Run runA = core.runs().startNew(a);
		Run runB = core.runs().startNew(b);
		runA.send("endless a");
		runB.send("endless b");
		waitFor("both jobs", 5000, () -> Job.getJobManager().find(RunRegistry.FAMILY).length == 2);
		Job[] ofA = Job.getJobManager().find(RunRegistry.familyOf(a));
		assertEquals(1, ofA.length);
		assertSame(runA.getJob(), ofA[0]);

		Job.getJobManager().cancel(RunRegistry.familyOf(a));
		waitFor("run A stopped", 1000, () -> !runA.isGenerating());
		assertTrue("run B goes on", runB.isGenerating());

		core.runs().stopAll();
		assertEquals(0, Job.getJobManager().find(RunRegistry.FAMILY).length);
		assertEquals(RunState.CLOSED, runB.getState());
		assertTrue(core.runs().list().isEmpty());
	}

	@Test
	public void racingResumesOfOneSessionGetOneRun() throws Exception {
		Run first = core.runs().startNew(agent("Resume"));
		first.send("hello");
		waitFor("the answer", 10_000, () -> !first.isGenerating());
		String session = first.getSessionId();
		first.close();
		assertFalse(core.runs().isLive(session));

		ExecutorService pool = Executors.newFixedThreadPool(8);
		try {
			for (int round = 0; round < 20; round++) {
				CountDownLatch go = new CountDownLatch(1);
				List<Future<Run>> results = new ArrayList<>();
				for (int i = 0; i < 8; i++) {
					results.add(pool.submit(() -> {
						go.await();
						return core.runs().resume(session);
					}));
				}
				go.countDown();
				Run run = results.get(0).get();
				for (Future<Run> result : results) {
					assertSame(run, result.get());
				}
				assertEquals(expected("hello"), run.snapshot().get(1).text());
				run.close();
			}
		} finally {
			pool.shutdownNow();
		}
	}

	@Test
	public void newChatReusesABlankRunAndTitlesComeFromTheFirstMessage() throws Exception {
		String id = agent("Blank");
		Run blank = core.runs().startNew(id);
		assertSame(blank, core.runs().startNew(id));
		blank.send("A first message that is long enough to be cut at sixty characters for the title");
		assertEquals(60, blank.getTitle().length());
		assertTrue(blank.getTitle().endsWith("\u2026"));
		assertNotNull(core.sessions().get(blank.getSessionId()).get());
		waitFor("the answer", 10_000, () -> !blank.isGenerating());
		Run next = core.runs().startNew(id);
		assertFalse(next == blank);
	}

	@Test
	public void aTurnStoppedBeforeItStartsEndsAndTheRunGoesOn() throws Exception {
		Run run = core.runs().startNew(agent("Early"));
		// No job starts while the job manager is suspended: the turn is stopped while it waits.
		Job.getJobManager().suspend();
		try {
			run.send("too early");
			assertTrue(run.isGenerating());
			run.stop();
		} finally {
			Job.getJobManager().resume();
		}
		waitFor("the stopped turn to end", 2000, () -> run.getState() == RunState.IDLE);
		run.send("now");
		waitFor("the answer", 10_000, () -> !run.isGenerating());
		// The stopped turn left its question, no answer; the next one is answered in full.
		List<TranscriptEntry> entries = run.snapshot();
		assertEquals(entries.toString(), List.of(EntryKind.USER, EntryKind.USER, EntryKind.ASSISTANT, EntryKind.USAGE),
				entries.stream().map(TranscriptEntry::kind).toList());
		assertEquals(expected("now"), entries.get(2).text());
	}

	@Test
	public void titlesLeaveOutMarkdownMarks() throws Exception {
		Run run = core.runs().startNew(agent("Titles"));
		run.send("## Fix the **build** of `chorus`\n\nmore");
		assertEquals("Fix the build of chorus more", run.getTitle());
		waitFor("the answer", 10_000, () -> !run.isGenerating());
	}

	@Test
	public void aRunStartedForAFolderWorksThereAndItsSessionResumesThere() throws Exception {
		// A backend that answers with the folder the core gave it.
		BackendRegistry backends = new BackendRegistry(false);
		backends.register("folder", "Folder", "", new FolderEchoBackend());
		ChorusCore folders = new ChorusCore(temp.newFolder("folders").toPath(), new InMemorySecretStore(), backends);
		try {
			String agentId = folders.agents().create("Coder", "folder").id();
			folders.agents().updateSettings(agentId, "folder", Map.of("workingDirectory", "/agent/own"));
			Run own = folders.runs().startNew(agentId);
			Run project = folders.runs().startNew(agentId, "/projects/web");
			assertFalse("a blank run in another folder is not reused", own == project);
			assertSame(project, folders.runs().startNew(agentId, "/projects/web"));
			own.send("where?");
			project.send("where?");
			waitFor("both answers", 10_000, () -> !own.isGenerating() && !project.isGenerating());
			assertEquals("/agent/own", own.snapshot().get(1).text());
			assertEquals("/projects/web", project.snapshot().get(1).text());
			String sessionId = project.getSessionId();
			project.close();
			own.close();

			SessionStore reread = new SessionStore(folders.dataFolder().resolve("agents"));
			assertEquals("/projects/web", reread.get(sessionId).get().workingDirectory());
			assertEquals(null, reread.get(own.getSessionId()).get().workingDirectory());
			Run resumed = folders.runs().resume(sessionId);
			assertEquals("/projects/web", resumed.getWorkingDirectory());
			resumed.send("and now?");
			waitFor("the answer", 10_000, () -> !resumed.isGenerating());
			assertEquals("/projects/web", resumed.snapshot().get(3).text());
		} finally {
			folders.shutdown();
		}
	}

	/** Answers every prompt with the working directory of its conversation. */
	private static final class FolderEchoBackend implements IAgentBackend {
		@Override
		public List<BackendSetting> getSettings() {
			return List.of();
		}

		@Override
		public IConversation open(ConversationContext context, IProgressMonitor monitor) {
			String folder = context.setting("workingDirectory", context.workingDirectory().toString());
			return new IConversation() {
				@Override
				public StopReason prompt(List<HistoryMessage> history, String userText, ITurnSink sink, IProgressMonitor m) {
					sink.text(folder);
					return StopReason.END_TURN;
				}

				@Override
				public void cancel() {
				}

				@Override
				public void close() {
				}
			};
		}

		@Override
		public String testConnection(ConversationContext context, IProgressMonitor monitor) {
			return "folder";
		}
	}

	@Test
	public void aBackendFailureBecomesAnErrorEntryWithAHint() throws Exception {
		server.setReplies(request -> new LoopbackOpenAiServer.Error(401, LoopbackOpenAiServer.errorBody("bad key", "auth"), Map.of()));
		Run run = core.runs().startNew(agent("Failing"));
		run.send("hi");
		waitFor("the turn to end", 10_000, () -> !run.isGenerating());
		TranscriptEntry error = run.snapshot().get(run.snapshot().size() - 1);
		assertEquals(EntryKind.ERROR, error.kind());
		assertTrue(error.problem().message(), error.problem().message().contains("bad key"));
		assertTrue(error.problem().hint(), error.problem().hint().contains("API key"));
		assertEquals(RunState.IDLE, run.getState());
	}

	@Test
	public void clearEmptiesTheChatAndTheSession() throws Exception {
		Run run = core.runs().startNew(agent("Clearer"));
		run.send("one");
		waitFor("the answer", 10_000, () -> !run.isGenerating());
		run.clear();
		assertTrue(run.snapshot().isEmpty());
		assertTrue(core.sessions().loadTranscript(run.getSessionId()).isEmpty());
		run.send("two");
		waitFor("the answer", 10_000, () -> !run.isGenerating());
		assertEquals("two", run.snapshot().get(0).text());
	}

	/** Ids shared by the tests. */
	static final class RegistryIds {
		static final String OPENAI = "dev.chorus.backend.openai";
	}
}
