package dev.chorus.core.mcp;

import java.io.IOException;
import java.nio.file.Path;

import com.google.gson.JsonObject;

import dev.chorus.core.ProcessTrees;
import dev.chorus.core.rpc.JsonRpcPeer;

/** An MCP server Chorus starts as a child process and talks to over its stdin and stdout. */
final class StdioTransport implements McpTransport {

	private final Process process;
	private final JsonRpcPeer peer;

	StdioTransport(McpServerConfig server, Path folder, JsonRpcPeer.Handler handler) throws IOException {
		ProcessBuilder builder = new ProcessBuilder(server.command()).directory(folder.toFile());
		builder.environment().putAll(server.environment());
		process = builder.start();
		peer = new JsonRpcPeer(process, handler, "MCP " + server.name()); //$NON-NLS-1$
	}

	@Override
	public JsonRpcPeer.Call call(String method, JsonObject params) {
		return peer.call(method, params);
	}

	@Override
	public void notify(String method, JsonObject params) {
		peer.notify(method, params);
	}

	@Override
	public void forget(long id) {
		peer.forget(id);
	}

	@Override
	public String closedReason() {
		return peer.closedReason();
	}

	@Override
	public String stderrTail() {
		return peer.stderrTail(5);
	}

	@Override
	public void close() {
		peer.close(dev.chorus.core.CoreMessages.Mcp_Stopped);
		ProcessTrees.end(process, 2000);
	}
}
