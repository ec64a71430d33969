package dev.chorus.backend.openai;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertTrue;

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

import dev.chorus.core.backend.ConversationContext;
import dev.chorus.core.backend.HistoryMessage;
import dev.chorus.core.backend.IConversation;
import dev.chorus.core.backend.StopReason;
import dev.chorus.core.mcp.McpServerConfig;
import dev.chorus.core.mcp.McpServerRegistry;
import dev.chorus.core.mcp.McpServerStore;
import dev.chorus.core.transcript.ToolCall;
import dev.chorus.tests.support.InMemorySecretStore;
import dev.chorus.tests.support.LoopbackOpenAiServer;
import dev.chorus.tests.support.LoopbackOpenAiServer.CallSpec;
import dev.chorus.tests.support.LoopbackOpenAiServer.Request;
import dev.chorus.tests.support.TestMcpServers;

/**
 * The tool loop with real MCP servers as child processes (the test server on the official SDK and
 * the published filesystem server) behind the loopback OpenAI-compatible server: what the model is
 * offered, what the user is asked, and servers that die, hang or never start.
 */
public class McpToolLoopTest {

	@Rule
	public TemporaryFolder temp = new TemporaryFolder();

	private LoopbackOpenAiServer server;
	private final OpenAiBackend backend = new OpenAiBackend();
	private final Map<String, String> settings = new HashMap<>();
	private McpServerStore store;
	private McpServerRegistry registry;
	private Path folder;
	private Path log;

	@Before
	public void setUp() throws Exception {
		server = new LoopbackOpenAiServer();
		folder = temp.newFolder("work").toPath();
		log = temp.getRoot().toPath().resolve("mcp.jsonl");
		store = new McpServerStore(temp.getRoot().toPath().resolve("mcp-servers.json"), new InMemorySecretStore());
		registry = new McpServerRegistry(store, folder);
		List<String> command = new ArrayList<>(TestMcpServers.commandLine("--log", log.toString()));
		store.save(new McpServerConfig("test", "test", command, Map.of(), null, Map.of(), 20));
		settings.put(OpenAiBackend.BASE_URL, server.baseUrl());
		settings.put(OpenAiBackend.MCP_SERVERS, "test");
	}

	@After
	public void tearDown() throws Exception {
		server.close();
		registry.shutdown();
		long deadline = System.currentTimeMillis() + 5000;
		while (!serverProcesses().isEmpty() && System.currentTimeMillis() < deadline) {
			Thread.sleep(50);
		}
		assertEquals("no MCP server is left", List.of(), serverProcesses());
	}

	private static List<String> serverProcesses() {
		return ProcessHandle.current().descendants().filter(ProcessHandle::isAlive).map(process -> process.info().commandLine().orElse(""))
				.filter(line -> line.contains("server.mjs") || line.contains("server-filesystem")).toList();
	}

	private IConversation open() throws Exception {
		ConversationContext context = new ConversationContext("agent", settings, key -> Optional.empty(), null, folder, null, registry);
		return backend.open(context, new NullProgressMonitor());
	}

	@Test
	public void theServersToolsGoToTheModelAskedOnceWhenAllowedAlways() throws Exception {
		server.setReplies(request -> switch (request.toolResults().size()) {
		case 0 -> LoopbackOpenAiServer.toolCallReply(null, new CallSpec("e1", "test__echo", "{\"text\":", "\"one\"}"));
		case 1 -> LoopbackOpenAiServer.toolCallReply(null, new CallSpec("e2", "test__echo", "{\"text\":\"two\"}"),
				new CallSpec("a1", "test__add", "{\"a\":2,\"b\":3}"));
		default -> LoopbackOpenAiServer.textReply(0, "Echoed twice and added.");
		});
		ToolSink sink = new ToolSink(request -> Optional.of(request.toolCall().title().endsWith("echo") ? "always" : "allow"));
		assertEquals("nothing starts before it is needed", List.of(), registry.running());

		try (IConversation conversation = open()) {
			assertEquals(StopReason.END_TURN, conversation.prompt(List.<HistoryMessage>of(), "Go", sink, new NullProgressMonitor()));
			assertEquals(List.of("test"), registry.running());
		}

		assertEquals("the server stops with the last conversation that used it", List.of(), registry.running());
		assertEquals(List.of("test: echo", "test: add"), sink.asked.stream().map(question -> question.toolCall().title()).toList());
		assertEquals("echo: one", sink.call("e1").output());
		assertEquals("echo: two", sink.call("e2").output());
		assertEquals("5", sink.call("a1").output());
		assertEquals("test: echo", sink.call("e1").title());
		assertEquals("mcp", sink.call("e1").toolKind());
		Request first = server.requests().poll(5, TimeUnit.SECONDS);
		assertTrue(first.toolNames().toString(), first.toolNames().containsAll(List.of("test__echo", "test__add", "test__slow")));
		JsonObject echoTool = first.body().getAsJsonArray("tools").asList().stream().map(element -> element.getAsJsonObject().getAsJsonObject("function"))
				.filter(function -> function.get("name").getAsString().equals("test__echo")).findFirst().orElseThrow();
		assertTrue(echoTool.toString(), echoTool.getAsJsonObject("parameters").toString().contains("\"text\""));
		server.requests().poll(5, TimeUnit.SECONDS);
		List<JsonObject> results = server.requests().poll(5, TimeUnit.SECONDS).toolResults();
		assertEquals(List.of("echo: one", "echo: two", "5"), results.stream().map(result -> result.get("content").getAsString()).toList());
	}

	@Test
	public void aServerThatDiesMidCallFailsThatCallOnlyAndStartsAgainForTheNext() throws Exception {
		server.setReplies(request -> switch (request.toolResults().size()) {
		case 0 -> LoopbackOpenAiServer.toolCallReply(null, new CallSpec("c1", "test__crash", "{}"));
		case 1 -> LoopbackOpenAiServer.toolCallReply(null, new CallSpec("c2", "test__echo", "{\"text\":\"back\"}"));
		default -> LoopbackOpenAiServer.textReply(0, "Recovered.");
		});
		ToolSink sink = ToolSink.answering("always");

		try (IConversation conversation = open()) {
			assertEquals(StopReason.END_TURN, conversation.prompt(List.<HistoryMessage>of(), "Go", sink, new NullProgressMonitor()));
		}

		ToolCall crashed = sink.call("c1");
		assertEquals(ToolCall.STATUS_FAILED, crashed.status());
		assertTrue(crashed.output(), crashed.output().contains("test") && crashed.output().contains("exited with code 3"));
		assertEquals(ToolCall.STATUS_COMPLETED, sink.call("c2").status());
		assertEquals("echo: back", sink.call("c2").output());
		assertEquals("Recovered.", sink.text.toString());
	}

	@Test
	public void aServerThatCannotStartIsToldAndTheChatGoesOnWithTheOtherTools() throws Exception {
		store.save(new McpServerConfig("broken", "broken", TestMcpServers.commandLine("--fail-start"), Map.of(), null, Map.of(), 20));
		settings.put(OpenAiBackend.MCP_SERVERS, "broken,test");
		settings.put(OpenAiBackend.BUILT_IN_TOOLS, "true");
		ToolSink sink = ToolSink.answering("allow");

		try (IConversation conversation = open()) {
			assertEquals(StopReason.END_TURN, conversation.prompt(List.<HistoryMessage>of(), "Hi", sink, new NullProgressMonitor()));
		}

		assertEquals("Hello from the server.", sink.text.toString());
		assertEquals(1, sink.problems.size());
		assertTrue(sink.problems.get(0).message(), sink.problems.get(0).message().contains("broken could not start"));
		assertTrue(sink.problems.get(0).message(), sink.problems.get(0).message().contains("cannot start: on purpose"));
		List<String> offered = server.requests().poll(5, TimeUnit.SECONDS).toolNames();
		assertTrue(offered.toString(), offered.contains("read_file") && offered.contains("test__echo"));
		assertFalse(offered.toString(), offered.stream().anyMatch(name -> name.startsWith("broken")));
	}

	@Test
	public void stoppingTheRunCancelsTheToolCallInFlightAndTellsTheServer() throws Exception {
		server.setReplies(request -> LoopbackOpenAiServer.toolCallReply(null, new CallSpec("s1", "test__slow", "{\"millis\":0}")));
		ToolSink sink = ToolSink.answering("allow");
		NullProgressMonitor monitor = new NullProgressMonitor();

		try (IConversation conversation = open()) {
			new Thread(() -> {
				try {
					while (sink.call("s1") == null || !ToolCall.STATUS_IN_PROGRESS.equals(sink.call("s1").status())) {
						Thread.sleep(20);
					}
					Thread.sleep(200);
				} catch (InterruptedException e) {
					return;
				}
				monitor.setCanceled(true);
				conversation.cancel();
			}).start();
			long start = System.nanoTime();
			assertEquals(StopReason.CANCELLED, conversation.prompt(List.<HistoryMessage>of(), "Wait", sink, monitor));
			assertTrue(TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start) < 10_000);
			// While the chat is open its server runs on, and stops the call it was told to.
			long deadline = System.currentTimeMillis() + 10_000;
			while (!(Files.exists(log) && Files.readString(log).contains("\"cancelled\":\"slow\"")) && System.currentTimeMillis() < deadline) {
				Thread.sleep(50);
			}
			assertTrue("the server heard of the cancel", Files.readString(log).contains("\"cancelled\":\"slow\""));
		}

		assertEquals(ToolCall.STATUS_FAILED, sink.call("s1").status());
		assertEquals(Messages.Tools_Stopped, sink.call("s1").output());
	}

	@Test
	public void thePublishedFilesystemServerWorksForTheModel() throws Exception {
		Files.writeString(folder.resolve("todo.md"), "- ship it\n");
		store.save(new McpServerConfig("fs", "files", TestMcpServers.filesystemCommandLine(folder), Map.of(), null, Map.of(), 30));
		settings.put(OpenAiBackend.MCP_SERVERS, "fs");
		server.setReplies(request -> request.toolResults().isEmpty()
				? LoopbackOpenAiServer.toolCallReply(null, new CallSpec("f1", "files__read_text_file",
						"{\"path\":" + new com.google.gson.Gson().toJson(folder.resolve("todo.md").toString()) + "}"))
				: LoopbackOpenAiServer.textReply(0, "One item."));
		ToolSink sink = ToolSink.answering("allow");

		try (IConversation conversation = open()) {
			conversation.prompt(List.<HistoryMessage>of(), "What is left?", sink, new NullProgressMonitor());
		}

		assertEquals("- ship it\n", sink.call("f1").output());
		assertEquals("One item.", sink.text.toString());
	}
}
