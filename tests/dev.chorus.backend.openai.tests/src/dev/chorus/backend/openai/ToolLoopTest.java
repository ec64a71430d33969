package dev.chorus.backend.openai;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertNotNull;
import static org.junit.Assert.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
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
import dev.chorus.core.tools.BuiltInTools;
import dev.chorus.core.transcript.ToolCall;
import dev.chorus.tests.support.LoopbackOpenAiServer;
import dev.chorus.tests.support.LoopbackOpenAiServer.CallSpec;
import dev.chorus.tests.support.LoopbackOpenAiServer.Request;

/**
 * The tool loop of OpenAI-compatible agents with Chorus's own file tools, against the loopback
 * server answering with streamed tool calls: what goes to the model, what the user is asked, what
 * the transcript shows, and every way a call can go wrong.
 */
public class ToolLoopTest {

	@Rule
	public TemporaryFolder temp = new TemporaryFolder();

	private LoopbackOpenAiServer server;
	private final OpenAiBackend backend = new OpenAiBackend();
	private final Map<String, String> settings = new HashMap<>();
	private Path folder;

	@Before
	public void setUp() throws Exception {
		server = new LoopbackOpenAiServer();
		folder = temp.newFolder("work").toPath();
		settings.put(OpenAiBackend.BASE_URL, server.baseUrl());
		settings.put(OpenAiBackend.MODEL, "qwen2.5-coder");
		settings.put(OpenAiBackend.BUILT_IN_TOOLS, "true");
	}

	@After
	public void tearDown() {
		server.close();
	}

	private StopReason prompt(String text, ToolSink sink) throws Exception {
		try (IConversation conversation = backend.open(new ConversationContext("agent", settings, key -> Optional.empty(), null, folder),
				new NullProgressMonitor())) {
			return conversation.prompt(List.<HistoryMessage>of(), text, sink, new NullProgressMonitor());
		}
	}

	/** Answers with the calls until the request carries tool results, then with the text. */
	private void callThenAnswer(String answer, CallSpec... calls) {
		server.setReplies(request -> request.toolResults().isEmpty() ? LoopbackOpenAiServer.toolCallReply(null, calls)
				: LoopbackOpenAiServer.textReply(0, answer));
	}

	@Test
	public void aReadRunsWithoutAskingAndItsResultGoesBackToTheModel() throws Exception {
		Files.writeString(folder.resolve("notes.txt"), "first line\nsecond line\n");
		callThenAnswer("The notes have two lines.", new CallSpec("call_1", "read_file", "{\"pa", "th\": \"notes", ".txt\"}"));
		ToolSink sink = ToolSink.answering("reject");

		StopReason reason = prompt("What do my notes say?", sink);

		assertEquals(StopReason.END_TURN, reason);
		assertEquals("The notes have two lines.", sink.text.toString());
		assertEquals("the turn's usage is its two requests'", new dev.chorus.core.transcript.Usage(20 + 12, 5 + 1, 25 + 13), sink.usage);
		assertTrue("reads are not asked", sink.asked.isEmpty());
		Request first = server.requests().poll(5, TimeUnit.SECONDS);
		assertEquals(List.of(BuiltInTools.READ_FILE, BuiltInTools.LIST_DIRECTORY, BuiltInTools.SEARCH_TEXT, BuiltInTools.WRITE_FILE),
				first.toolNames());
		Request second = server.requests().poll(5, TimeUnit.SECONDS);
		JsonObject result = second.toolResults().get(0);
		assertEquals("call_1", result.get("tool_call_id").getAsString());
		assertEquals("first line\nsecond line\n", result.get("content").getAsString());
		JsonObject asked = second.body().getAsJsonArray("messages").get(1).getAsJsonObject();
		assertEquals("assistant", asked.get("role").getAsString());
		assertEquals("{\"path\": \"notes.txt\"}",
				asked.getAsJsonArray("tool_calls").get(0).getAsJsonObject().getAsJsonObject("function").get("arguments").getAsString());
		ToolCall call = sink.call("call_1");
		assertEquals(ToolCall.STATUS_COMPLETED, call.status());
		assertEquals("first line\nsecond line\n", call.output());
		assertNotNull("the call's duration is kept", call.durationMillis());
		assertTrue(call.title(), call.title().contains("notes.txt"));
		assertEquals("read", call.toolKind());
		assertTrue(call.input(), call.input().contains("\"path\": \"notes.txt\""));
	}

	@Test
	public void aWriteAsksFirstShowingItsChangeAndARejectionLeavesTheFile() throws Exception {
		Path file = folder.resolve("hello.txt");
		Files.writeString(file, "old\n");
		callThenAnswer("Done.", new CallSpec("call_w", "write_file", "{\"path\":\"hello.txt\",\"content\":\"new\\n\"}"));
		ToolSink sink = ToolSink.answering("reject");

		prompt("Change hello", sink);

		assertEquals(1, sink.asked.size());
		ToolCall question = sink.asked.get(0).toolCall();
		assertEquals(1, question.diffList().size());
		assertEquals("old\n", question.diffList().get(0).oldText());
		assertEquals("new\n", question.diffList().get(0).newText());
		assertEquals(List.of("allow_once", "allow_always", "reject_once"),
				sink.asked.get(0).options().stream().map(option -> option.kind()).toList());
		assertEquals("old\n", Files.readString(file));
		assertEquals(ToolCall.STATUS_FAILED, sink.call("call_w").status());
		server.requests().poll(5, TimeUnit.SECONDS);
		String told = server.requests().poll(5, TimeUnit.SECONDS).toolResults().get(0).get("content").getAsString();
		assertTrue(told, told.contains("rejected"));
	}

	@Test
	public void allowedAlwaysAWriteIsNotAskedAgainInTheChat() throws Exception {
		server.setReplies(request -> switch (request.toolResults().size()) {
		case 0 -> LoopbackOpenAiServer.toolCallReply("Writing.", new CallSpec("w1", "write_file", "{\"path\":\"a.txt\",\"content\":\"A\"}"));
		case 1 -> LoopbackOpenAiServer.toolCallReply(null, new CallSpec("w2", "write_file", "{\"path\":\"sub/b.txt\",\"content\":\"B\"}"));
		default -> LoopbackOpenAiServer.textReply(0, "Both written.");
		});
		ToolSink sink = ToolSink.answering("always");

		assertEquals(StopReason.END_TURN, prompt("Write two files", sink));

		assertEquals(1, sink.asked.size());
		assertEquals("A", Files.readString(folder.resolve("a.txt")));
		assertEquals("B", Files.readString(folder.resolve("sub/b.txt")));
		assertEquals(ToolCall.STATUS_COMPLETED, sink.call("w2").status());
		assertEquals(2, sink.written.size());
		assertEquals("Writing.Both written.", sink.text.toString());
	}

	@Test
	public void aPathOutsideTheFolderIsRefusedAndTheModelIsToldWhy() throws Exception {
		Path outside = temp.newFile("secret.txt").toPath();
		Files.writeString(outside, "password");
		Files.createSymbolicLink(folder.resolve("link.txt"), outside);
		server.setReplies(request -> switch (request.toolResults().size()) {
		case 0 -> LoopbackOpenAiServer.toolCallReply(null, new CallSpec("r1", "read_file", "{\"path\":\"../secret.txt\"}"),
				new CallSpec("r2", "read_file", "{\"path\":\"link.txt\"}"));
		default -> LoopbackOpenAiServer.textReply(0, "I cannot read it.");
		});
		ToolSink sink = ToolSink.answering("allow");

		prompt("Read the secret", sink);

		server.requests().poll(5, TimeUnit.SECONDS);
		List<JsonObject> results = server.requests().poll(5, TimeUnit.SECONDS).toolResults();
		assertEquals(2, results.size());
		for (JsonObject result : results) {
			String content = result.get("content").getAsString();
			assertFalse(content, content.contains("password"));
			assertTrue(content, content.contains("outside the working folder"));
		}
		assertEquals(ToolCall.STATUS_FAILED, sink.call("r1").status());
		assertEquals(ToolCall.STATUS_FAILED, sink.call("r2").status());
	}

	@Test
	public void anUnknownToolAndArgumentsThatAreNoJsonGoBackAsErrorsAndTheLoopGoesOn() throws Exception {
		server.setReplies(request -> switch (request.toolResults().size()) {
		case 0 -> LoopbackOpenAiServer.toolCallReply(null, new CallSpec("u1", "delete_everything", "{}"),
				new CallSpec("u2", "read_file", "{\"path\": \"a.txt\""));
		default -> LoopbackOpenAiServer.textReply(0, "Sorry.");
		});
		ToolSink sink = ToolSink.answering("allow");

		assertEquals(StopReason.END_TURN, prompt("Go", sink));

		assertEquals("Sorry.", sink.text.toString());
		assertEquals(ToolCall.STATUS_FAILED, sink.call("u1").status());
		assertTrue(sink.call("u1").output(), sink.call("u1").output().contains("There is no tool delete_everything"));
		assertTrue(sink.call("u1").output(), sink.call("u1").output().contains("read_file"));
		assertEquals(ToolCall.STATUS_FAILED, sink.call("u2").status());
		assertTrue(sink.call("u2").output(), sink.call("u2").output().contains("not a JSON object"));
		server.requests().poll(5, TimeUnit.SECONDS);
		assertEquals(2, server.requests().poll(5, TimeUnit.SECONDS).toolResults().size());
	}

	@Test
	public void aModelThatNeverStopsCallingToolsIsStoppedAtTheAgentsLimit() throws Exception {
		settings.put(OpenAiBackend.MAX_TOOL_STEPS, "3");
		int[] n = { 0 };
		server.setReplies(request -> LoopbackOpenAiServer.toolCallReply(null,
				new CallSpec("loop" + n[0]++, "list_directory", "{\"path\":\".\"}")));
		ToolSink sink = ToolSink.answering("allow");

		StopReason reason = prompt("Look around", sink);

		assertEquals(StopReason.MAX_TURN_REQUESTS, reason);
		assertEquals(4, server.requests().size());
		assertEquals(1, sink.problems.size());
		assertTrue(sink.problems.get(0).message(), sink.problems.get(0).message().contains("3 rounds"));
		assertEquals(ToolCall.STATUS_FAILED, sink.call("loop3").status());
		assertEquals(3, sink.calls().stream().filter(call -> ToolCall.STATUS_COMPLETED.equals(call.status())).count());
	}

	@Test
	public void stoppingWhileTheUserIsAskedEndsTheTurnCancelled() throws Exception {
		callThenAnswer("never", new CallSpec("c1", "write_file", "{\"path\":\"x.txt\",\"content\":\"x\"}"));
		ToolSink sink = new ToolSink(request -> Optional.empty());

		assertEquals(StopReason.CANCELLED, prompt("Write", sink));

		assertFalse(Files.exists(folder.resolve("x.txt")));
		assertEquals(ToolCall.STATUS_FAILED, sink.call("c1").status());
		assertEquals(1, server.requests().size());
	}

	@Test
	public void searchAndListAnswerWithinTheFolderOnly() throws Exception {
		Files.createDirectories(folder.resolve("src"));
		Files.writeString(folder.resolve("src/Main.java"), "class Main {\n  // TODO fix\n}\n", StandardCharsets.UTF_8);
		Files.createDirectories(folder.resolve("node_modules/x"));
		Files.writeString(folder.resolve("node_modules/x/a.js"), "// TODO not this one\n");
		server.setReplies(request -> switch (request.toolResults().size()) {
		case 0 -> LoopbackOpenAiServer.toolCallReply(null, new CallSpec("s1", "search_text", "{\"query\":\"todo\"}"),
				new CallSpec("l1", "list_directory", "{}"));
		default -> LoopbackOpenAiServer.textReply(0, "Found it.");
		});
		ToolSink sink = ToolSink.answering("allow");

		prompt("Find TODOs", sink);

		assertEquals("src/Main.java:2: // TODO fix", sink.call("s1").output());
		assertEquals("node_modules/\nsrc/", sink.call("l1").output());
	}

	@Test
	public void withoutToolsNoToolsAreOffered() throws Exception {
		settings.remove(OpenAiBackend.BUILT_IN_TOOLS);
		ToolSink sink = ToolSink.answering("allow");

		prompt("Hi", sink);

		assertFalse(server.requests().poll(5, TimeUnit.SECONDS).body().has("tools"));
	}
}
