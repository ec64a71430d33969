package dev.chorus.core.rpc;

import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

import com.google.gson.Gson;
import com.google.gson.JsonElement;
import com.google.gson.JsonNull;
import com.google.gson.JsonObject;
import com.google.gson.JsonParseException;
import com.google.gson.JsonParser;

import dev.chorus.core.CoreMessages;

/**
 * JSON-RPC 2.0 with one message per line over a child process's stdin and stdout, as the Agent
 * Client Protocol and the Model Context Protocol's stdio transport frame it. Written on Gson rather
 * than taken from a library: the ACP and MCP Java SDKs bring Jackson, Reactor and SLF4J, and
 * LSP4J's JSON-RPC frames messages with Content-Length headers, not lines. A reader thread routes responses to their pending
 * requests and hands the agent's requests and notifications to the handler on a worker thread, so
 * that a request waiting on the user (a permission) never blocks the stream.
 */
public final class JsonRpcPeer {

	/** Serves what the agent sends. */
	public interface Handler {
		/** Answers a request of the agent; throws {@link RpcError} to answer with an error. */
		JsonElement request(String method, JsonObject params) throws RpcError;

		void notification(String method, JsonObject params);

		/** The peer is gone: the process ended or broke the protocol. */
		void closed(String reason);

		/** A message too long to read was skipped; {@code what} says how long, for the user. */
		default void skipped(String what) {
			// Nothing to tell.
		}
	}

	/** A JSON-RPC error to answer with. */
	public static final class RpcError extends Exception {
		private static final long serialVersionUID = 1L;
		public final int code;

		public RpcError(int code, String message) {
			super(message);
			this.code = code;
		}
	}

	/** The agent answered a request with an error. */
	public static final class RemoteError extends Exception {
		private static final long serialVersionUID = 1L;
		public final int code;

		public RemoteError(int code, String message) {
			super(message);
			this.code = code;
		}
	}

	public static final int METHOD_NOT_FOUND = -32601;
	public static final int INVALID_PARAMS = -32602;
	public static final int INTERNAL_ERROR = -32603;
	private static final int MAX_LINE = 16 * 1024 * 1024;
	private static final Gson GSON = new Gson();

	private final Process process;
	private final OutputStream stdin;
	private final Handler handler;
	private final PendingCalls pending = new PendingCalls();
	private final Deque<String> stderrTail = new ArrayDeque<>();
	private final ExecutorService worker;
	private volatile String closedReason;

	public JsonRpcPeer(Process process, Handler handler, String name) {
		this.process = process;
		this.stdin = process.getOutputStream();
		this.handler = handler;
		this.worker = Executors.newCachedThreadPool(runnable -> daemon(runnable, name + " requests")); //$NON-NLS-1$
		daemon(this::readStdout, name + " stdout").start(); //$NON-NLS-1$
		daemon(this::readStderr, name + " stderr").start(); //$NON-NLS-1$
	}

	private static Thread daemon(Runnable runnable, String name) {
		Thread thread = new Thread(runnable, "Chorus " + name); //$NON-NLS-1$
		thread.setDaemon(true);
		return thread;
	}

	/** Sends a request; the future completes with its result or fails with {@link RemoteError} or an IOException. */
	public CompletableFuture<JsonElement> request(String method, JsonObject params) {
		return call(method, params).result();
	}

	/** A request sent: its id (to cancel it by) and its result to come. */
	public record Call(long id, CompletableFuture<JsonElement> result) {
	}

	/** Sends a request, telling its id; see {@link #request}. */
	public Call call(String method, JsonObject params) {
		Call call = pending.open();
		JsonObject message = new JsonObject();
		message.addProperty("jsonrpc", "2.0"); //$NON-NLS-1$ //$NON-NLS-2$
		message.addProperty("id", call.id()); //$NON-NLS-1$
		message.addProperty("method", method); //$NON-NLS-1$
		message.add("params", params); //$NON-NLS-1$
		if (!send(message)) {
			pending.fail(call, closedReason());
		}
		return call;
	}

	/** Forgets a request the caller no longer waits for; its answer, if one comes, is dropped. */
	public void forget(long id) {
		pending.forget(id);
	}

	public void notify(String method, JsonObject params) {
		JsonObject message = new JsonObject();
		message.addProperty("jsonrpc", "2.0"); //$NON-NLS-1$ //$NON-NLS-2$
		message.addProperty("method", method); //$NON-NLS-1$
		message.add("params", params); //$NON-NLS-1$
		send(message);
	}

	private synchronized boolean send(JsonObject message) {
		if (closedReason != null) {
			return false;
		}
		try {
			stdin.write((GSON.toJson(message) + '\n').getBytes(StandardCharsets.UTF_8));
			stdin.flush();
			return true;
		} catch (IOException e) {
			close(CoreMessages.Rpc_WriteFailed);
			return false;
		}
	}

	private void readStdout() {
		try (InputStreamReader input = new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8)) {
			BoundedLineReader reader = new BoundedLineReader(input, MAX_LINE);
			BoundedLineReader.Line next;
			while ((next = reader.next()) != null) {
				if (next.text() == null) {
					// Skipped whole, with no more memory than one read: the session goes on.
					handler.skipped(org.eclipse.osgi.util.NLS.bind(CoreMessages.Rpc_LineTooLong, next.skippedChars() / (1024 * 1024)));
					continue;
				}
				String line = next.text();
				if (line.isBlank()) {
					continue;
				}
				JsonObject message;
				try {
					message = JsonParser.parseString(line).getAsJsonObject();
				} catch (JsonParseException | IllegalStateException e) {
					close(org.eclipse.osgi.util.NLS.bind(CoreMessages.Rpc_NotJson, snippet(line)));
					return;
				}
				dispatch(message);
			}
			close(exitDescription());
		} catch (IOException e) {
			close(exitDescription());
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
			worker.execute(() -> answer(id, method, params));
		} else if (method != null) {
			handler.notification(method, params);
		}
	}

	private void answer(JsonElement id, String method, JsonObject params) {
		JsonObject reply = new JsonObject();
		reply.addProperty("jsonrpc", "2.0"); //$NON-NLS-1$ //$NON-NLS-2$
		reply.add("id", id); //$NON-NLS-1$
		try {
			JsonElement result = handler.request(method, params);
			reply.add("result", result == null ? JsonNull.INSTANCE : result); //$NON-NLS-1$
		} catch (RpcError e) {
			reply.add("error", error(e.code, e.getMessage())); //$NON-NLS-1$
		} catch (RuntimeException e) {
			reply.add("error", error(INTERNAL_ERROR, String.valueOf(e))); //$NON-NLS-1$
		}
		send(reply);
	}

	private static JsonObject error(int code, String message) {
		JsonObject error = new JsonObject();
		error.addProperty("code", code); //$NON-NLS-1$
		error.addProperty("message", message); //$NON-NLS-1$
		return error;
	}

	private void readStderr() {
		try (InputStreamReader input = new InputStreamReader(process.getErrorStream(), StandardCharsets.UTF_8)) {
			BoundedLineReader reader = new BoundedLineReader(input, 64 * 1024);
			BoundedLineReader.Line next;
			while ((next = reader.next()) != null) {
				String line = next.text() == null ? "\u2026" : next.text(); //$NON-NLS-1$
				synchronized (stderrTail) {
					stderrTail.addLast(line.length() > 500 ? line.substring(0, 500) : line);
					if (stderrTail.size() > 50) {
						stderrTail.removeFirst();
					}
				}
			}
		} catch (IOException e) {
			// The process is gone; what it said is kept.
		}
	}

	/** The last lines the agent wrote to stderr, newest last. */
	public String stderrTail(int lines) {
		synchronized (stderrTail) {
			return String.join("\n", stderrTail.stream().skip(Math.max(0, stderrTail.size() - lines)).toList()); //$NON-NLS-1$
		}
	}

	private String exitDescription() {
		try {
			if (process.waitFor(2, java.util.concurrent.TimeUnit.SECONDS)) {
				return org.eclipse.osgi.util.NLS.bind(CoreMessages.Rpc_Exited, process.exitValue());
			}
		} catch (InterruptedException e) {
			Thread.currentThread().interrupt();
		}
		return CoreMessages.Rpc_StdoutClosed;
	}

	/** Why the peer is gone, or {@code null} while it is alive. */
	public String closedReason() {
		return closedReason;
	}

	public boolean isClosed() {
		return closedReason != null;
	}

	public void close(String reason) {
		synchronized (this) {
			if (closedReason != null) {
				return;
			}
			closedReason = reason;
		}
		pending.failAll(reason);
		worker.shutdownNow();
		handler.closed(reason);
	}

	private static String snippet(String line) {
		return line.length() <= 120 ? line : line.substring(0, 120) + '\u2026';
	}
}
