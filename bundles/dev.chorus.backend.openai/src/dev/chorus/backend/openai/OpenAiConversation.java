package dev.chorus.backend.openai;

import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import org.eclipse.core.runtime.IProgressMonitor;
import org.eclipse.osgi.util.NLS;

import com.google.gson.Gson;
import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParseException;
import com.google.gson.JsonParser;

import dev.chorus.core.rpc.SseReader;

import dev.chorus.core.backend.BackendException;
import dev.chorus.core.backend.HistoryMessage;
import dev.chorus.core.backend.IConversation;
import dev.chorus.core.backend.ITurnSink;
import dev.chorus.core.backend.StopReason;
import dev.chorus.core.transcript.ToolCall;
import dev.chorus.core.transcript.Usage;

/**
 * One chat with an OpenAI-compatible server. Each turn is one streamed request, or, when the agent
 * has tools, as many as the model needs: its tool calls are run by the {@link Toolbox} and their
 * results sent back, until it answers without one or reaches the agent's limit of steps.
 * Cancelling closes the body stream, which ends the blocking read at once, or stops the tool call
 * in flight. A watchdog closes the stream too when no
 * byte arrives for the stall timeout, so a hung server never hangs a run.
 */
final class OpenAiConversation implements IConversation {

	private static final Gson GSON = new Gson();

	private final HttpClient client;
	private final OpenAiSettings settings;
	private final Toolbox toolbox;
	/** The transcript ids of the tool calls so far. */
	private final java.util.Set<String> callIds = java.util.concurrent.ConcurrentHashMap.newKeySet();
	private volatile CompletableFuture<HttpResponse<InputStream>> pending;
	private volatile InputStream body;
	private volatile boolean cancelled;
	/** The usage of the turn's requests so far. */
	private Usage turnUsage;
	private volatile boolean stalled;
	private volatile long lastByte;

	OpenAiConversation(HttpClient client, OpenAiSettings settings, Toolbox toolbox) {
		this.client = client;
		this.settings = settings;
		this.toolbox = toolbox;
	}

	@Override
	public StopReason prompt(List<HistoryMessage> history, String userText, ITurnSink sink, IProgressMonitor monitor)
			throws BackendException {
		cancelled = false;
		stalled = false;
		turnUsage = null;
		JsonArray messages = messages(history, userText);
		JsonArray tools = toolbox.isEmpty() ? null : toolbox.definitions(sink, monitor);
		if (tools != null && tools.isEmpty()) {
			tools = null;
		}
		for (int step = 1;; step++) {
			Streamed streamed = streamOnce(requestBody(messages, tools), sink, monitor, tools != null);
			if (streamed.stop() != null) {
				return streamed.stop();
			}
			if (step > settings.maxToolSteps()) {
				for (ToolCallBuffer call : streamed.calls()) {
					sink.toolCall(call.snapshot(ToolCall.STATUS_FAILED).ended(ToolCall.STATUS_FAILED, Messages.Tools_NotRun, 0));
				}
				sink.problem(new dev.chorus.core.transcript.Problem(NLS.bind(Messages.Tools_StepLimit, settings.maxToolSteps()),
						Messages.Tools_StepLimitHint));
				return StopReason.MAX_TURN_REQUESTS;
			}
			messages.add(assistantMessage(streamed.text(), streamed.calls()));
			boolean stop = false;
			for (ToolCallBuffer call : streamed.calls()) {
				if (stop) {
					sink.toolCall(call.snapshot(ToolCall.STATUS_FAILED).ended(ToolCall.STATUS_FAILED, Messages.Tools_NotRun, 0));
					continue;
				}
				Toolbox.Outcome outcome = toolbox.run(call.snapshot(ToolCall.STATUS_PENDING), sink, monitor);
				messages.add(toolMessage(call.modelId(), outcome.result()));
				stop = outcome.cancelled() || cancelled || monitor.isCanceled();
			}
			if (stop) {
				return StopReason.CANCELLED;
			}
		}
	}

	/** What one request streamed: how the turn ended, or the tool calls the model wants run first. */
	private record Streamed(StopReason stop, String text, List<ToolCallBuffer> calls) {
	}

	/** One streamed request of the turn. */
	private Streamed streamOnce(String requestBody, ITurnSink sink, IProgressMonitor monitor, boolean withTools)
			throws BackendException {
		URI uri = settings.endpoint("chat/completions"); //$NON-NLS-1$
		HttpRequest.Builder request = HttpRequest.newBuilder(uri)
				.header("Content-Type", "application/json") //$NON-NLS-1$ //$NON-NLS-2$
				.header("Accept", "text/event-stream") //$NON-NLS-1$ //$NON-NLS-2$
				.POST(HttpRequest.BodyPublishers.ofString(requestBody, StandardCharsets.UTF_8));
		settings.applyHeaders(request);
		HttpResponse<InputStream> response = send(uri, request.build(), monitor);
		if (response == null) {
			return new Streamed(StopReason.CANCELLED, null, null);
		}
		body = response.body();
		if (cancelled) {
			closeBody();
			return new Streamed(StopReason.CANCELLED, null, null);
		}
		try (InputStream in = body) {
			if (response.statusCode() != 200) {
				String text = new String(in.readNBytes(64 * 1024), StandardCharsets.UTF_8);
				throw Failures.httpError(uri, response.statusCode(), text,
						response.headers().firstValue("Retry-After").orElse(null)); //$NON-NLS-1$
			}
			return stream(new WatchedStream(in), sink, monitor, withTools);
		} catch (IOException e) {
			if (cancelled || monitor.isCanceled()) {
				return new Streamed(StopReason.CANCELLED, null, null);
			}
			if (stalled) {
				throw new BackendException(NLS.bind(Messages.Error_Stalled, settings.stallTimeoutSeconds()),
						Messages.Error_StalledHint, e);
			}
			if (e instanceof SseReader.LineTooLongException) {
				throw new BackendException(Messages.Error_LineTooLong, Messages.Error_MalformedHint, e);
			}
			throw new BackendException(NLS.bind(Messages.Error_Dropped, Failures.describe(e)), Messages.Error_DroppedHint, e);
		} finally {
			body = null;
		}
	}

	private JsonArray messages(List<HistoryMessage> history, String userText) {
		JsonArray messages = new JsonArray();
		if (!settings.systemPrompt().isEmpty()) {
			messages.add(message("system", settings.systemPrompt())); //$NON-NLS-1$
		}
		for (HistoryMessage message : history) {
			messages.add(message(message.role(), message.content()));
		}
		messages.add(message(HistoryMessage.USER, userText));
		return messages;
	}

	private String requestBody(JsonArray messages, JsonArray tools) {
		JsonObject json = new JsonObject();
		if (!settings.model().isEmpty()) {
			json.addProperty("model", settings.model()); //$NON-NLS-1$
		}
		json.addProperty("stream", true); //$NON-NLS-1$
		JsonObject options = new JsonObject();
		options.addProperty("include_usage", true); //$NON-NLS-1$
		json.add("stream_options", options); //$NON-NLS-1$
		if (settings.temperature() != null) {
			json.addProperty("temperature", settings.temperature()); //$NON-NLS-1$
		}
		json.add("messages", messages); //$NON-NLS-1$
		if (tools != null) {
			json.add("tools", tools); //$NON-NLS-1$
		}
		return GSON.toJson(json);
	}

	/** The model's message that asked for the calls, as the API wants it back. */
	private static JsonObject assistantMessage(String text, List<ToolCallBuffer> calls) {
		JsonObject message = new JsonObject();
		message.addProperty("role", HistoryMessage.ASSISTANT); //$NON-NLS-1$
		if (text == null || text.isEmpty()) {
			message.add("content", com.google.gson.JsonNull.INSTANCE); //$NON-NLS-1$
		} else {
			message.addProperty("content", text); //$NON-NLS-1$
		}
		JsonArray toolCalls = new JsonArray();
		for (ToolCallBuffer call : calls) {
			JsonObject function = new JsonObject();
			function.addProperty("name", call.name()); //$NON-NLS-1$
			function.addProperty("arguments", call.arguments()); //$NON-NLS-1$
			JsonObject item = new JsonObject();
			item.addProperty("id", call.modelId()); //$NON-NLS-1$
			item.addProperty("type", "function"); //$NON-NLS-1$ //$NON-NLS-2$
			item.add("function", function); //$NON-NLS-1$
			toolCalls.add(item);
		}
		message.add("tool_calls", toolCalls); //$NON-NLS-1$
		return message;
	}

	private static JsonObject toolMessage(String callId, String content) {
		JsonObject message = new JsonObject();
		message.addProperty("role", "tool"); //$NON-NLS-1$ //$NON-NLS-2$
		message.addProperty("tool_call_id", callId); //$NON-NLS-1$
		message.addProperty("content", content); //$NON-NLS-1$
		return message;
	}

	private static JsonObject message(String role, String content) {
		JsonObject message = new JsonObject();
		message.addProperty("role", role); //$NON-NLS-1$
		message.addProperty("content", content); //$NON-NLS-1$
		return message;
	}

	/** Sends the request; waits for the response head while watching for cancellation. */
	private HttpResponse<InputStream> send(URI uri, HttpRequest request, IProgressMonitor monitor) throws BackendException {
		CompletableFuture<HttpResponse<InputStream>> future = client.sendAsync(request, HttpResponse.BodyHandlers.ofInputStream());
		pending = future;
		long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(Math.max(30, settings.stallTimeoutSeconds()));
		try {
			while (true) {
				if (cancelled || monitor.isCanceled()) {
					future.cancel(true);
					return null;
				}
				try {
					return future.get(50, TimeUnit.MILLISECONDS);
				} catch (TimeoutException e) {
					if (System.nanoTime() > deadline) {
						future.cancel(true);
						stalled = true;
						throw new BackendException(NLS.bind(Messages.Error_NoResponse, uri, Math.max(30, settings.stallTimeoutSeconds())),
								Messages.Error_StalledHint);
					}
				}
			}
		} catch (InterruptedException e) {
			Thread.currentThread().interrupt();
			future.cancel(true);
			return null;
		} catch (ExecutionException e) {
			if (cancelled) {
				return null;
			}
			Throwable cause = e.getCause();
			throw Failures.unreachable(uri, cause instanceof IOException io ? io : new IOException(cause));
		} catch (java.util.concurrent.CancellationException e) {
			return null;
		} finally {
			pending = null;
		}
	}

	private Streamed stream(InputStream in, ITurnSink sink, IProgressMonitor monitor, boolean withTools)
			throws IOException, BackendException {
		SseReader reader = new SseReader(in);
		Map<Integer, ToolCallBuffer> toolCalls = new TreeMap<>();
		StringBuilder text = new StringBuilder();
		String finishReason = null;
		boolean done = false;
		SseReader.Event event;
		while ((event = reader.next()) != null) {
			if (cancelled || monitor.isCanceled()) {
				return new Streamed(StopReason.CANCELLED, null, null);
			}
			String data = event.data().strip();
			if (data.equals("[DONE]")) { //$NON-NLS-1$
				done = true;
				break;
			}
			if (data.isEmpty()) {
				continue;
			}
			JsonObject chunk;
			try {
				chunk = JsonParser.parseString(data).getAsJsonObject();
			} catch (JsonParseException | IllegalStateException e) {
				throw new BackendException(NLS.bind(Messages.Error_Malformed, Failures.snippet(data)), Messages.Error_MalformedHint, e);
			}
			if (chunk.has("error") && !chunk.get("error").isJsonNull()) { //$NON-NLS-1$ //$NON-NLS-2$
				throw new BackendException(NLS.bind(Messages.Error_InStream, Failures.serverMessage(data)), Messages.Error_ServerFailedHint);
			}
			String reason = handleChunk(chunk, sink, toolCalls, text, withTools);
			if (reason != null) {
				finishReason = reason;
			}
		}
		if (cancelled || monitor.isCanceled()) {
			return new Streamed(StopReason.CANCELLED, null, null);
		}
		if (!done && finishReason == null) {
			throw new BackendException(Messages.Error_EndedEarly, Messages.Error_DroppedHint);
		}
		if (withTools && !toolCalls.isEmpty()) {
			return new Streamed(null, text.toString(), List.copyOf(toolCalls.values()));
		}
		for (ToolCallBuffer call : toolCalls.values()) {
			// Asked for without tools on offer: shown, never run.
			sink.toolCall(call.snapshot(ToolCall.STATUS_COMPLETED));
		}
		StopReason stop = switch (finishReason == null ? "stop" : finishReason) { //$NON-NLS-1$
		case "length" -> StopReason.MAX_TOKENS; //$NON-NLS-1$
		case "content_filter" -> StopReason.REFUSAL; //$NON-NLS-1$
		default -> StopReason.END_TURN;
		};
		return new Streamed(stop, text.toString(), List.of());
	}

	/** Hands one chunk's deltas to the sink; returns its finish reason, if any. */
	private String handleChunk(JsonObject chunk, ITurnSink sink, Map<Integer, ToolCallBuffer> toolCalls, StringBuilder text,
			boolean withTools) {
		if (chunk.has("usage") && chunk.get("usage").isJsonObject()) { //$NON-NLS-1$ //$NON-NLS-2$
			JsonObject usage = chunk.getAsJsonObject("usage"); //$NON-NLS-1$
			Usage reported = new Usage(number(usage, "prompt_tokens"), number(usage, "completion_tokens"), number(usage, "total_tokens")); //$NON-NLS-1$ //$NON-NLS-2$ //$NON-NLS-3$
			// A turn with tool rounds is several requests: its usage is theirs together.
			Usage before = turnUsage;
			turnUsage = before == null ? reported
					: new Usage(sum(before.promptTokens(), reported.promptTokens()), sum(before.completionTokens(), reported.completionTokens()),
							sum(before.totalTokens(), reported.totalTokens()));
			sink.usage(turnUsage);
		}
		JsonElement choices = chunk.get("choices"); //$NON-NLS-1$
		if (choices == null || !choices.isJsonArray() || choices.getAsJsonArray().isEmpty()) {
			return null;
		}
		JsonObject choice = choices.getAsJsonArray().get(0).getAsJsonObject();
		JsonElement deltaElement = choice.get("delta"); //$NON-NLS-1$
		if (deltaElement != null && deltaElement.isJsonObject()) {
			JsonObject delta = deltaElement.getAsJsonObject();
			String reasoning = string(delta, "reasoning_content"); //$NON-NLS-1$
			if (reasoning == null) {
				reasoning = string(delta, "reasoning"); //$NON-NLS-1$
			}
			if (reasoning != null) {
				sink.reasoning(reasoning);
			}
			String content = string(delta, "content"); //$NON-NLS-1$
			if (content != null) {
				sink.text(content);
				text.append(content);
			}
			if (delta.has("tool_calls") && delta.get("tool_calls").isJsonArray()) { //$NON-NLS-1$ //$NON-NLS-2$
				for (JsonElement element : delta.getAsJsonArray("tool_calls")) { //$NON-NLS-1$
					JsonObject fragment = element.getAsJsonObject();
					int index = fragment.has("index") ? fragment.get("index").getAsInt() : toolCalls.size(); //$NON-NLS-1$ //$NON-NLS-2$
					ToolCallBuffer call = toolCalls.computeIfAbsent(index, key -> new ToolCallBuffer(key, callIds));
					call.add(fragment);
					sink.toolCall(withTools ? toolbox.streaming(call.snapshot(ToolCall.STATUS_PENDING)) : call.snapshot(ToolCall.STATUS_IN_PROGRESS));
				}
			}
		}
		JsonElement finish = choice.get("finish_reason"); //$NON-NLS-1$
		return finish == null || finish.isJsonNull() ? null : finish.getAsString();
	}

	private static String string(JsonObject json, String key) {
		JsonElement element = json.get(key);
		return element == null || element.isJsonNull() ? null : element.getAsString();
	}

	private static long sum(long a, long b) {
		return a < 0 ? b : b < 0 ? a : a + b;
	}

	private static long number(JsonObject json, String key) {
		JsonElement element = json.get(key);
		return element == null || element.isJsonNull() ? -1 : element.getAsLong();
	}

	/** Counts the time since the last byte, for the stall watchdog. */
	private final class WatchedStream extends java.io.FilterInputStream {
		WatchedStream(InputStream in) {
			super(in);
			lastByte = System.nanoTime();
			Watchdog.watch(OpenAiConversation.this);
		}

		@Override
		public int read() throws IOException {
			int b = super.read();
			lastByte = System.nanoTime();
			return b;
		}

		@Override
		public int read(byte[] buffer, int offset, int length) throws IOException {
			int n = super.read(buffer, offset, length);
			lastByte = System.nanoTime();
			return n;
		}

		@Override
		public void close() throws IOException {
			Watchdog.unwatch(OpenAiConversation.this);
			super.close();
		}
	}

	/** Called by the watchdog: whether the stream stalled, closing it if so. */
	boolean checkStall(long now) {
		InputStream open = body;
		if (open != null && now - lastByte > TimeUnit.SECONDS.toNanos(settings.stallTimeoutSeconds())) {
			stalled = true;
			closeBody();
			return true;
		}
		return open == null;
	}

	@Override
	public void cancel() {
		cancelled = true;
		CompletableFuture<HttpResponse<InputStream>> future = pending;
		if (future != null) {
			future.cancel(true);
		}
		closeBody();
	}

	private void closeBody() {
		InputStream open = body;
		if (open != null) {
			try {
				open.close();
			} catch (IOException e) {
				// Closing is all we wanted.
			}
		}
	}

	@Override
	public void close() {
		cancel();
		toolbox.close();
	}

}
