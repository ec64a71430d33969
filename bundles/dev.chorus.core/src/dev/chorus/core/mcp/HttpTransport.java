package dev.chorus.core.mcp;

import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;

import org.eclipse.osgi.util.NLS;

import com.google.gson.Gson;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParseException;
import com.google.gson.JsonParser;

import dev.chorus.core.CoreMessages;
import dev.chorus.core.rpc.JsonRpcPeer;
import dev.chorus.core.rpc.PendingCalls;
import dev.chorus.core.rpc.SseReader;

/**
 * The MCP streamable HTTP transport (protocol revision 2025-06-18): every message is a POST to the
 * server's URL; a request's answer comes back as a JSON body or as a stream of server-sent events
 * that may carry the server's own requests and notifications before it. The session id the
 * server gives at {@code initialize} goes with every later request, a GET stream (where the
 * server offers one) carries what the server sends on its own, such as
 * {@code notifications/tools/list_changed}, and a DELETE ends the session.
 */
final class HttpTransport implements McpTransport {

	private static final Gson GSON = new Gson();
	private static final String SESSION_HEADER = "Mcp-Session-Id"; //$NON-NLS-1$
	private static final int MAX_BODY = 16 * 1024 * 1024;

	private final HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
			.connectTimeout(Duration.ofSeconds(10)).followRedirects(HttpClient.Redirect.NORMAL).build();
	private final URI uri;
	private final Map<String, String> headers;
	private final JsonRpcPeer.Handler handler;
	private final PendingCalls pending = new PendingCalls();
	private final Set<InputStream> open = ConcurrentHashMap.newKeySet();
	/** The POST of each request in flight, and its event stream once it answers: aborted when the caller stops waiting. */
	private final Map<Long, CompletableFuture<HttpResponse<InputStream>>> posts = new ConcurrentHashMap<>();
	private final Map<Long, InputStream> streams = new ConcurrentHashMap<>();
	private volatile String sessionId;
	private volatile String protocolVersion;
	private volatile String closedReason;

	HttpTransport(McpServerConfig server, JsonRpcPeer.Handler handler) throws IOException {
		try {
			uri = URI.create(server.url().strip());
			if (uri.getScheme() == null || !uri.getScheme().startsWith("http") || uri.getHost() == null) { //$NON-NLS-1$
				throw new IllegalArgumentException();
			}
		} catch (IllegalArgumentException e) {
			throw new IOException(NLS.bind(CoreMessages.Mcp_BadUrl, server.url()));
		}
		this.headers = server.headers();
		this.handler = handler;
	}

	/** Called once {@code initialize} succeeded: later requests name the version, and the server's own stream is opened. */
	void initialized(String version) {
		protocolVersion = version;
		Thread listener = new Thread(this::listen, "Chorus MCP " + uri.getHost() + " events"); //$NON-NLS-1$ //$NON-NLS-2$
		listener.setDaemon(true);
		listener.start();
	}

	@Override
	public JsonRpcPeer.Call call(String method, JsonObject params) {
		JsonRpcPeer.Call call = pending.open();
		JsonObject message = message(method, params);
		message.addProperty("id", call.id()); //$NON-NLS-1$
		post(message, call);
		return call;
	}

	@Override
	public void notify(String method, JsonObject params) {
		post(message(method, params), null);
	}

	/** Stops waiting for a request: its POST is aborted, since a server keeps a cancelled call's stream open. */
	@Override
	public void forget(long id) {
		pending.forget(id);
		CompletableFuture<HttpResponse<InputStream>> post = posts.remove(id);
		if (post != null) {
			post.cancel(true);
		}
		InputStream stream = streams.remove(id);
		if (stream != null) {
			closeQuietly(stream);
		}
	}

	private static void closeQuietly(InputStream stream) {
		try {
			stream.close();
		} catch (IOException e) {
			// Closing is all we wanted.
		}
	}

	@Override
	public String closedReason() {
		return closedReason;
	}

	private static JsonObject message(String method, JsonObject params) {
		JsonObject message = new JsonObject();
		message.addProperty("jsonrpc", "2.0"); //$NON-NLS-1$ //$NON-NLS-2$
		message.addProperty("method", method); //$NON-NLS-1$
		message.add("params", params); //$NON-NLS-1$
		return message;
	}

	private HttpRequest.Builder request() {
		HttpRequest.Builder request = HttpRequest.newBuilder(uri);
		headers.forEach(request::header);
		String session = sessionId;
		if (session != null) {
			request.header(SESSION_HEADER, session);
		}
		String version = protocolVersion;
		if (version != null) {
			request.header("MCP-Protocol-Version", version); //$NON-NLS-1$
		}
		return request;
	}

	/** Posts one message; what comes back is routed as it arrives. {@code call}, if any, fails when the POST does. */
	private void post(JsonObject message, JsonRpcPeer.Call call) {
		long id = call == null ? -1 : call.id();
		if (closedReason != null) {
			fail(call, closedReason);
			return;
		}
		HttpRequest request = request().header("Content-Type", "application/json") //$NON-NLS-1$ //$NON-NLS-2$
				.header("Accept", "application/json, text/event-stream") //$NON-NLS-1$ //$NON-NLS-2$
				.POST(HttpRequest.BodyPublishers.ofString(GSON.toJson(message), StandardCharsets.UTF_8)).build();
		CompletableFuture<HttpResponse<InputStream>> sent = client.sendAsync(request, HttpResponse.BodyHandlers.ofInputStream());
		if (id >= 0) {
			posts.put(id, sent);
		}
		sent.whenComplete((response, failure) -> {
			if (id >= 0 && posts.remove(id) == null) {
				// Given up already.
				if (response != null) {
					closeQuietly(response.body());
				}
				return;
			}
			if (failure != null) {
				fail(call, NLS.bind(CoreMessages.Mcp_HttpUnreachable, uri, describe(failure)));
				return;
			}
			if (id >= 0) {
				streams.put(id, response.body());
			}
			try {
				receive(response, call);
			} catch (IOException e) {
				fail(call, NLS.bind(CoreMessages.Mcp_HttpDropped, uri, describe(e)));
			} finally {
				if (id >= 0) {
					streams.remove(id);
				}
			}
		});
	}

	private void receive(HttpResponse<InputStream> response, JsonRpcPeer.Call call) throws IOException {
		response.headers().firstValue(SESSION_HEADER).ifPresent(id -> {
			if (sessionId == null) {
				sessionId = id;
			}
		});
		try (InputStream body = response.body()) {
			int status = response.statusCode();
			if (status == 202 || status == 204) {
				return;
			}
			if (status == 404 && sessionId != null) {
				close(NLS.bind(CoreMessages.Mcp_HttpSessionGone, uri));
				return;
			}
			if (status < 200 || status >= 300) {
				String text = new String(body.readNBytes(2000), StandardCharsets.UTF_8).strip();
				String hint = status == 401 || status == 403 ? CoreMessages.Mcp_HttpAuthHint : ""; //$NON-NLS-1$
				fail(call, NLS.bind(CoreMessages.Mcp_HttpStatus, new Object[] { uri, status, snippet(text), hint }).strip());
				return;
			}
			String type = response.headers().firstValue("Content-Type").orElse(""); //$NON-NLS-1$ //$NON-NLS-2$
			if (type.startsWith("text/event-stream")) { //$NON-NLS-1$
				open.add(body);
				try {
					readEvents(body);
				} finally {
					open.remove(body);
				}
			} else {
				byte[] bytes = body.readNBytes(MAX_BODY + 1);
				if (bytes.length > MAX_BODY) {
					fail(call, NLS.bind(CoreMessages.Mcp_HttpTooLarge, uri));
					return;
				}
				String text = new String(bytes, StandardCharsets.UTF_8);
				if (!text.isBlank()) {
					route(text);
				}
			}
		}
		if (call != null && !call.result().isDone()) {
			// The stream ended without the answer: the server will not send it.
			fail(call, NLS.bind(CoreMessages.Mcp_HttpNoAnswer, uri));
		}
	}

	private void readEvents(InputStream body) throws IOException {
		SseReader reader = new SseReader(body);
		SseReader.Event event;
		while ((event = reader.next()) != null && closedReason == null) {
			if (!event.data().isBlank()) {
				route(event.data());
			}
		}
	}

	/** One JSON-RPC message (or a batch of them) from the server. */
	private void route(String text) {
		JsonElement parsed;
		try {
			parsed = JsonParser.parseString(text);
		} catch (JsonParseException e) {
			close(NLS.bind(CoreMessages.Rpc_NotJson, snippet(text)));
			return;
		}
		if (parsed.isJsonArray()) {
			parsed.getAsJsonArray().forEach(element -> {
				if (element.isJsonObject()) {
					dispatch(element.getAsJsonObject());
				}
			});
		} else if (parsed.isJsonObject()) {
			dispatch(parsed.getAsJsonObject());
		} else {
			close(NLS.bind(CoreMessages.Rpc_NotJson, snippet(text)));
		}
	}

	private void dispatch(JsonObject message) {
		JsonElement id = message.get("id"); //$NON-NLS-1$
		String method = message.has("method") && message.get("method").isJsonPrimitive() ? message.get("method").getAsString() : null; //$NON-NLS-1$ //$NON-NLS-2$ //$NON-NLS-3$
		JsonObject params = message.has("params") && message.get("params").isJsonObject() ? message.getAsJsonObject("params") //$NON-NLS-1$ //$NON-NLS-2$ //$NON-NLS-3$
				: new JsonObject();
		if (method == null && id != null) {
			pending.answer(id, message);
		} else if (method != null && id != null && !id.isJsonNull()) {
			JsonObject reply = new JsonObject();
			reply.addProperty("jsonrpc", "2.0"); //$NON-NLS-1$ //$NON-NLS-2$
			reply.add("id", id); //$NON-NLS-1$
			try {
				JsonElement result = handler.request(method, params);
				reply.add("result", result == null ? new JsonObject() : result); //$NON-NLS-1$
			} catch (JsonRpcPeer.RpcError e) {
				JsonObject error = new JsonObject();
				error.addProperty("code", e.code); //$NON-NLS-1$
				error.addProperty("message", e.getMessage()); //$NON-NLS-1$
				reply.add("error", error); //$NON-NLS-1$
			}
			post(reply, null);
		} else if (method != null) {
			handler.notification(method, params);
		}
	}

	/** The server's own stream of events, for as long as it keeps it open; servers without one answer 405. */
	private void listen() {
		HttpRequest request = request().header("Accept", "text/event-stream").GET().build(); //$NON-NLS-1$ //$NON-NLS-2$
		try {
			HttpResponse<InputStream> response = client.send(request, HttpResponse.BodyHandlers.ofInputStream());
			try (InputStream body = response.body()) {
				if (response.statusCode() == 200
						&& response.headers().firstValue("Content-Type").orElse("").startsWith("text/event-stream")) { //$NON-NLS-1$ //$NON-NLS-2$ //$NON-NLS-3$
					open.add(body);
					try {
						readEvents(body);
					} finally {
						open.remove(body);
					}
				}
			}
		} catch (IOException e) {
			// No stream of its own: the server sends everything in answers.
		} catch (InterruptedException e) {
			Thread.currentThread().interrupt();
		}
	}

	private void fail(JsonRpcPeer.Call call, String reason) {
		if (call != null) {
			pending.fail(call, reason);
		}
	}

	private void close(String reason) {
		synchronized (this) {
			if (closedReason != null) {
				return;
			}
			closedReason = reason;
		}
		pending.failAll(reason);
		open.forEach(HttpTransport::closeQuietly);
		streams.values().forEach(HttpTransport::closeQuietly);
		posts.values().forEach(post -> post.cancel(true));
		handler.closed(reason);
	}

	@Override
	public void close() {
		String session = sessionId;
		if (closedReason == null && session != null) {
			try {
				client.send(request().timeout(Duration.ofSeconds(3)).DELETE().build(), HttpResponse.BodyHandlers.discarding());
			} catch (IOException e) {
				// The session ends with the server anyway.
			} catch (InterruptedException e) {
				Thread.currentThread().interrupt();
			}
		}
		close(CoreMessages.Mcp_Stopped);
	}

	private static String describe(Throwable failure) {
		Throwable cause = failure instanceof java.util.concurrent.CompletionException && failure.getCause() != null ? failure.getCause() : failure;
		return cause.getMessage() == null ? cause.getClass().getSimpleName() : cause.getMessage();
	}

	private static String snippet(String text) {
		return text.length() <= 200 ? text : text.substring(0, 200) + '\u2026';
	}
}
