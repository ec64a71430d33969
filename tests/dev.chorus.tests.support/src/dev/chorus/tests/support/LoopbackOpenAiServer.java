package dev.chorus.tests.support;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;

import com.google.gson.Gson;
import com.google.gson.JsonArray;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

/**
 * A real HTTP server on loopback that speaks the OpenAI chat completions API as its documentation
 * describes: {@code GET /v1/models}, and {@code POST /v1/chat/completions} streaming server-sent
 * events ({@code data: {chunk}} lines, blank-line separated, ending with {@code data: [DONE]}),
 * with the faults real servers show (HTTP errors with JSON bodies, malformed chunks, errors in the
 * stream, dropped connections, stalls, endless lines). What each request gets is decided by a
 * function of the request, so concurrent tests can give every run its own stream.
 */
public final class LoopbackOpenAiServer implements AutoCloseable {

	/** What the server answers to one chat request. */
	public sealed interface Reply {
	}

	/**
	 * A stream of raw SSE event payloads (each sent as {@code data: payload} and a blank line),
	 * then {@code [DONE]} unless {@code done} is false; {@code delayMillis} between events.
	 */
	public record Stream(List<String> events, long delayMillis, boolean done, boolean dropAtEnd) implements Reply {
	}

	/** An HTTP error with a body and extra headers. */
	public record Error(int status, String body, Map<String, String> headers) implements Reply {
	}

	/** Sends the events, then nothing more, holding the connection open until the client goes. */
	public record Stall(List<String> events) implements Reply {
	}

	/** Streams one token after another until the client closes the connection. */
	public record Endless(String token, long delayMillis) implements Reply {
	}

	/**
	 * Streams the tokens the supplier makes, one after another, until the client closes the
	 * connection (for benchmarks that stamp each token with the time it leaves the server).
	 */
	public record Generated(java.util.function.Supplier<String> tokens, long delayMillis) implements Reply {
	}

	/** Sends one line of {@code bytes} bytes that never ends. */
	public record EndlessLine(int bytes) implements Reply {
	}

	/** A request as received. */
	public record Request(String method, String path, Map<String, List<String>> headers, JsonObject body) {
		public String header(String name) {
			for (Map.Entry<String, List<String>> entry : headers.entrySet()) {
				if (entry.getKey().equalsIgnoreCase(name)) {
					return entry.getValue().get(0);
				}
			}
			return null;
		}

		/** The {@code tool} messages of the request, oldest first: tool_call_id and content. */
		public List<JsonObject> toolResults() {
			List<JsonObject> results = new ArrayList<>();
			for (var element : body.getAsJsonArray("messages")) {
				if ("tool".equals(element.getAsJsonObject().get("role").getAsString())) {
					results.add(element.getAsJsonObject());
				}
			}
			return results;
		}

		/** The names of the functions the request offers as {@code tools}. */
		public List<String> toolNames() {
			List<String> names = new ArrayList<>();
			if (body.has("tools")) {
				for (var element : body.getAsJsonArray("tools")) {
					names.add(element.getAsJsonObject().getAsJsonObject("function").get("name").getAsString());
				}
			}
			return names;
		}

		/** The content of the last message (the user's new one). */
		public String lastUserMessage() {
			JsonArray messages = body.getAsJsonArray("messages");
			return messages.get(messages.size() - 1).getAsJsonObject().get("content").getAsString();
		}
	}

	private static final Gson GSON = new Gson();

	private final HttpServer server;
	private final ExecutorService executor = Executors.newCachedThreadPool(runnable -> {
		Thread thread = new Thread(runnable, "loopback-openai-server");
		thread.setDaemon(true);
		return thread;
	});
	private final BlockingQueue<Request> requests = new LinkedBlockingQueue<>();
	private final AtomicInteger disconnects = new AtomicInteger();
	private volatile Function<Request, Reply> replies = request -> textReply(0, "Hello", " from", " the", " server.");
	private volatile List<String> models = List.of("llama3.2", "qwen2.5-coder");

	public LoopbackOpenAiServer() throws IOException {
		this(0);
	}

	/** A server on the given port of 127.0.0.1 (0: any free one). */
	public LoopbackOpenAiServer(int port) throws IOException {
		server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 128);
		server.setExecutor(executor);
		server.createContext("/v1/models", this::models);
		server.createContext("/v1/chat/completions", this::chat);
		server.start();
	}

	public int port() {
		return server.getAddress().getPort();
	}

	public String baseUrl() {
		return "http://127.0.0.1:" + server.getAddress().getPort() + "/v1";
	}

	public void setReplies(Function<Request, Reply> replies) {
		this.replies = replies;
	}

	public void setModels(List<String> models) {
		this.models = models;
	}

	/** Requests received so far, oldest first; each is taken once. */
	public BlockingQueue<Request> requests() {
		return requests;
	}

	/** How many streams ended because the client closed the connection. */
	public int disconnects() {
		return disconnects.get();
	}

	// Building replies.

	/** A text reply streamed token by token, with a usage chunk, a finish reason and [DONE]. */
	public static Stream textReply(long delayMillis, String... tokens) {
		List<String> events = new ArrayList<>();
		events.add(chunk(delta("role", "assistant"), null));
		for (String token : tokens) {
			events.add(chunk(delta("content", token), null));
		}
		events.add(chunk(new JsonObject(), "stop"));
		events.add(usageChunk(12, tokens.length, 12 + tokens.length));
		return new Stream(events, delayMillis, true, false);
	}

	/** One tool call the model makes: its id, function name and arguments in the pieces they stream in. */
	public record CallSpec(String id, String name, List<String> argumentPieces) {
		public CallSpec(String id, String name, String... argumentPieces) {
			this(id, name, List.of(argumentPieces));
		}
	}

	/**
	 * An answer that asks for tool calls as OpenAI streams them: each call's id and name in its
	 * first fragment, its arguments in pieces after, then finish reason {@code tool_calls}.
	 */
	public static Stream toolCallReply(String text, CallSpec... calls) {
		List<String> events = new ArrayList<>();
		events.add(chunk(delta("role", "assistant"), null));
		if (text != null) {
			events.add(chunk(delta("content", text), null));
		}
		for (int index = 0; index < calls.length; index++) {
			CallSpec call = calls[index];
			JsonObject function = new JsonObject();
			function.addProperty("name", call.name());
			function.addProperty("arguments", "");
			JsonObject first = new JsonObject();
			first.addProperty("index", index);
			first.addProperty("id", call.id());
			first.addProperty("type", "function");
			first.add("function", function);
			events.add(chunk(toolCalls(first), null));
			for (String piece : call.argumentPieces()) {
				JsonObject more = new JsonObject();
				JsonObject args = new JsonObject();
				args.addProperty("arguments", piece);
				more.addProperty("index", index);
				more.add("function", args);
				events.add(chunk(toolCalls(more), null));
			}
		}
		events.add(chunk(new JsonObject(), "tool_calls"));
		events.add(usageChunk(20, 5, 25));
		return new Stream(events, 0, true, false);
	}

	private static JsonObject toolCalls(JsonObject fragment) {
		JsonArray calls = new JsonArray();
		calls.add(fragment);
		JsonObject delta = new JsonObject();
		delta.add("tool_calls", calls);
		return delta;
	}

	public static JsonObject delta(String field, String value) {
		JsonObject delta = new JsonObject();
		delta.addProperty(field, value);
		return delta;
	}

	/** One {@code chat.completion.chunk} with the delta and finish reason. */
	public static String chunk(JsonObject delta, String finishReason) {
		JsonObject choice = new JsonObject();
		choice.addProperty("index", 0);
		choice.add("delta", delta);
		choice.addProperty("finish_reason", finishReason);
		JsonArray choices = new JsonArray();
		choices.add(choice);
		JsonObject chunk = new JsonObject();
		chunk.addProperty("id", "chatcmpl-1");
		chunk.addProperty("object", "chat.completion.chunk");
		chunk.addProperty("created", 1_700_000_000L);
		chunk.addProperty("model", "llama3.2");
		chunk.add("choices", choices);
		return GSON.toJson(chunk);
	}

	/** The final chunk of {@code stream_options.include_usage}: empty choices, usage figures. */
	public static String usageChunk(long prompt, long completion, long total) {
		JsonObject usage = new JsonObject();
		usage.addProperty("prompt_tokens", prompt);
		usage.addProperty("completion_tokens", completion);
		usage.addProperty("total_tokens", total);
		JsonObject chunk = new JsonObject();
		chunk.addProperty("id", "chatcmpl-1");
		chunk.addProperty("object", "chat.completion.chunk");
		chunk.add("choices", new JsonArray());
		chunk.add("usage", usage);
		return GSON.toJson(chunk);
	}

	/** An error body as OpenAI sends it. */
	public static String errorBody(String message, String type) {
		JsonObject error = new JsonObject();
		error.addProperty("message", message);
		error.addProperty("type", type);
		error.add("code", null);
		JsonObject body = new JsonObject();
		body.add("error", error);
		return GSON.toJson(body);
	}

	// Serving.

	private void models(HttpExchange exchange) throws IOException {
		record(exchange, null);
		JsonArray data = new JsonArray();
		for (String model : models) {
			JsonObject entry = new JsonObject();
			entry.addProperty("id", model);
			entry.addProperty("object", "model");
			data.add(entry);
		}
		JsonObject body = new JsonObject();
		body.addProperty("object", "list");
		body.add("data", data);
		send(exchange, 200, GSON.toJson(body), "application/json");
	}

	private void chat(HttpExchange exchange) throws IOException {
		JsonObject body;
		try (InputStream in = exchange.getRequestBody()) {
			body = JsonParser.parseString(new String(in.readAllBytes(), StandardCharsets.UTF_8)).getAsJsonObject();
		}
		Request request = record(exchange, body);
		Reply reply = replies.apply(request);
		try {
			switch (reply) {
			case Error error -> {
				error.headers().forEach((name, value) -> exchange.getResponseHeaders().add(name, value));
				send(exchange, error.status(), error.body(), "application/json");
			}
			case Stream stream -> stream(exchange, stream);
			case Stall stall -> {
				OutputStream out = startStream(exchange);
				for (String event : stall.events()) {
					write(out, "data: " + event + "\n\n");
				}
				waitForDisconnect(exchange);
			}
			case Endless endless -> {
				OutputStream out = startStream(exchange);
				while (true) {
					write(out, "data: " + chunk(delta("content", endless.token()), null) + "\n\n");
					if (endless.delayMillis() > 0) {
						Thread.sleep(endless.delayMillis());
					}
				}
			}
			case Generated generated -> {
				OutputStream out = startStream(exchange);
				while (true) {
					write(out, "data: " + chunk(delta("content", generated.tokens().get()), null) + "\n\n");
					if (generated.delayMillis() > 0) {
						Thread.sleep(generated.delayMillis());
					}
				}
			}
			case EndlessLine line -> {
				OutputStream out = startStream(exchange);
				byte[] block = "x".repeat(8192).getBytes(StandardCharsets.US_ASCII);
				write(out, "data: ");
				for (int sent = 0; sent < line.bytes(); sent += block.length) {
					out.write(block);
				}
				out.flush();
				waitForDisconnect(exchange);
			}
			}
		} catch (DroppedOnPurpose e) {
			throw e;
		} catch (IOException e) {
			disconnects.incrementAndGet();
			exchange.close();
		} catch (InterruptedException e) {
			Thread.currentThread().interrupt();
			exchange.close();
		}
		exchange.close();
	}

	private static final class DroppedOnPurpose extends RuntimeException {
		private static final long serialVersionUID = 1L;
	}

	private void stream(HttpExchange exchange, Stream stream) throws IOException, InterruptedException {
		OutputStream out = startStream(exchange);
		write(out, ": keep-alive\n\n");
		for (String event : stream.events()) {
			write(out, "data: " + event + "\n\n");
			if (stream.delayMillis() > 0) {
				Thread.sleep(stream.delayMillis());
			}
		}
		if (stream.dropAtEnd()) {
			// Cut the connection mid-reply, the way a crashed server or a proxy does: an exception
			// out of the handler makes the server close the socket without ending the chunked body.
			throw new DroppedOnPurpose();
		}
		if (stream.done()) {
			write(out, "data: [DONE]\n\n");
		}
	}

	private static OutputStream startStream(HttpExchange exchange) throws IOException {
		exchange.getResponseHeaders().add("Content-Type", "text/event-stream");
		exchange.getResponseHeaders().add("Cache-Control", "no-cache");
		exchange.sendResponseHeaders(200, 0);
		return exchange.getResponseBody();
	}

	private static void write(OutputStream out, String text) throws IOException {
		out.write(text.getBytes(StandardCharsets.UTF_8));
		out.flush();
	}

	/** Holds the connection open, sending nothing, until the server stops. */
	private static void waitForDisconnect(HttpExchange exchange) throws InterruptedException {
		while (true) {
			Thread.sleep(100);
		}
	}

	private Request record(HttpExchange exchange, JsonObject body) {
		Request request = new Request(exchange.getRequestMethod(), exchange.getRequestURI().getPath(),
				Map.copyOf(exchange.getRequestHeaders()), body);
		requests.add(request);
		return request;
	}

	private static void send(HttpExchange exchange, int status, String body, String contentType) throws IOException {
		byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
		exchange.getResponseHeaders().add("Content-Type", contentType);
		exchange.sendResponseHeaders(status, bytes.length == 0 ? -1 : bytes.length);
		if (bytes.length > 0) {
			try (OutputStream out = exchange.getResponseBody()) {
				out.write(bytes);
			}
		}
	}

	@Override
	/** Stops the server and closes every connection it holds; calling it again does nothing. */
	public synchronized void close() {
		if (!closed) {
			closed = true;
			server.stop(0);
			executor.shutdownNow();
		}
	}

	private boolean closed;
}
