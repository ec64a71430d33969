package dev.chorus.backend.acp;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertTrue;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

import org.eclipse.core.runtime.NullProgressMonitor;
import org.junit.After;
import org.junit.Before;
import org.junit.Rule;
import org.junit.Test;
import org.junit.rules.TemporaryFolder;

import com.google.gson.JsonObject;
import com.google.gson.JsonParser;

import dev.chorus.core.backend.BackendException;
import dev.chorus.core.backend.ConversationContext;
import dev.chorus.core.backend.PermissionRequest;
import dev.chorus.core.backend.StopReason;
import dev.chorus.tests.support.SdkTestAgent;

/**
 * The ACP backend against an agent built on the official ACP TypeScript SDK
 * ({@code dev.chorus.tests.support/sdk-agent}), started as a Node.js child process; the agent checks
 * every message Chorus sends against the SDK's JSON Schema, and each test asserts that none broke it.
 */
public class SdkAgentTest {

	@Rule
	public TemporaryFolder temp = new TemporaryFolder();

	private final AcpBackend backend = new AcpBackend();
	private final List<AcpConversation> opened = new ArrayList<>();
	private final List<Process> started = new ArrayList<>();
	private SdkTestAgent agent;
	private Path workspace;
	private long childrenBefore;

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
		for (Process process : started) {
			process.destroyForcibly();
			process.waitFor(5, TimeUnit.SECONDS);
		}
		long deadline = System.currentTimeMillis() + 5000;
		while (ProcessHandle.current().children().filter(ProcessHandle::isAlive).count() > childrenBefore
				&& System.currentTimeMillis() < deadline) {
			Thread.sleep(50);
		}
		assertEquals("no process is left", childrenBefore, ProcessHandle.current().children().filter(ProcessHandle::isAlive).count());
	}

	private AcpConversation open(String... flags) throws BackendException {
		Map<String, String> settings = new HashMap<>();
		settings.put(AcpBackend.COMMAND, agent.commandLine(flags));
		settings.put(AcpBackend.ENVIRONMENT, agent.environmentSetting());
		settings.put(AcpBackend.WORKING_DIRECTORY, workspace.toString());
		ConversationContext context = new ConversationContext("sdk-agent", settings, key -> Optional.empty(), null, workspace);
		AcpConversation conversation = (AcpConversation) backend.open(context, new NullProgressMonitor());
		opened.add(conversation);
		return conversation;
	}

	@Test(timeout = 60_000)
	public void theMcpServersConfiguredForEveryAgentReachTheSessionAsTheSchemaWantsThem() throws Exception {
		dev.chorus.core.mcp.McpServerStore store = new dev.chorus.core.mcp.McpServerStore(temp.getRoot().toPath().resolve("mcp.json"),
				new dev.chorus.tests.support.InMemorySecretStore());
		store.save(new dev.chorus.core.mcp.McpServerConfig("files", "files", List.of("node", "/opt/fs.js", "/work"), Map.of("TOKEN", "t-1"),
				null, Map.of(), 0));
		store.save(new dev.chorus.core.mcp.McpServerConfig("unused", "unused", List.of("true"), Map.of(), null, Map.of(), 0));
		dev.chorus.core.mcp.McpServerRegistry registry = new dev.chorus.core.mcp.McpServerRegistry(store, workspace);
		Map<String, String> settings = new HashMap<>();
		settings.put(AcpBackend.COMMAND, agent.commandLine());
		settings.put(AcpBackend.ENVIRONMENT, agent.environmentSetting());
		settings.put(AcpBackend.WORKING_DIRECTORY, workspace.toString());
		settings.put(AcpBackend.MCP_SERVER_IDS, "files");
		settings.put(AcpBackend.MCP_SERVERS, "extra=node extra.js");
		ConversationContext context = new ConversationContext("sdk-agent", settings, key -> Optional.empty(), null, workspace,
				null, registry);
		AcpConversation conversation = (AcpConversation) backend.open(context, new NullProgressMonitor());
		opened.add(conversation);

		com.google.gson.JsonArray servers = agent.received("session/new").get(0).getAsJsonObject("params").getAsJsonArray("mcpServers");

		assertEquals(2, servers.size());
		com.google.gson.JsonObject files = servers.get(0).getAsJsonObject();
		assertEquals("files", files.get("name").getAsString());
		assertEquals("node", files.get("command").getAsString());
		assertEquals("[\"/opt/fs.js\",\"/work\"]", files.get("args").toString());
		assertEquals("[{\"name\":\"TOKEN\",\"value\":\"t-1\"}]", files.get("env").toString());
		assertEquals("extra", servers.get(1).getAsJsonObject().get("name").getAsString());
		agent.assertNoViolations();
		registry.shutdown();
	}

	/** Answers a permission request with its first allowing option. */
	static Optional<String> allow(PermissionRequest request) {
		return request.options().stream().filter(PermissionRequest.Option::isAllow).map(PermissionRequest.Option::optionId).findFirst();
	}

	@Test(timeout = 60_000)
	public void initializeNewSessionAndAnEchoTurnBreakNoSchemaRule() throws Exception {
		AcpConversation conversation = open();
		AcpBackendTest.Sink sink = new AcpBackendTest.Sink();
		StopReason reason = conversation.prompt(List.of(), "echo Hello from the SDK", sink, new NullProgressMonitor());

		assertEquals(StopReason.END_TURN, reason);
		assertEquals("Hello from the SDK", sink.text.toString());
		assertEquals("I will echo that.", sink.reasoning.toString());
		assertEquals("sdk-session-1", sink.sessionId);
		assertEquals(1, agent.received("initialize").size());
		assertEquals(1, agent.received("initialize").get(0).getAsJsonObject("params").get("protocolVersion").getAsInt());
		JsonObject newSession = agent.received("session/new").get(0).getAsJsonObject("params");
		assertEquals(workspace.toAbsolutePath().toString(), newSession.get("cwd").getAsString());
		assertEquals(1, agent.received("session/prompt").size());
		agent.assertNoViolations();
	}

	@Test(timeout = 60_000)
	public void readStreamsTheFileChorusServes() throws Exception {
		Files.writeString(workspace.resolve("notes.txt"), "first line\nsecond line, ünïcödé");
		AcpBackendTest.Sink sink = new AcpBackendTest.Sink();
		StopReason reason = open().prompt(List.of(), "read notes.txt", sink, new NullProgressMonitor());

		assertEquals(StopReason.END_TURN, reason);
		assertEquals("first line\nsecond line, ünïcödé", sink.text.toString());
		assertEquals(1, agent.responsesTo("fs/read_text_file").size());
		agent.assertNoViolations();
	}

	/**
	 * The write the user allowed in the agent's own question: written once, not asked again, and
	 * answered with the schema's {@code WriteTextFileResponse} (an object: an answer without a result,
	 * as Gson wrote a null one, made the SDK report the write as failed).
	 */
	@Test(timeout = 60_000)
	public void anAllowedWriteWritesTheFileAndTheAgentSeesItSucceed() throws Exception {
		Files.writeString(workspace.resolve("out.txt"), "old text");
		AcpBackendTest.Sink sink = new AcpBackendTest.Sink(SdkAgentTest::allow);
		StopReason reason = open().prompt(List.of(), "write out.txt new text", sink, new NullProgressMonitor());

		assertEquals("the turn ends", StopReason.END_TURN, reason);
		assertEquals("new text", Files.readString(workspace.resolve("out.txt")));
		assertEquals(List.of("allow-once", "allow-always", "reject-once"),
				sink.permissions.get(0).options().stream().map(PermissionRequest.Option::optionId).toList());
		JsonObject toolCall = agent.sent("session/update").stream().map(message -> message.getAsJsonObject("params").getAsJsonObject("update"))
				.filter(update -> update.get("sessionUpdate").getAsString().equals("tool_call")).findFirst().orElseThrow();
		JsonObject diff = toolCall.getAsJsonArray("content").get(0).getAsJsonObject();
		assertEquals("old text", diff.get("oldText").getAsString());
		assertEquals("new text", diff.get("newText").getAsString());
		agent.assertNoViolations();
		assertEquals("wrote 8 characters to out.txt", sink.text.toString());
	}

	@Test(timeout = 60_000)
	public void theValidatorRecordsWhatBreaksTheSchema() throws Exception {
		Process process = agent.start(workspace);
		started.add(process);
		BufferedReader out = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8));
		OutputStream in = process.getOutputStream();
		send(in, "{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"initialize\",\"params\":{\"protocolVersion\":1,\"clientCapabilities\":{}}}");
		assertTrue(responseTo(out, 1).has("result"));
		// No cwd, and mcpServers not an array.
		send(in, "{\"jsonrpc\":\"2.0\",\"id\":2,\"method\":\"session/new\",\"params\":{\"mcpServers\":\"none\"}}");
		assertEquals(-32602, responseTo(out, 2).getAsJsonObject("error").get("code").getAsInt());
		// A wrong envelope.
		send(in, "{\"jsonrpc\":\"1.0\",\"id\":3,\"method\":\"session/list\",\"params\":{}}");
		in.close();
		assertTrue("the agent exits when its stdin closes", process.waitFor(20, TimeUnit.SECONDS));
		assertEquals(0, process.exitValue());

		List<JsonObject> violations = agent.violationEntries();
		assertEquals(agent.violations().toString(), 2, violations.size());
		JsonObject newSession = violations.get(0);
		assertEquals("session/new", newSession.get("method").getAsString());
		assertEquals("NewSessionRequest", newSession.get("type").getAsString());
		String errors = newSession.get("errors").toString();
		assertTrue(errors, errors.contains("must have required property 'cwd'"));
		assertTrue(errors, errors.contains("/mcpServers") && errors.contains("must be array"));
		assertTrue(agent.violations().get(1), agent.violations().get(1).contains("\"jsonrpc\" must be \"2.0\""));
		try {
			agent.assertNoViolations();
			throw new IllegalStateException("assertNoViolations passed");
		} catch (AssertionError e) {
			assertTrue(e.getMessage(), e.getMessage().contains("2 message(s)") && e.getMessage().contains("session/new"));
		}
	}

	private static void send(OutputStream in, String line) throws Exception {
		in.write((line + "\n").getBytes(StandardCharsets.UTF_8));
		in.flush();
	}

	/** Reads the agent's stdout until the response with that id. */
	private static JsonObject responseTo(BufferedReader out, int id) throws Exception {
		String line;
		while ((line = out.readLine()) != null) {
			JsonObject message = JsonParser.parseString(line).getAsJsonObject();
			if (!message.has("method") && message.has("id") && message.get("id").getAsInt() == id) {
				return message;
			}
		}
		throw new AssertionError("the agent ended before answering " + id);
	}
}
