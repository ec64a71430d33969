package dev.chorus.backend.acp;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertTrue;
import static org.junit.Assert.fail;

import java.nio.file.Path;
import java.util.Map;
import java.util.function.BooleanSupplier;

import org.junit.After;
import org.junit.Before;
import org.junit.Rule;
import org.junit.Test;
import org.junit.rules.TemporaryFolder;

import dev.chorus.core.ChorusCore;
import dev.chorus.core.backend.BackendRegistry;
import dev.chorus.core.backend.ConfigOption;
import dev.chorus.core.runs.Run;
import dev.chorus.core.runs.RunState;
import dev.chorus.core.transcript.EntryKind;
import dev.chorus.tests.support.InMemorySecretStore;
import dev.chorus.tests.support.SdkTestAgent;

/**
 * A run of an ACP agent in the core: it connects before the first message so its options and
 * commands can show, stores the user's choices with the session, and applies them again when the
 * session is resumed by a new agent process.
 */
public class AcpRunTest {

	private static final String ACP = "dev.chorus.backend.acp"; //$NON-NLS-1$

	@Rule
	public TemporaryFolder temp = new TemporaryFolder();

	private ChorusCore core;
	private SdkTestAgent agent;
	private Path workspace;

	@Before
	public void setUp() throws Exception {
		agent = SdkTestAgent.in(temp.newFolder("sdk-agent").toPath());
		workspace = temp.newFolder("workspace").toPath();
		BackendRegistry backends = new BackendRegistry(false);
		backends.register(ACP, "ACP", "", new AcpBackend());
		core = new ChorusCore(temp.newFolder("data").toPath(), new InMemorySecretStore(), backends);
	}

	@After
	public void tearDown() {
		core.shutdown();
	}

	private String agentId() throws Exception {
		String id = core.agents().create("SDK Agent", ACP).id();
		core.agents().updateSettings(id, ACP, Map.of(AcpBackend.COMMAND, agent.commandLine(), AcpBackend.ENVIRONMENT,
				agent.environmentSetting(), AcpBackend.WORKING_DIRECTORY, workspace.toString()));
		return id;
	}

	private static void waitFor(String what, BooleanSupplier condition) throws InterruptedException {
		long end = System.currentTimeMillis() + 20_000;
		while (!condition.getAsBoolean()) {
			if (System.currentTimeMillis() > end) {
				fail("timed out waiting for " + what);
			}
			Thread.sleep(20);
		}
	}

	private static String value(Run run, String option) {
		return run.getConfigOptions().stream().filter(o -> o.id().equals(option)).map(ConfigOption::currentValue).findFirst().orElse(null);
	}

	@Test(timeout = 90_000)
	public void optionsShowBeforeTheFirstMessageAndTheUsersChoiceComesBackAfterAResume() throws Exception {
		String agentId = agentId();
		Run run = core.runs().startNew(agentId, null);
		run.connect();
		waitFor("the agent's options", () -> value(run, "model") != null);
		waitFor("the agent's commands", () -> !run.getCommands().isEmpty());
		assertEquals("small", value(run, "model"));
		assertEquals("nothing is stored before the first message", 0, core.sessions().list().size());

		run.setConfigOption("model", "large");
		waitFor("the new model", () -> "large".equals(value(run, "model")));
		run.send("echo first");
		waitFor("the answer", () -> run.getState() == RunState.IDLE && run.snapshot().stream().anyMatch(e -> e.kind() == EntryKind.ASSISTANT));
		String sessionId = run.getSessionId();
		assertEquals("the agent's session connected before the first message is the one stored", "sdk-session-1",
				core.sessions().get(sessionId).orElseThrow().backendSessionId());
		run.close();
		waitFor("the agent to end", () -> agent.received("session/close").size() == 1);

		// A new agent process: its session starts on the small model; the user's choice is set again.
		Run resumed = core.runs().resume(sessionId);
		resumed.connect();
		waitFor("the choice applied again", () -> "large".equals(value(resumed, "model")));
		assertEquals(1, agent.received("session/resume").size());
		assertEquals("sdk-session-1", agent.received("session/resume").get(0).getAsJsonObject("params").get("sessionId").getAsString());
		assertEquals(2, agent.received("session/set_config_option").size());
		resumed.send("echo again");
		waitFor("the second answer", () -> resumed.getState() == RunState.IDLE
				&& resumed.snapshot().stream().filter(e -> e.kind() == EntryKind.ASSISTANT).count() == 2);
		resumed.close();
		agent.assertNoViolations();
	}

	@Test(timeout = 90_000)
	public void theAgentsOwnSessionsAreImportedOnceAndResumeWithTheirHistory() throws Exception {
		String agentId = agentId();
		java.util.List<dev.chorus.core.backend.RemoteSession> listed = dev.chorus.core.runs.AgentSessions.list(core.runs(), agentId,
				new org.eclipse.core.runtime.NullProgressMonitor());
		assertEquals("the sessions of the agent's folder, over every page", java.util.List.of("Fix the login bug", "Write the README"),
				listed.stream().map(dev.chorus.core.backend.RemoteSession::title).sorted().toList());
		for (dev.chorus.core.backend.RemoteSession remote : listed) {
			assertTrue(dev.chorus.core.runs.AgentSessions.importSession(core.runs(), agentId, remote).isPresent());
			assertFalse("a second import finds the first", dev.chorus.core.runs.AgentSessions.importSession(core.runs(), agentId, remote).isPresent());
		}
		assertEquals(2, core.sessions().list().size());
		dev.chorus.core.sessions.SessionInfo stored = core.sessions().list().stream()
				.filter(info -> info.backendSessionId().equals("sdk-stored-1")).findFirst().orElseThrow();

		Run resumed = core.runs().resume(stored.id());
		resumed.connect();
		// The replay streams: its last piece may come a moment after the second entry began.
		waitFor("the history replayed into the chat", () -> resumed.snapshot().size() == 2
				&& resumed.snapshot().get(1).text().endsWith("Chorus."));
		assertEquals("What does this project do?", resumed.snapshot().get(0).text());
		assertEquals(EntryKind.USER, resumed.snapshot().get(0).kind());
		assertEquals("one entry for the three pieces of the answer", "It is a test project for Chorus.", resumed.snapshot().get(1).text());
		assertEquals("a chat without its history loads the session", 1, agent.received("session/load").size());
		resumed.close();
		assertEquals("the history is stored", 2, core.sessions().loadTranscript(stored.id()).size());

		Run again = core.runs().resume(stored.id());
		again.connect();
		waitFor("the agent's options", () -> value(again, "mode") != null);
		assertEquals("a chat with its history resumes without a replay", 1, agent.received("session/resume").size());
		assertEquals(2, again.snapshot().size());
		again.close();

		// Deleting the session deletes the agent's copy too (it offers session/delete).
		dev.chorus.core.runs.AgentSessions.deleteOnAgent(core.runs(), core.sessions().get(stored.id()).orElseThrow(),
				new org.eclipse.core.runtime.NullProgressMonitor());
		assertEquals("sdk-stored-1", agent.received("session/delete").get(0).getAsJsonObject("params").get("sessionId").getAsString());
		agent.assertNoViolations();
	}

	@Test(timeout = 60_000)
	public void logOutEndsTheLoginAndTheNextConnectionAsksAgain() throws Exception {
		String id = core.agents().create("Login Agent", ACP).id();
		core.agents().updateSettings(id, ACP, Map.of(AcpBackend.COMMAND, agent.commandLine("--auth"), AcpBackend.ENVIRONMENT,
				agent.environmentSetting(), AcpBackend.WORKING_DIRECTORY, workspace.toString()));
		Run run = core.runs().startNew(id, null);
		java.util.List<dev.chorus.core.runs.RunEvent.PendingPermission> questions = new java.util.concurrent.CopyOnWriteArrayList<>();
		run.subscribe(event -> {
			if (event instanceof dev.chorus.core.runs.RunEvent.PermissionRequested asked) {
				questions.add(asked.pending());
				asked.pending().answer("test-login");
			}
		});
		run.connect();
		waitFor("the login and the session", () -> run.canLogOut());
		assertEquals(1, questions.size());
		run.logOut();
		waitFor("the logout", () -> agent.received("logout").size() == 1 && !run.canLogOut());
		run.connect();
		waitFor("the second login", () -> questions.size() == 2 && run.canLogOut());
		run.close();
		agent.assertNoViolations();
	}

	@Test(timeout = 60_000)
	public void aValueTheAgentRefusesBecomesAnErrorInTheChat() throws Exception {
		Run run = core.runs().startNew(agentId(), null);
		run.connect();
		waitFor("the agent's options", () -> value(run, "mode") != null);
		run.setConfigOption("mode", "does-not-exist");
		waitFor("the error", () -> run.snapshot().stream().anyMatch(e -> e.kind() == EntryKind.ERROR));
		assertTrue(run.snapshot().get(0).problem().message().contains("does-not-exist"));
		assertEquals("ask", value(run, "mode"));
		run.close();
		assertFalse(run.isGenerating());
	}
}
