package dev.chorus.backend.acp;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertNotNull;
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
import java.util.function.BiFunction;

import org.eclipse.core.runtime.IProgressMonitor;
import org.eclipse.core.runtime.NullProgressMonitor;
import org.junit.After;
import org.junit.Before;
import org.junit.Rule;
import org.junit.Test;
import org.junit.rules.TemporaryFolder;

import com.google.gson.JsonArray;
import com.google.gson.JsonObject;

import dev.chorus.core.backend.BackendException;
import dev.chorus.core.backend.ConfigOption;
import dev.chorus.core.backend.ContextUsage;
import dev.chorus.core.backend.ConversationContext;
import dev.chorus.core.backend.ISessionSink;
import dev.chorus.core.backend.PermissionRequest;
import dev.chorus.core.backend.SlashCommand;
import dev.chorus.core.backend.StopReason;
import dev.chorus.core.transcript.Attachment;
import dev.chorus.core.transcript.ToolCall;
import dev.chorus.tests.support.SdkTestAgent;

/**
 * The ACP client's capabilities against the agent built on the official TypeScript SDK: options
 * and modes, commands, usage and titles, terminals, login, resume and close, attachments, and
 * hostile input. Every test asserts that nothing Chorus sent broke the SDK's JSON Schema.
 */
public class SdkAgentFeaturesTest {

	@Rule
	public TemporaryFolder temp = new TemporaryFolder();

	private final AcpBackend backend = new AcpBackend();
	private final List<AcpConversation> opened = new ArrayList<>();
	private SdkTestAgent agent;
	private Path workspace;
	private long childrenBefore;

	/** What the conversation reports beyond its turns; answers questions with the given function. */
	static final class Session implements ISessionSink {
		final List<List<ConfigOption>> options = Collections.synchronizedList(new ArrayList<>());
		volatile List<SlashCommand> commands = List.of();
		volatile ContextUsage usage;
		volatile String title;
		final List<PermissionRequest> asked = Collections.synchronizedList(new ArrayList<>());
		volatile BiFunction<PermissionRequest, IProgressMonitor, Optional<String>> answer = (request, monitor) -> Optional.empty();

		@Override
		public void configOptions(List<ConfigOption> offered) {
			options.add(offered);
		}

		@Override
		public void commands(List<SlashCommand> offered) {
			commands = offered;
		}

		@Override
		public void contextUsage(ContextUsage reported) {
			usage = reported;
		}

		@Override
		public void title(String given) {
			title = given;
		}

		@Override
		public Optional<String> ask(PermissionRequest request, IProgressMonitor monitor) {
			asked.add(request);
			return answer.apply(request, monitor);
		}

		List<ConfigOption> latest() {
			return options.isEmpty() ? List.of() : options.get(options.size() - 1);
		}

		ConfigOption option(String id) {
			return latest().stream().filter(option -> option.id().equals(id)).findFirst().orElseThrow();
		}
	}

	@Before
	public void setUp() throws Exception {
		childrenBefore = ProcessHandle.current().children().filter(ProcessHandle::isAlive).count();
		agent = SdkTestAgent.in(temp.newFolder("sdk-agent").toPath());
		workspace = temp.newFolder("workspace").toPath();
	}

	@After
	public void tearDown() throws Exception {
		for (AcpConversation conversation : opened) {
			conversation.close();
			assertFalse("no agent process is left", conversation.process().isAlive());
		}
		long deadline = System.currentTimeMillis() + 5000;
		while (ProcessHandle.current().children().filter(ProcessHandle::isAlive).count() > childrenBefore
				&& System.currentTimeMillis() < deadline) {
			Thread.sleep(50);
		}
		assertEquals("no process is left", childrenBefore, ProcessHandle.current().children().filter(ProcessHandle::isAlive).count());
	}

	private AcpConversation open(Session session, String resumeId, Map<String, String> extra, String... flags) throws BackendException {
		Map<String, String> settings = new HashMap<>(extra);
		settings.put(AcpBackend.COMMAND, agent.commandLine(flags));
		settings.put(AcpBackend.ENVIRONMENT, agent.environmentSetting());
		settings.put(AcpBackend.WORKING_DIRECTORY, workspace.toString());
		settings.putIfAbsent(AcpBackend.START_TIMEOUT, "20");
		ConversationContext context = new ConversationContext("sdk-agent", settings, key -> Optional.empty(), resumeId, workspace, session);
		AcpConversation conversation = (AcpConversation) backend.open(context, new NullProgressMonitor());
		opened.add(conversation);
		return conversation;
	}

	private AcpConversation open(Session session, String... flags) throws BackendException {
		return open(session, null, Map.of(), flags);
	}

	private static void waitFor(java.util.function.BooleanSupplier condition) throws InterruptedException {
		long deadline = System.currentTimeMillis() + 10_000;
		while (!condition.getAsBoolean()) {
			if (System.currentTimeMillis() > deadline) {
				fail("timed out");
			}
			Thread.sleep(20);
		}
	}

	@Test(timeout = 60_000)
	public void configOptionsShowAndChangeAndAValueTheAgentDoesNotOfferIsRefusedClearly() throws Exception {
		Session session = new Session();
		AcpConversation conversation = open(session);
		assertEquals(List.of("mode", "model", "think"), session.latest().stream().map(ConfigOption::id).toList());
		assertEquals("ask", session.option("mode").currentValue());
		assertEquals("the boolean option comes because Chorus opts in to it", ConfigOption.Type.BOOLEAN, session.option("think").type());
		assertEquals(List.of("small", "large"), session.option("model").choices().stream().map(ConfigOption.Choice::value).toList());
		assertNotNull("grouped choices keep their group", session.option("model").choices().get(0).group());

		conversation.setConfigOption("mode", "code", new NullProgressMonitor());
		assertEquals("code", session.option("mode").currentValue());
		conversation.setConfigOption("think", "true", new NullProgressMonitor());
		assertEquals("true", session.option("think").currentValue());
		JsonObject sent = agent.received("session/set_config_option").get(1).getAsJsonObject("params");
		assertEquals("boolean", sent.get("type").getAsString());
		assertTrue(sent.get("value").getAsBoolean());
		try {
			conversation.setConfigOption("mode", "no-such-mode", new NullProgressMonitor());
			fail("a mode the agent does not offer");
		} catch (BackendException expected) {
			assertTrue(expected.getMessage(), expected.getMessage().contains("no-such-mode"));
		}
		assertEquals("the refused value never reached the agent", 2, agent.received("session/set_config_option").size());

		// The agent changes its mode itself: the option follows.
		conversation.prompt(List.of(), "switch-mode architect", new AcpBackendTest.Sink(), new NullProgressMonitor());
		waitFor(() -> "architect".equals(session.option("mode").currentValue()));
		agent.assertNoViolations();
	}

	@Test(timeout = 60_000)
	public void legacyModesShowAsAModeOptionAndAreSetWithSetMode() throws Exception {
		Session session = new Session();
		AcpConversation conversation = open(session, "--legacy-modes");
		ConfigOption mode = session.option(AcpConfigOptions.LEGACY_MODE_ID);
		assertEquals(ConfigOption.CATEGORY_MODE, mode.category());
		assertEquals("ask", mode.currentValue());
		conversation.setConfigOption(AcpConfigOptions.LEGACY_MODE_ID, "code", new NullProgressMonitor());
		assertEquals("code", session.option(AcpConfigOptions.LEGACY_MODE_ID).currentValue());
		assertEquals("code", agent.received("session/set_mode").get(0).getAsJsonObject("params").get("modeId").getAsString());
		agent.assertNoViolations();
	}

	@Test(timeout = 60_000)
	public void commandsUsageAndTitleArriveAlsoBeforeTheSessionExists() throws Exception {
		Session session = new Session();
		AcpConversation conversation = open(session, "--early-updates");
		waitFor(() -> session.commands.size() == 3);
		assertEquals(List.of("plan", "review", "web"), session.commands.stream().map(SlashCommand::name).toList());
		assertEquals("file to review", session.commands.get(1).inputHint());
		assertTrue(session.commands.get(2).description().contains("<b>"));

		AcpBackendTest.Sink sink = new AcpBackendTest.Sink();
		assertEquals(StopReason.END_TURN, conversation.prompt(List.of(), "/review Main.java", sink, new NullProgressMonitor()));
		assertEquals("a command goes as the prompt's text", "/review Main.java",
				agent.received("session/prompt").get(0).getAsJsonObject("params").getAsJsonArray("prompt").get(0).getAsJsonObject().get("text").getAsString());
		conversation.prompt(List.of(), "echo usage please", sink, new NullProgressMonitor());
		waitFor(() -> session.usage != null && session.title != null);
		assertEquals(200_000, session.usage.size());
		assertTrue(session.usage.used() > 0);
		assertNotNull(session.usage.cost());
		assertEquals("Echo: usage please", session.title);
		agent.assertNoViolations();
	}

	@Test(timeout = 60_000)
	public void aCommandRunsInATerminalWhoseOutputShowsInItsToolCall() throws Exception {
		AcpBackendTest.Sink sink = new AcpBackendTest.Sink();
		AcpConversation conversation = open(new Session());
		StopReason reason = conversation.prompt(List.of(), "terminal printenv CHORUS_SDK_AGENT", sink, new NullProgressMonitor());
		assertEquals(StopReason.END_TURN, reason);
		assertEquals("the environment the agent gave", "exit 0: 1", sink.text.toString().strip());
		AcpBackendTest.Sink where = new AcpBackendTest.Sink();
		conversation.prompt(List.of(), "terminal pwd", where, new NullProgressMonitor());
		assertTrue("it ran in the session's folder", where.text.toString().contains(workspace.toRealPath().toString()));
		ToolCall last = null;
		for (ToolCall call : List.copyOf(sink.toolCalls)) {
			if (call.terminal() != null && call.terminal().command() != null) {
				last = call;
			}
		}
		assertNotNull("the tool call shows the terminal", last);
		assertEquals("1", last.terminal().output().strip());
		assertEquals(Integer.valueOf(0), last.terminal().exitCode());
		assertFalse(last.terminal().running());
		JsonObject create = agent.sent("terminal/create").get(0).getAsJsonObject("params");
		assertEquals(4096, create.get("outputByteLimit").getAsInt());
		agent.assertNoViolations();
	}

	@Test(timeout = 60_000)
	public void aKilledTerminalSaysSoAndCancellingATurnKillsItsCommands() throws Exception {
		AcpBackendTest.Sink sink = new AcpBackendTest.Sink();
		AcpConversation conversation = open(new Session());
		conversation.prompt(List.of(), "terminal-kill sleep 30", sink, new NullProgressMonitor());
		assertTrue(sink.text.toString(), sink.text.toString().startsWith("killed"));
		agent.assertNoViolations();
	}

	@Test(timeout = 60_000)
	public void aTerminalThatPrintsWithoutEndKeepsOnlyItsLimitAndIsKilled() throws Exception {
		AcpBackendTest.Sink sink = new AcpBackendTest.Sink();
		open(new Session()).prompt(List.of(), "terminal-kill yes flood", sink, new NullProgressMonitor());
		String text = sink.text.toString();
		assertTrue(text, text.startsWith("killed"));
		assertTrue("the agent got at most its limit of 4096 bytes", text.length() < 4200);
		ToolCall shown = List.copyOf(sink.toolCalls).stream().filter(call -> call.terminal() != null && !call.terminal().running())
				.reduce((first, second) -> second).orElseThrow();
		assertTrue("the transcript keeps a bounded tail", shown.terminal().output().length() <= AcpTerminalRequests.SHOWN_CHARS);
		assertNotNull("it ended by a signal", shown.terminal().signal());
		agent.assertNoViolations();
	}

	@Test(timeout = 60_000)
	public void anOutputLimitKeepsTheEndOfTheOutput() throws Exception {
		AcpBackendTest.Sink sink = new AcpBackendTest.Sink();
		open(new Session()).prompt(List.of(), "terminal seq 1 100000", sink, new NullProgressMonitor());
		String text = sink.text.toString();
		assertTrue(text, text.endsWith("100000\n") || text.endsWith("100000"));
		assertTrue("only the last 4096 bytes", text.length() < 4200);
		JsonObject output = agent.responsesTo("terminal/output").get(0).getAsJsonObject("result");
		assertTrue(output.get("truncated").getAsBoolean());
		agent.assertNoViolations();
	}

	@Test(timeout = 60_000)
	public void anAgentThatNeedsALoginAsksTheUserAndGoesOnAfterAuthenticate() throws Exception {
		Session session = new Session();
		session.answer = (request, monitor) -> Optional.of("test-login");
		AcpConversation conversation = open(session, "--auth");
		assertEquals(1, session.asked.size());
		assertTrue(session.asked.get(0).options().stream().anyMatch(option -> option.optionId().equals("test-login")));
		assertEquals("test-login", agent.received("authenticate").get(0).getAsJsonObject("params").get("methodId").getAsString());
		assertEquals(StopReason.END_TURN, conversation.prompt(List.of(), "echo in", new AcpBackendTest.Sink(), new NullProgressMonitor()));
		agent.assertNoViolations();
	}

	@Test(timeout = 60_000)
	public void aDeclinedLoginSaysWhatToDo() throws Exception {
		Session session = new Session();
		session.answer = (request, monitor) -> Optional.of("chorus.notNow");
		try {
			open(session, "--auth");
			fail("no session without a login");
		} catch (BackendException expected) {
			assertTrue(expected.getMessage(), expected.getMessage().contains("log in"));
			assertNotNull(expected.toProblem().hint());
		}
		agent.assertNoViolations();
	}

	@Test(timeout = 60_000)
	public void anAuthenticateThatNeverAnswersEndsWithinItsTimeout() throws Exception {
		Session session = new Session();
		session.answer = (request, monitor) -> Optional.of("test-login");
		long start = System.nanoTime();
		try {
			open(session, null, Map.of(AcpBackend.START_TIMEOUT, "2"), "--auth", "--auth-hang");
			fail("the login never ends");
		} catch (BackendException expected) {
			assertTrue(expected.getMessage(), expected.getMessage().contains("Logging in"));
		}
		assertTrue("bounded by four times the start timeout", TimeUnit.NANOSECONDS.toSeconds(System.nanoTime() - start) < 15);
	}

	@Test(timeout = 60_000)
	public void aResumedSessionUsesSessionResumeWithoutReplayAndCloseClosesIt() throws Exception {
		Session session = new Session();
		AcpConversation conversation = open(session, "sdk-stored-1", Map.of(), "--replay");
		AcpBackendTest.Sink sink = new AcpBackendTest.Sink();
		conversation.prompt(List.of(), "echo again", sink, new NullProgressMonitor());
		assertEquals("again", sink.text.toString().strip());
		assertEquals(1, agent.received("session/resume").size());
		assertTrue("no load when resume is offered", agent.received("session/load").isEmpty());
		assertFalse("options come with the resumed session", session.latest().isEmpty());
		conversation.close();
		assertEquals("sdk-stored-1", agent.received("session/close").get(0).getAsJsonObject("params").get("sessionId").getAsString());
		agent.assertNoViolations();
	}

	@Test(timeout = 60_000)
	public void attachmentsGoAsEmbeddedResourcesAndImages() throws Exception {
		Path file = workspace.resolve("Main.java");
		Files.writeString(file, "class Main {}");
		AcpBackendTest.Sink sink = new AcpBackendTest.Sink();
		List<Attachment> attachments = List.of(Attachment.file(file), Attachment.selection(file, "class Main", 1, 1),
				Attachment.image("dot.png", "image/png", new byte[] { (byte) 0x89, 'P', 'N', 'G', 1, 2, 3 }));
		open(new Session()).prompt(List.of(), "echo look", attachments, sink, new NullProgressMonitor());
		String text = sink.text.toString();
		assertTrue(text, text.contains("[resource uri=" + file.toUri()) && text.contains("13 chars"));
		assertTrue(text, text.contains("#L1:1"));
		assertTrue(text, text.contains("[image image/png 7 bytes]"));
		JsonArray prompt = agent.received("session/prompt").get(0).getAsJsonObject("params").getAsJsonArray("prompt");
		assertEquals(4, prompt.size());
		agent.assertNoViolations();
	}

	@Test(timeout = 90_000)
	public void aDiffOverTheMessageLimitIsSkippedWithAMessageAndTheSessionGoesOn() throws Exception {
		AcpConversation conversation = open(new Session());
		AcpBackendTest.Sink sink = new AcpBackendTest.Sink();
		List<dev.chorus.core.transcript.Problem> problems = Collections.synchronizedList(new ArrayList<>());
		StopReason reason = conversation.prompt(List.of(), "big-diff 20", new ProblemSink(sink, problems), new NullProgressMonitor());
		assertEquals(StopReason.END_TURN, reason);
		assertEquals(1, problems.size());
		assertTrue(problems.get(0).message(), problems.get(0).message().contains("MB"));
		// A large diff under the limit is kept, cut to what Chorus keeps of a diff.
		conversation.prompt(List.of(), "big-diff 3", new ProblemSink(sink, problems), new NullProgressMonitor());
		ToolCall big = sink.toolCalls.stream().filter(call -> !call.diffList().isEmpty()).findFirst().orElseThrow();
		assertTrue(big.diffList().get(0).truncated());
		assertEquals("the session goes on", StopReason.END_TURN, conversation.prompt(List.of(), "echo still here", sink, new NullProgressMonitor()));
		agent.assertNoViolations();
	}

	@Test(timeout = 60_000)
	public void anElicitationIsAFormInTheChatAndItsValuesReachTheAgent() throws Exception {
		AcpBackendTest.Sink sink = new AcpBackendTest.Sink(request -> {
			assertNotNull("a form", request.form());
			assertEquals(List.of("name", "ok"), request.form().fields().stream().map(dev.chorus.core.backend.Form.Field::name).toList());
			request.form().answer("name", "Ada");
			request.form().answer("ok", Boolean.TRUE);
			return Optional.of(AcpElicitation.ACCEPT);
		});
		AcpConversation conversation = open(new Session());
		conversation.prompt(List.of(), "elicit", sink, new NullProgressMonitor());
		assertTrue(sink.text.toString(), sink.text.toString().startsWith("elicitation accept"));
		assertTrue(sink.text.toString(), sink.text.toString().contains("\"name\":\"Ada\"") && sink.text.toString().contains("\"ok\":true"));

		AcpBackendTest.Sink declining = new AcpBackendTest.Sink(request -> {
			assertNotNull("a page to open", request.form().url());
			return Optional.of(AcpElicitation.DECLINE);
		});
		conversation.prompt(List.of(), "elicit-url", declining, new NullProgressMonitor());
		assertTrue(declining.text.toString(), declining.text.toString().startsWith("elicitation decline"));
		agent.assertNoViolations();
	}

	@Test(timeout = 60_000)
	public void updatesChorusDoesNotKnowAreIgnoredAndTheTurnEnds() throws Exception {
		AcpBackendTest.Sink sink = new AcpBackendTest.Sink();
		assertEquals(StopReason.END_TURN, open(new Session()).prompt(List.of(), "unknown-updates", sink, new NullProgressMonitor()));
		assertTrue(sink.text.toString(), sink.text.toString().contains("done"));
		agent.assertNoViolations();
	}

	/** A sink that also records the problems a turn reports. */
	private record ProblemSink(AcpBackendTest.Sink sink, List<dev.chorus.core.transcript.Problem> problems)
			implements dev.chorus.core.backend.ITurnSink {
		@Override
		public void text(String delta) {
			sink.text(delta);
		}

		@Override
		public void reasoning(String delta) {
			sink.reasoning(delta);
		}

		@Override
		public void toolCall(ToolCall call) {
			sink.toolCall(call);
		}

		@Override
		public void plan(List<dev.chorus.core.transcript.PlanStep> steps) {
			sink.plan(steps);
		}

		@Override
		public void usage(dev.chorus.core.transcript.Usage usage) {
			sink.usage(usage);
		}

		@Override
		public void backendSessionId(String id) {
			sink.backendSessionId(id);
		}

		@Override
		public Optional<String> requestPermission(PermissionRequest request) {
			return sink.requestPermission(request);
		}

		@Override
		public void problem(dev.chorus.core.transcript.Problem problem) {
			problems.add(problem);
		}
	}
}
