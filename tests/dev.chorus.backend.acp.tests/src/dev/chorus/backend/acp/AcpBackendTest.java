package dev.chorus.backend.acp;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertTrue;
import static org.junit.Assert.fail;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Function;

import org.eclipse.core.runtime.NullProgressMonitor;
import org.junit.After;
import org.junit.Before;
import org.junit.Rule;
import org.junit.Test;
import org.junit.rules.TemporaryFolder;

import dev.chorus.core.backend.BackendException;
import dev.chorus.core.backend.ConversationContext;
import dev.chorus.core.backend.ITurnSink;
import dev.chorus.core.backend.PermissionRequest;
import dev.chorus.core.backend.StopReason;
import dev.chorus.core.transcript.PlanStep;
import dev.chorus.core.transcript.ToolCall;
import dev.chorus.core.transcript.Usage;
import dev.chorus.tests.support.TestAgentProgram;
import dev.chorus.core.CommandLine;

/**
 * The ACP backend against a real agent program: {@code agent/TestAgent.java}, started as a child
 * process with the JDK's source launcher, speaking JSON-RPC over its stdio and logging what it got.
 */
public class AcpBackendTest {

	@Rule
	public TemporaryFolder temp = new TemporaryFolder();

	private final AcpBackend backend = new AcpBackend();
	private Path agent;
	private Path log;
	private Path workspace;
	private final List<AcpConversation> opened = new ArrayList<>();

	@Before
	public void setUp() throws Exception {
		agent = TestAgentProgram.copyTo(temp.newFolder("agent").toPath());
		log = temp.newFile("agent.log").toPath();
		workspace = temp.newFolder("workspace").toPath();
	}

	@After
	public void tearDown() {
		for (AcpConversation conversation : opened) {
			conversation.close();
			assertFalse("no agent process is left", conversation.process().isAlive());
		}
	}

	private ConversationContext context(String scenario, String resumeId, Map<String, String> extra) {
		Map<String, String> settings = new HashMap<>(extra);
		settings.put(AcpBackend.COMMAND, TestAgentProgram.commandLine(agent, scenario, log));
		settings.put(AcpBackend.WORKING_DIRECTORY, workspace.toString());
		return new ConversationContext("agent", settings, key -> Optional.empty(), resumeId, workspace);
	}

	private AcpConversation open(String scenario) throws BackendException {
		return open(scenario, null, Map.of());
	}

	private AcpConversation open(String scenario, String resumeId, Map<String, String> extra) throws BackendException {
		AcpConversation conversation = (AcpConversation) backend.open(context(scenario, resumeId, extra), new NullProgressMonitor());
		opened.add(conversation);
		return conversation;
	}

	private String received() throws Exception {
		return Files.readString(log);
	}

	/** Records what the agent streams; answers permission requests with the given function. */
	static final class Sink implements ITurnSink {
		final StringBuilder text = new StringBuilder();
		final StringBuilder reasoning = new StringBuilder();
		final List<ToolCall> toolCalls = Collections.synchronizedList(new ArrayList<>());
		final List<PermissionRequest> permissions = Collections.synchronizedList(new ArrayList<>());
		volatile List<PlanStep> plan = List.of();
		volatile String sessionId;
		final Function<PermissionRequest, Optional<String>> answers;

		Sink(Function<PermissionRequest, Optional<String>> answers) {
			this.answers = answers;
		}

		Sink() {
			this(request -> Optional.empty());
		}

		@Override
		public synchronized void text(String delta) {
			text.append(delta);
		}

		@Override
		public synchronized void reasoning(String delta) {
			reasoning.append(delta);
		}

		@Override
		public void toolCall(ToolCall call) {
			toolCalls.add(call);
		}

		@Override
		public void plan(List<PlanStep> steps) {
			plan = steps;
		}

		@Override
		public void usage(Usage usage) {
		}

		@Override
		public void backendSessionId(String id) {
			sessionId = id;
		}

		@Override
		public Optional<String> requestPermission(PermissionRequest request) {
			permissions.add(request);
			return answers.apply(request);
		}
	}

	@Test
	public void initializesCreatesASessionAndStreamsEveryKindOfUpdate() throws Exception {
		AcpConversation conversation = open("stream");
		Sink sink = new Sink();
		StopReason reason = conversation.prompt(List.of(), "Read a.txt please", sink, new NullProgressMonitor());

		assertEquals(StopReason.END_TURN, reason);
		assertEquals("Hello from ACP.", sink.text.toString());
		assertEquals("Let me think.", sink.reasoning.toString());
		assertEquals("sess-new", sink.sessionId);
		ToolCall first = sink.toolCalls.get(0);
		assertEquals(new ToolCall("t1", "Read a.txt", "read", "pending", "{\"path\":\"a.txt\"}", null), first);
		ToolCall update = sink.toolCalls.get(1);
		assertEquals("t1", update.id());
		assertEquals("completed", update.status());
		assertEquals("file body", update.output());
		assertEquals(List.of(new PlanStep("Step 1", "high", "completed"), new PlanStep("Step 2", "low", "pending")), sink.plan);

		String log = received();
		assertTrue(log, log.contains("\"method\":\"initialize\"") && log.contains("\"protocolVersion\":1"));
		assertTrue(log, log.contains("\"fs\":{\"readTextFile\":true,\"writeTextFile\":true}"));
		assertTrue(log, log.contains("\"method\":\"session/new\"") && log.contains("\"cwd\":\"" + workspace.toAbsolutePath() + "\""));
		assertTrue(log, log.contains("\"mcpServers\":[]"));
		assertTrue(log, log.contains("\"method\":\"session/prompt\"") && log.contains("\"prompt\":[{\"type\":\"text\",\"text\":\"Read a.txt please\"}]"));
	}

	@Test
	public void permissionRequestsReachTheUserAndTheAnswerReachesTheAgent() throws Exception {
		Sink sink = new Sink(request -> Optional.of("yes"));
		open("permission").prompt(List.of(), "clean up", sink, new NullProgressMonitor());
		assertEquals("You chose yes", sink.text.toString());
		PermissionRequest request = sink.permissions.get(0);
		assertEquals("Run rm -rf build", request.toolCall().title());
		assertEquals(List.of("yes", "no"), request.options().stream().map(PermissionRequest.Option::optionId).toList());
		assertTrue(request.options().get(0).isAllow());
		assertTrue(received().contains("\"outcome\":{\"outcome\":\"selected\",\"optionId\":\"yes\"}"));

		Sink declined = new Sink(request2 -> Optional.empty());
		open("permission").prompt(List.of(), "clean up", declined, new NullProgressMonitor());
		assertEquals("You chose cancelled", declined.text.toString());
	}

	@Test
	public void filesAreServedInsideTheWorkingDirectoryAndWritesAskFirst() throws Exception {
		Files.writeString(workspace.resolve("in.txt"), "one\ntwo\nthree");
		Files.writeString(workspace.getParent().resolve("outside.txt"), "secret");
		Sink allowing = new Sink(request -> Optional.of("allow"));
		open("fs").prompt(List.of(), "files", allowing, new NullProgressMonitor());
		assertEquals("read=two;write=ok;outside=refused", allowing.text.toString());
		assertEquals("written by agent", Files.readString(workspace.resolve("out.txt")));
		assertEquals("Write out.txt", allowing.permissions.get(0).toolCall().title());

		Files.delete(workspace.resolve("out.txt"));
		Sink refusing = new Sink(request -> Optional.of("reject"));
		open("fs").prompt(List.of(), "files", refusing, new NullProgressMonitor());
		assertEquals("read=two;write=refused;outside=refused", refusing.text.toString());
		assertFalse(Files.exists(workspace.resolve("out.txt")));
	}

	@Test
	public void resumesWithSessionLoadWithoutReplayingHistoryIntoTheChat() throws Exception {
		Sink sink = new Sink();
		open("load", "sess-old", Map.of()).prompt(List.of(), "continue", sink, new NullProgressMonitor());
		assertEquals("sess-old", sink.sessionId);
		assertFalse(sink.text.toString(), sink.text.toString().contains("old answer"));
		String log = received();
		assertTrue(log, log.contains("\"method\":\"session/load\"") && log.contains("\"sessionId\":\"sess-old\""));
		assertFalse("no new session when the old one loads", log.contains("session/new"));
	}

	@Test
	public void withoutLoadSessionAResumeStartsANewSession() throws Exception {
		Sink sink = new Sink();
		open("stream", "sess-old", Map.of()).prompt(List.of(), "hi", sink, new NullProgressMonitor());
		assertEquals("sess-new", sink.sessionId);
		assertFalse(received().contains("session/load"));
	}

	@Test
	public void cancelSendsSessionCancelAndTheTurnEndsPromptly() throws Exception {
		AcpConversation conversation = open("slow");
		Sink sink = new Sink();
		AtomicReference<Object> outcome = new AtomicReference<>();
		Thread turn = startTurn(conversation, sink, outcome);
		waitFor(() -> sink.text.length() > 20);
		long start = System.nanoTime();
		conversation.cancel();
		turn.join(2000);
		long millis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start);
		assertFalse(turn.isAlive());
		assertEquals(StopReason.CANCELLED, outcome.get());
		assertTrue("ended in " + millis + " ms", millis < 1000);
		assertTrue(received().contains("\"method\":\"session/cancel\""));
		assertTrue("the agent lives on for the next turn", conversation.process().isAlive());
	}

	@Test
	public void anAgentThatIgnoresCancelIsStopped() throws Exception {
		AcpConversation conversation = open("stubborn");
		Sink sink = new Sink();
		AtomicReference<Object> outcome = new AtomicReference<>();
		Thread turn = startTurn(conversation, sink, outcome);
		waitFor(() -> sink.text.length() > 20);
		conversation.cancel();
		turn.join(5000);
		assertEquals(StopReason.CANCELLED, outcome.get());
		assertFalse("killed, not left as a zombie", conversation.process().isAlive());
	}

	@Test
	public void anAgentThatExitsAtStartSaysWhy() {
		BackendException e = expectOpenFailure("exit-at-start", Map.of());
		assertTrue(e.getMessage(), e.getMessage().contains("exited with code 3"));
		assertTrue(e.getMessage(), e.getMessage().contains("boom at start: missing configuration"));
	}

	@Test
	public void anAgentThatCrashesMidTurnSaysWhyAndTheTextSoFarStays() throws Exception {
		AcpConversation conversation = open("crash");
		Sink sink = new Sink();
		try {
			conversation.prompt(List.of(), "go", sink, new NullProgressMonitor());
			fail();
		} catch (BackendException e) {
			assertTrue(e.getMessage(), e.getMessage().contains("exited with code 7"));
			assertTrue(e.getMessage(), e.getMessage().contains("segfault-ish crash"));
			assertTrue(e.getHint(), e.getHint().contains("restart"));
		}
		assertEquals("Starting...", sink.text.toString());
		assertFalse(conversation.process().isAlive());
	}

	@Test
	public void anAgentThatWritesGarbageIsStoppedWithTheLineNamed() {
		BackendException e = expectOpenFailure("garbage", Map.of());
		assertTrue(e.getMessage(), e.getMessage().contains("not JSON-RPC: Welcome to the agent!"));
	}

	@Test
	public void anAgentThatNeverAnswersInitializeTimesOutAndIsStopped() {
		long start = System.nanoTime();
		BackendException e = expectOpenFailure("no-init", Map.of(AcpBackend.START_TIMEOUT, "2"));
		long millis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start);
		assertTrue(e.getMessage(), e.getMessage().contains("did not answer initialize within 2 seconds"));
		assertTrue(e.getHint(), e.getHint().contains("ACP mode"));
		assertTrue("took " + millis, millis < 8000);
	}

	@Test
	public void faultyAgentsBesideAStreamingOneLeaveNoProcessAndDoNotDisturbIt() throws Exception {
		long children = ProcessHandle.current().children().count();
		AcpConversation healthy = open("slow");
		Sink healthySink = new Sink();
		AtomicReference<Object> healthyOutcome = new AtomicReference<>();
		Thread healthyTurn = startTurn(healthy, healthySink, healthyOutcome);
		waitFor(() -> healthySink.text.length() > 0);

		// Four broken agents at once: each fails with its own cause.
		Map<String, String> causes = Map.of("exit-at-start", "exited with code 3", "garbage", "not JSON-RPC",
				"no-init", "did not answer initialize", "crash", "exited with code 7");
		java.util.concurrent.ExecutorService pool = java.util.concurrent.Executors.newFixedThreadPool(causes.size());
		Map<String, java.util.concurrent.Future<String>> failures = new java.util.HashMap<>();
		for (String scenario : causes.keySet()) {
			failures.put(scenario, pool.submit(() -> {
				try {
					AcpConversation conversation = (AcpConversation) backend.open(
							context(scenario, null, Map.of(AcpBackend.START_TIMEOUT, scenario.equals("no-init") ? "3" : "60")),
							new NullProgressMonitor());
					synchronized (opened) {
						opened.add(conversation);
					}
					conversation.prompt(List.of(), "go", new Sink(), new NullProgressMonitor());
					return "no failure";
				} catch (BackendException e) {
					return e.getMessage();
				}
			}));
		}
		for (Map.Entry<String, String> cause : causes.entrySet()) {
			String message = failures.get(cause.getKey()).get(30, TimeUnit.SECONDS);
			assertTrue(cause.getKey() + ": " + message, message.contains(cause.getValue()));
		}
		pool.shutdown();
		assertTrue("the healthy agent streams on", healthyTurn.isAlive() && healthy.process().isAlive());
		int before = healthySink.text.length();
		waitFor(() -> healthySink.text.length() > before);
		healthy.cancel();
		healthyTurn.join(2000);
		assertEquals(StopReason.CANCELLED, healthyOutcome.get());

		// Ten more agents started and stopped mid-turn.
		for (int i = 0; i < 10; i++) {
			AcpConversation conversation = open("slow");
			Sink sink = new Sink();
			AtomicReference<Object> outcome = new AtomicReference<>();
			Thread turn = startTurn(conversation, sink, outcome);
			waitFor(() -> sink.text.length() > 0);
			conversation.cancel();
			turn.join(2000);
			conversation.close();
		}
		synchronized (opened) {
			opened.forEach(AcpConversation::close);
		}
		long deadline = System.currentTimeMillis() + 5000;
		while (ProcessHandle.current().children().count() > children && System.currentTimeMillis() < deadline) {
			Thread.sleep(50);
		}
		assertEquals("no agent process is left", children, ProcessHandle.current().children().count());
	}

	@Test
	public void aMissingProgramIsNamed() {
		Map<String, String> settings = Map.of(AcpBackend.COMMAND, "no-such-agent-xyz --acp", AcpBackend.WORKING_DIRECTORY, workspace.toString());
		try {
			backend.open(new ConversationContext("a", settings, key -> Optional.empty(), null, workspace), new NullProgressMonitor());
			fail();
		} catch (BackendException e) {
			assertTrue(e.getMessage(), e.getMessage().contains("Cannot start the agent program 'no-such-agent-xyz'"));
			assertTrue(e.getHint(), e.getHint().contains("PATH"));
		}
	}

	@Test
	public void testConnectionNamesTheAgentAndLeavesNoProcess() throws Exception {
		String result = backend.testConnection(context("stream", null, Map.of()), new NullProgressMonitor());
		assertEquals("Connected: test-agent 1.0 speaks the Agent Client Protocol.", result);
	}

	@Test
	public void commandLinesSplitLikeAShell() {
		assertEquals(List.of("gemini", "--experimental-acp"), CommandLine.split("gemini --experimental-acp"));
		assertEquals(List.of("/opt/my agent/bin", "a b", "c\"d", "e"), CommandLine.split("'/opt/my agent/bin' \"a b\" c\\\"d  e"));
	}

	/** Runs a turn on its own thread; its stop reason or failure lands in {@code outcome}. */
	private static Thread startTurn(AcpConversation conversation, Sink sink, AtomicReference<Object> outcome) {
		Thread turn = new Thread(() -> {
			try {
				outcome.set(conversation.prompt(List.of(), "tick", sink, new NullProgressMonitor()));
			} catch (BackendException e) {
				outcome.set(e);
			}
		});
		turn.start();
		return turn;
	}

	private BackendException expectOpenFailure(String scenario, Map<String, String> extra) {
		List<ProcessHandle> before = ProcessHandle.current().children().toList();
		try {
			open(scenario, null, extra);
		} catch (BackendException e) {
			List<ProcessHandle> after = ProcessHandle.current().children().filter(ProcessHandle::isAlive).toList();
			assertTrue("no agent process left behind: " + after, before.containsAll(after));
			return e;
		}
		throw new AssertionError(scenario + " opened");
	}

	private static void waitFor(java.util.function.BooleanSupplier condition) throws InterruptedException {
		long end = System.currentTimeMillis() + 20_000;
		while (!condition.getAsBoolean()) {
			assertTrue("timed out", System.currentTimeMillis() < end);
			Thread.sleep(10);
		}
	}
}
