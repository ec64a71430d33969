package dev.chorus.core.mcp;

import com.google.gson.JsonObject;

import dev.chorus.core.rpc.JsonRpcPeer;

/**
 * How JSON-RPC messages travel between Chorus and one MCP server: lines over a child process's
 * stdin and stdout, or the streamable HTTP transport. What the server sends goes to the
 * {@link JsonRpcPeer.Handler} the transport was made with.
 */
interface McpTransport {

	/** Sends a request; its result (or failure) completes the call's future. */
	JsonRpcPeer.Call call(String method, JsonObject params);

	void notify(String method, JsonObject params);

	/** Stops waiting for the request's answer. */
	void forget(long id);

	/** Why the transport is gone, or {@code null} while it works. */
	String closedReason();

	/** The last lines the server wrote to its error stream, if it has one. */
	default String stderrTail() {
		return ""; //$NON-NLS-1$
	}

	/** Ends the connection: stops the program (with the programs it started) or ends the HTTP session. */
	void close();
}
