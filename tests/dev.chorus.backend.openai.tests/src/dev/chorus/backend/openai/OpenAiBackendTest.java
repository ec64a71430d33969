package dev.chorus.backend.openai;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertNull;
import static org.junit.Assert.assertTrue;
import static org.junit.Assert.fail;

import java.net.ServerSocket;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;

import org.eclipse.core.runtime.NullProgressMonitor;
import org.junit.After;
import org.junit.Before;
import org.junit.Test;

import com.google.gson.JsonArray;
import com.google.gson.JsonObject;

import dev.chorus.core.backend.BackendException;
import dev.chorus.core.backend.ConversationContext;
import dev.chorus.core.backend.HistoryMessage;
import dev.chorus.core.backend.IConversation;
import dev.chorus.core.backend.ITurnSink;
import dev.chorus.core.backend.PermissionRequest;
import dev.chorus.core.backend.StopReason;
import dev.chorus.core.transcript.PlanStep;
import dev.chorus.core.transcript.ToolCall;
import dev.chorus.core.transcript.Usage;
import dev.chorus.tests.support.LoopbackOpenAiServer;
import dev.chorus.tests.support.LoopbackOpenAiServer.Endless;
import dev.chorus.tests.support.LoopbackOpenAiServer.EndlessLine;
import dev.chorus.tests.support.LoopbackOpenAiServer.Error;
import dev.chorus.tests.support.LoopbackOpenAiServer.Request;
import dev.chorus.tests.support.LoopbackOpenAiServer.Stall;
import dev.chorus.tests.support.LoopbackOpenAiServer.Stream;

/** The OpenAI-compatible backend against a real HTTP server on loopback, faults included. */
public class OpenAiBackendTest {

	private LoopbackOpenAiServer server;
	private final OpenAiBackend backend = new OpenAiBackend();
	private final Map<String, String> settings = new HashMap<>();
	private final Map<String, String> secrets = new HashMap<>();

	@Before
	public void startServer() throws Exception {
		server = new LoopbackOpenAiServer();
		settings.put(OpenAiBackend.BASE_URL, server.baseUrl());
		settings.put(OpenAiBackend.MODEL, "llama3.2");
	}

	@After
	public void stopServer() {
		server.close();
	}

	private ConversationContext context() {
		return new ConversationContext("agent", settings, key -> Optional.ofNullable(secrets.get(key)), null, Path.of("."));
	}

	/** Records what the backend streams, in order. */
	static final class RecordingSink implements ITurnSink {
		final StringBuilder text = new StringBuilder();
		final StringBuilder reasoning = new StringBuilder();
		final List<ToolCall> toolCalls = Collections.synchronizedList(new ArrayList<>());
		final List<String> order = Collections.synchronizedList(new ArrayList<>());
		volatile Usage usage;

		@Override
		public synchronized void text(String delta) {
			text.append(delta);
			order.add("text");
		}

		@Override
		public synchronized void reasoning(String delta) {
			reasoning.append(delta);
			order.add("reasoning");
		}

		@Override
		public void toolCall(ToolCall call) {
			toolCalls.add(call);
		}

		@Override
		public void plan(List<PlanStep> steps) {
		}

		@Override
		public void usage(Usage reported) {
			usage = reported;
		}

		@Override
		public void backendSessionId(String id) {
		}

		@Override
		public Optional<String> requestPermission(PermissionRequest request) {
			return Optional.empty();
		}
	}

	private StopReason prompt(RecordingSink sink) throws BackendException {
		try (IConversation conversation = backend.open(context(), new NullProgressMonitor())) {
			return conversation.prompt(List.of(new HistoryMessage("user", "Hi"), new HistoryMessage("assistant", "Hello!")),
					"What is 2+2?", sink, new NullProgressMonitor());
		}
	}

	@Test
	public void sendsTheConversationAndStreamsTheAnswer() throws Exception {
		settings.put(OpenAiBackend.SYSTEM_PROMPT, "Be brief.");
		settings.put(OpenAiBackend.TEMPERATURE, "0.2");
		settings.put(OpenAiBackend.HEADERS, "X-Hermes-Session-Id: work\nX-Other=1");
		secrets.put(OpenAiBackend.API_KEY, "sk-test-123");
		RecordingSink sink = new RecordingSink();

		StopReason reason = prompt(sink);

		assertEquals(StopReason.END_TURN, reason);
		assertEquals("Hello from the server.", sink.text.toString());
		assertEquals(new Usage(12, 4, 16), sink.usage);
		Request request = server.requests().poll(5, TimeUnit.SECONDS);
		assertEquals("POST", request.method());
		assertEquals("/v1/chat/completions", request.path());
		assertEquals("Bearer sk-test-123", request.header("Authorization"));
		assertEquals("work", request.header("X-Hermes-Session-Id"));
		assertEquals("1", request.header("X-Other"));
		JsonObject body = request.body();
		assertEquals("llama3.2", body.get("model").getAsString());
		assertTrue(body.get("stream").getAsBoolean());
		assertTrue(body.getAsJsonObject("stream_options").get("include_usage").getAsBoolean());
		assertEquals(0.2, body.get("temperature").getAsDouble(), 0.0001);
		JsonArray messages = body.getAsJsonArray("messages");
		assertEquals(4, messages.size());
		assertMessage(messages, 0, "system", "Be brief.");
		assertMessage(messages, 1, "user", "Hi");
		assertMessage(messages, 2, "assistant", "Hello!");
		assertMessage(messages, 3, "user", "What is 2+2?");
	}

	private static void assertMessage(JsonArray messages, int index, String role, String content) {
		JsonObject message = messages.get(index).getAsJsonObject();
		assertEquals(role, message.get("role").getAsString());
		assertEquals(content, message.get("content").getAsString());
	}

	@Test
	public void noKeyNoAuthorizationHeaderAndNoOptionalFields() throws Exception {
		prompt(new RecordingSink());
		Request request = server.requests().poll(5, TimeUnit.SECONDS);
		assertNull(request.header("Authorization"));
		assertFalse(request.body().has("temperature"));
		assertEquals("user", request.body().getAsJsonArray("messages").get(0).getAsJsonObject().get("role").getAsString());
	}

	@Test
	public void reasoningInBothFieldNamesAndToolCallsSplitOverChunks() throws Exception {
		server.setReplies(request -> new Stream(List.of(
				LoopbackOpenAiServer.chunk(LoopbackOpenAiServer.delta("reasoning_content", "Think"), null),
				LoopbackOpenAiServer.chunk(LoopbackOpenAiServer.delta("reasoning", "ing."), null),
				LoopbackOpenAiServer.chunk(LoopbackOpenAiServer.delta("content", "Calling."), null),
				toolFragment(0, "call_1", "get_weather", "{\"city\":"),
				toolFragment(0, null, null, "\"Paris\"}"),
				LoopbackOpenAiServer.chunk(new JsonObject(), "tool_calls")), 0, true, false));
		RecordingSink sink = new RecordingSink();

		assertEquals(StopReason.END_TURN, prompt(sink));

		assertEquals("Thinking.", sink.reasoning.toString());
		assertEquals("Calling.", sink.text.toString());
		assertEquals(List.of("reasoning", "reasoning", "text"), sink.order);
		ToolCall last = sink.toolCalls.get(sink.toolCalls.size() - 1);
		assertEquals("call_1", last.id());
		assertEquals("get_weather", last.title());
		assertEquals("{\"city\":\"Paris\"}", last.input());
		assertEquals(ToolCall.STATUS_COMPLETED, last.status());
	}

	private static String toolFragment(int index, String id, String name, String arguments) {
		JsonObject function = new JsonObject();
		if (name != null) {
			function.addProperty("name", name);
		}
		function.addProperty("arguments", arguments);
		JsonObject call = new JsonObject();
		call.addProperty("index", index);
		if (id != null) {
			call.addProperty("id", id);
			call.addProperty("type", "function");
		}
		call.add("function", function);
		JsonArray calls = new JsonArray();
		calls.add(call);
		JsonObject delta = new JsonObject();
		delta.add("tool_calls", calls);
		return LoopbackOpenAiServer.chunk(delta, null);
	}

	@Test
	public void lengthFinishIsMaxTokens() throws Exception {
		server.setReplies(request -> new Stream(List.of(LoopbackOpenAiServer.chunk(LoopbackOpenAiServer.delta("content", "cut"), "length")), 0, true, false));
		assertEquals(StopReason.MAX_TOKENS, prompt(new RecordingSink()));
	}

	@Test
	public void unauthorizedNamesTheKeyAndTheServersMessage() {
		server.setReplies(request -> new Error(401, LoopbackOpenAiServer.errorBody("Incorrect API key provided", "invalid_request_error"), Map.of()));
		BackendException e = expectFailure();
		assertTrue(e.getMessage(), e.getMessage().contains("401") && e.getMessage().contains("Incorrect API key provided"));
		assertTrue(e.getHint(), e.getHint().contains("API key"));
	}

	@Test
	public void notFoundNamesTheUrlAndTheModel() {
		server.setReplies(request -> new Error(404, LoopbackOpenAiServer.errorBody("model 'nope' not found", "not_found"), Map.of()));
		BackendException e = expectFailure();
		assertTrue(e.getMessage(), e.getMessage().contains(server.baseUrl() + "/chat/completions"));
		assertTrue(e.getMessage(), e.getMessage().contains("model 'nope' not found"));
		assertTrue(e.getHint(), e.getHint().contains("model"));
	}

	@Test
	public void rateLimitedSaysWhenToRetry() {
		server.setReplies(request -> new Error(429, LoopbackOpenAiServer.errorBody("Rate limit reached", "rate_limit"), Map.of("Retry-After", "17")));
		BackendException e = expectFailure();
		assertTrue(e.getMessage(), e.getMessage().contains("429") && e.getMessage().contains("Rate limit reached"));
		assertTrue(e.getHint(), e.getHint().contains("17"));
	}

	@Test
	public void serverErrorWithABodyThatIsNotJson() {
		server.setReplies(request -> new Error(502, "<html>Bad gateway</html>", Map.of()));
		BackendException e = expectFailure();
		assertTrue(e.getMessage(), e.getMessage().contains("502") && e.getMessage().contains("Bad gateway"));
	}

	@Test
	public void malformedChunkIsNamed() {
		server.setReplies(request -> new Stream(List.of(LoopbackOpenAiServer.chunk(LoopbackOpenAiServer.delta("content", "ok"), null), "{not json"), 0, true, false));
		RecordingSink sink = new RecordingSink();
		BackendException e = expectFailure(sink);
		assertTrue(e.getMessage(), e.getMessage().contains("malformed chunk") && e.getMessage().contains("{not json"));
		assertEquals("what arrived before stays", "ok", sink.text.toString());
	}

	@Test
	public void errorObjectInsideTheStream() {
		server.setReplies(request -> new Stream(List.of(LoopbackOpenAiServer.errorBody("The model crashed", "server_error")), 0, false, false));
		BackendException e = expectFailure();
		assertTrue(e.getMessage(), e.getMessage().contains("The model crashed"));
	}

	@Test
	public void droppedConnectionBeforeTheEnd() {
		// The cut comes a moment after the text, as on a real network: text and cut in one breath may
		// reach the client as a failed stream before its text is read.
		server.setReplies(request -> new Stream(List.of(LoopbackOpenAiServer.chunk(LoopbackOpenAiServer.delta("content", "partial"), null)), 100, false, true));
		RecordingSink sink = new RecordingSink();
		BackendException e = expectFailure(sink);
		assertTrue(e.getMessage(), e.getMessage().toLowerCase().contains("connection"));
		assertEquals("partial", sink.text.toString());
	}

	@Test
	public void streamThatEndsWithoutFinishOrDone() {
		server.setReplies(request -> new Stream(List.of(LoopbackOpenAiServer.chunk(LoopbackOpenAiServer.delta("content", "partial"), null)), 0, false, false));
		BackendException e = expectFailure();
		assertTrue(e.getMessage(), e.getMessage().contains("closed before the reply ended"));
	}

	@Test
	public void stalledStreamFailsAfterTheStallTimeout() {
		settings.put(OpenAiBackend.STALL_TIMEOUT, "1");
		server.setReplies(request -> new Stall(List.of(LoopbackOpenAiServer.chunk(LoopbackOpenAiServer.delta("content", "slow"), null))));
		long start = System.nanoTime();
		BackendException e = expectFailure();
		long millis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start);
		assertTrue(e.getMessage(), e.getMessage().contains("stalled") && e.getMessage().contains("1 seconds"));
		assertTrue("took " + millis + " ms", millis < 5000);
	}

	@Test
	public void neverEndingLineFailsInsteadOfFillingMemory() {
		server.setReplies(request -> new EndlessLine(3 * 1024 * 1024));
		BackendException e = expectFailure();
		assertTrue(e.getMessage(), e.getMessage().contains("longer than 1 MB"));
	}

	@Test
	public void refusedConnectionSaysTheServerIsNotRunning() throws Exception {
		int closedPort;
		try (ServerSocket socket = new ServerSocket(0)) {
			closedPort = socket.getLocalPort();
		}
		settings.put(OpenAiBackend.BASE_URL, "http://127.0.0.1:" + closedPort + "/v1");
		BackendException e = expectFailure();
		assertTrue(e.getMessage(), e.getMessage().contains("Cannot reach http://127.0.0.1:" + closedPort));
		assertTrue(e.getHint(), e.getHint().contains("base URL"));
	}

	@Test
	public void invalidBaseUrlIsRefusedBeforeConnecting() {
		settings.put(OpenAiBackend.BASE_URL, "localhost:11434");
		try {
			backend.open(context(), new NullProgressMonitor());
			fail();
		} catch (BackendException e) {
			assertTrue(e.getMessage(), e.getMessage().contains("not an http or https URL"));
		}
	}

	@Test
	public void cancelFromAnotherThreadEndsTheTurnWithinASecond() throws Exception {
		server.setReplies(request -> new Endless("tok ", 5));
		RecordingSink sink = new RecordingSink();
		AtomicReference<Object> outcome = new AtomicReference<>();
		try (IConversation conversation = backend.open(context(), new NullProgressMonitor())) {
			Thread turn = new Thread(() -> {
				try {
					outcome.set(conversation.prompt(List.of(), "go", sink, new NullProgressMonitor()));
				} catch (BackendException e) {
					outcome.set(e);
				}
			});
			turn.start();
			long waitUntil = System.currentTimeMillis() + 5000;
			while (sink.text.length() < 40 && System.currentTimeMillis() < waitUntil) {
				Thread.sleep(10);
			}
			assertTrue("streaming started", sink.text.length() >= 40);
			long start = System.nanoTime();
			conversation.cancel();
			turn.join(1000);
			long millis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start);
			assertFalse("prompt returned within a second, took " + millis + " ms", turn.isAlive());
			assertEquals(StopReason.CANCELLED, outcome.get());
		}
		long waitUntil = System.currentTimeMillis() + 3000;
		while (server.disconnects() == 0 && System.currentTimeMillis() < waitUntil) {
			Thread.sleep(10);
		}
		assertEquals("the server saw the connection closed", 1, server.disconnects());
	}

	@Test
	public void listsTheServersModelsSorted() throws Exception {
		server.setModels(List.of("qwen", "Llama", "mistral", "llama3.2"));
		assertEquals(List.of("Llama", "llama3.2", "mistral", "qwen"), backend.listModels(context(), new NullProgressMonitor()));
		assertTrue(backend.testConnection(context(), new NullProgressMonitor()).contains("4 models"));
	}

	@Test
	public void testConnectionNamesAMissingModel() {
		settings.put(OpenAiBackend.MODEL, "gpt-nope");
		try {
			backend.testConnection(context(), new NullProgressMonitor());
			fail();
		} catch (BackendException e) {
			assertTrue(e.getMessage(), e.getMessage().contains("gpt-nope"));
			assertTrue(e.getHint(), e.getHint().contains("llama3.2"));
		}
	}

	private BackendException expectFailure() {
		return expectFailure(new RecordingSink());
	}

	private BackendException expectFailure(RecordingSink sink) {
		try {
			prompt(sink);
		} catch (BackendException e) {
			return e;
		}
		throw new AssertionError("the turn should have failed; text was: " + sink.text);
	}
}
