package dev.chorus.core.mcp;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import org.eclipse.core.runtime.IProgressMonitor;
import org.eclipse.osgi.util.NLS;

import com.google.gson.Gson;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;

import dev.chorus.core.CoreMessages;
import dev.chorus.core.rpc.JsonRpcPeer;

/**
 * A connection to one MCP server: the {@code initialize} handshake, its tools ({@code tools/list},
 * page by page, listed again after {@code notifications/tools/list_changed}) and tool calls
 * ({@code tools/call}), each given up after the server's timeout or when the user stops it, with
 * {@code notifications/cancelled} sent so the server stops too. Chorus offers the server no
 * capabilities of its own (no roots, sampling or elicitation) and answers its pings.
 * <p>
 * Written on Gson rather than on the official MCP Java SDK: with its JSON module the SDK brings
 * 6.2 MB of jars (Reactor in a release candidate, Jackson, a JSON Schema validator, SLF4J) and
 * finds its JSON mapper through {@code ServiceLoader}, which OSGi does not serve; the client side
 * Chorus needs is a handful of methods over the JSON-RPC peer it already has (figures in
 * docs/architecture.md, "MCP servers and the tool loop").
 */
public final class McpClient implements JsonRpcPeer.Handler {

	/** The protocol revision Chorus asks for. */
	public static final String PROTOCOL_VERSION = "2025-06-18"; //$NON-NLS-1$
	private static final int START_TIMEOUT_SECONDS = 30;
	private static final Gson GSON = new Gson();

	private final McpServerConfig server;
	private final McpTransport transport;
	private final List<Runnable> toolListeners = new CopyOnWriteArrayList<>();
	private volatile List<McpTool> tools;
	private volatile String closedReason;
	private String serverName = ""; //$NON-NLS-1$

	private McpClient(McpServerConfig server, Path folder) throws IOException {
		this.server = server;
		this.transport = server.isHttp() ? new HttpTransport(server, this) : new StdioTransport(server, folder, this);
	}

	/** Starts (or reaches) the server and shakes hands with it. */
	public static McpClient connect(McpServerConfig server, Path folder, IProgressMonitor monitor) throws McpException {
		McpClient client;
		try {
			client = new McpClient(server, folder);
		} catch (IOException e) {
			throw new McpException(NLS.bind(CoreMessages.Mcp_CannotStart, server.name(), e.getMessage()));
		}
		try {
			client.initialize(monitor);
			return client;
		} catch (McpException e) {
			client.close();
			throw e;
		}
	}

	private void initialize(IProgressMonitor monitor) throws McpException {
		JsonObject params = new JsonObject();
		params.addProperty("protocolVersion", PROTOCOL_VERSION); //$NON-NLS-1$
		params.add("capabilities", new JsonObject()); //$NON-NLS-1$
		JsonObject info = new JsonObject();
		info.addProperty("name", "Chorus"); //$NON-NLS-1$ //$NON-NLS-2$
		info.addProperty("version", "0.1.0"); //$NON-NLS-1$ //$NON-NLS-2$
		params.add("clientInfo", info); //$NON-NLS-1$
		JsonElement result;
		try {
			result = await(transport.call("initialize", params), Math.min(START_TIMEOUT_SECONDS, server.timeoutSeconds()), monitor); //$NON-NLS-1$
		} catch (McpException e) {
			throw new McpException(NLS.bind(CoreMessages.Mcp_CannotStart, server.name(), e.detail()), e.isCancelled());
		}
		String version = PROTOCOL_VERSION;
		if (result.isJsonObject()) {
			JsonObject answer = result.getAsJsonObject();
			if (answer.has("protocolVersion") && answer.get("protocolVersion").isJsonPrimitive()) { //$NON-NLS-1$ //$NON-NLS-2$
				version = answer.get("protocolVersion").getAsString(); //$NON-NLS-1$
			}
			if (answer.has("serverInfo") && answer.get("serverInfo").isJsonObject()) { //$NON-NLS-1$ //$NON-NLS-2$
				JsonObject serverInfo = answer.getAsJsonObject("serverInfo"); //$NON-NLS-1$
				serverName = text(serverInfo, "name") + ' ' + text(serverInfo, "version"); //$NON-NLS-1$ //$NON-NLS-2$
			}
		} else {
			throw new McpException(NLS.bind(CoreMessages.Mcp_CannotStart, server.name(), CoreMessages.Mcp_BadInitialize));
		}
		if (transport instanceof HttpTransport http) {
			http.initialized(version);
		}
		transport.notify("notifications/initialized", new JsonObject()); //$NON-NLS-1$
	}

	public McpServerConfig config() {
		return server;
	}

	/** The server's name and version as it gave them, or {@code ""}. */
	public String serverInfo() {
		return serverName.strip();
	}

	/** The server's tools, listed again when the server said they changed. */
	public List<McpTool> tools(IProgressMonitor monitor) throws McpException {
		List<McpTool> known = tools;
		if (known != null) {
			return known;
		}
		List<McpTool> listed = new ArrayList<>();
		String cursor = null;
		for (int page = 0; page < 100; page++) {
			JsonObject params = new JsonObject();
			if (cursor != null) {
				params.addProperty("cursor", cursor); //$NON-NLS-1$
			}
			JsonElement result = await(transport.call("tools/list", params), server.timeoutSeconds(), monitor); //$NON-NLS-1$
			if (!result.isJsonObject() || !result.getAsJsonObject().has("tools") || !result.getAsJsonObject().get("tools").isJsonArray()) { //$NON-NLS-1$ //$NON-NLS-2$
				throw new McpException(NLS.bind(CoreMessages.Mcp_BadToolList, server.name(), snippet(GSON.toJson(result))));
			}
			for (JsonElement element : result.getAsJsonObject().getAsJsonArray("tools")) { //$NON-NLS-1$
				if (element.isJsonObject() && element.getAsJsonObject().has("name")) { //$NON-NLS-1$
					listed.add(tool(element.getAsJsonObject()));
				}
			}
			JsonElement next = result.getAsJsonObject().get("nextCursor"); //$NON-NLS-1$
			cursor = next != null && next.isJsonPrimitive() && !next.getAsString().isEmpty() ? next.getAsString() : null;
			if (cursor == null) {
				break;
			}
		}
		tools = List.copyOf(listed);
		return tools;
	}

	private static McpTool tool(JsonObject json) {
		JsonObject schema = json.has("inputSchema") && json.get("inputSchema").isJsonObject() ? json.getAsJsonObject("inputSchema") //$NON-NLS-1$ //$NON-NLS-2$ //$NON-NLS-3$
				: new JsonObject();
		if (!schema.has("type")) { //$NON-NLS-1$
			schema.addProperty("type", "object"); //$NON-NLS-1$ //$NON-NLS-2$
		}
		boolean readOnly = json.has("annotations") && json.get("annotations").isJsonObject() //$NON-NLS-1$ //$NON-NLS-2$
				&& json.getAsJsonObject("annotations").has("readOnlyHint") //$NON-NLS-1$ //$NON-NLS-2$
				&& json.getAsJsonObject("annotations").get("readOnlyHint").getAsBoolean(); //$NON-NLS-1$ //$NON-NLS-2$
		String description = text(json, "description"); //$NON-NLS-1$
		return new McpTool(json.get("name").getAsString(), description, schema, readOnly); //$NON-NLS-1$
	}

	/** Calls a tool and waits for its result, at most the server's timeout; the monitor's cancel stops it. */
	public McpToolResult call(String tool, JsonObject arguments, IProgressMonitor monitor) throws McpException {
		JsonObject params = new JsonObject();
		params.addProperty("name", tool); //$NON-NLS-1$
		params.add("arguments", arguments); //$NON-NLS-1$
		JsonElement result = await(transport.call("tools/call", params), server.timeoutSeconds(), monitor); //$NON-NLS-1$
		if (!result.isJsonObject()) {
			throw new McpException(NLS.bind(CoreMessages.Mcp_BadResult, server.name(), snippet(GSON.toJson(result))));
		}
		return McpToolResult.of(result.getAsJsonObject());
	}

	/** Waits for an answer while watching the monitor; tells the server when Chorus stops waiting. */
	private JsonElement await(JsonRpcPeer.Call call, int timeoutSeconds, IProgressMonitor monitor) throws McpException {
		long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(timeoutSeconds);
		CompletableFuture<JsonElement> future = call.result();
		try {
			while (true) {
				if (monitor != null && monitor.isCanceled()) {
					cancel(call, CoreMessages.Mcp_CancelReasonUser);
					throw new McpException(NLS.bind(CoreMessages.Mcp_Cancelled, server.name()), true);
				}
				if (System.nanoTime() > deadline) {
					cancel(call, CoreMessages.Mcp_CancelReasonTimeout);
					throw new McpException(NLS.bind(CoreMessages.Mcp_Timeout, server.name(), timeoutSeconds));
				}
				try {
					return future.get(50, TimeUnit.MILLISECONDS);
				} catch (TimeoutException e) {
					// Look at the monitor and the clock again.
				}
			}
		} catch (InterruptedException e) {
			Thread.currentThread().interrupt();
			cancel(call, CoreMessages.Mcp_CancelReasonUser);
			throw new McpException(NLS.bind(CoreMessages.Mcp_Cancelled, server.name()), true);
		} catch (ExecutionException e) {
			Throwable cause = e.getCause();
			if (cause instanceof JsonRpcPeer.RemoteError remote) {
				throw new McpException(NLS.bind(CoreMessages.Mcp_Refused, new Object[] { server.name(), remote.getMessage(), remote.code }),
						false, remote.getMessage());
			}
			String tail = stderrTail();
			String reason = cause.getMessage() + (tail.isBlank() ? "" : ": " + tail.lines().reduce((a, b) -> b).orElse("")); //$NON-NLS-1$ //$NON-NLS-2$ //$NON-NLS-3$
			throw new McpException(NLS.bind(CoreMessages.Mcp_Gone, server.name(), reason), false, reason);
		}
	}

	/** What the server last wrote to its error stream; read a moment after it ended, as its reader may lag behind. */
	private String stderrTail() {
		String tail = transport.stderrTail();
		if (tail.isBlank() && transport.closedReason() != null && !server.isHttp()) {
			try {
				Thread.sleep(150);
			} catch (InterruptedException e) {
				Thread.currentThread().interrupt();
			}
			tail = transport.stderrTail();
		}
		return tail;
	}

	private void cancel(JsonRpcPeer.Call call, String reason) {
		transport.forget(call.id());
		if (transport.closedReason() == null) {
			JsonObject params = new JsonObject();
			params.addProperty("requestId", call.id()); //$NON-NLS-1$
			params.addProperty("reason", reason); //$NON-NLS-1$
			transport.notify("notifications/cancelled", params); //$NON-NLS-1$
		}
	}

	/** Hears when the server's tools changed (they are listed again on the next {@link #tools}). */
	public void addToolListener(Runnable listener) {
		toolListeners.add(listener);
	}

	public boolean isAlive() {
		return closedReason == null;
	}

	/** Why the connection ended, or {@code null}. */
	public String closedReason() {
		return closedReason;
	}

	public void close() {
		transport.close();
	}

	@Override
	public JsonElement request(String method, JsonObject params) throws JsonRpcPeer.RpcError {
		if ("ping".equals(method)) { //$NON-NLS-1$
			return new JsonObject();
		}
		throw new JsonRpcPeer.RpcError(JsonRpcPeer.METHOD_NOT_FOUND, method);
	}

	@Override
	public void notification(String method, JsonObject params) {
		if ("notifications/tools/list_changed".equals(method)) { //$NON-NLS-1$
			tools = null;
			toolListeners.forEach(Runnable::run);
		}
	}

	@Override
	public void closed(String reason) {
		closedReason = reason;
	}

	private static String text(JsonObject json, String key) {
		JsonElement element = json.get(key);
		return element != null && element.isJsonPrimitive() ? element.getAsString() : ""; //$NON-NLS-1$
	}

	private static String snippet(String text) {
		return text.length() <= 200 ? text : text.substring(0, 200) + '\u2026';
	}
}
