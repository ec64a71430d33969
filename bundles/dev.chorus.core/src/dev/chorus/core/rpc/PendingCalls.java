package dev.chorus.core.rpc;

import java.io.IOException;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

import com.google.gson.JsonElement;
import com.google.gson.JsonNull;
import com.google.gson.JsonObject;

/**
 * The requests a JSON-RPC client sent and waits for, whatever carries them (lines of a child
 * process, HTTP): their ids, and the answers routed back to them.
 */
public final class PendingCalls {

	private final Map<Long, CompletableFuture<JsonElement>> pending = new ConcurrentHashMap<>();
	private final AtomicLong ids = new AtomicLong();

	/** A new request's id and its result to come. */
	public JsonRpcPeer.Call open() {
		long id = ids.incrementAndGet();
		CompletableFuture<JsonElement> future = new CompletableFuture<>();
		pending.put(id, future);
		return new JsonRpcPeer.Call(id, future);
	}

	/** No longer waits for the request; its answer, if one comes, is dropped. */
	public void forget(long id) {
		pending.remove(id);
	}

	/** Fails one request, which is no longer waited for. */
	public void fail(JsonRpcPeer.Call call, String reason) {
		pending.remove(call.id());
		call.result().completeExceptionally(new IOException(reason));
	}

	/**
	 * Completes the request a response answers, with its result or a {@link JsonRpcPeer.RemoteError};
	 * a response to a request never made (or with an id that is no number) is dropped.
	 */
	public void answer(JsonElement id, JsonObject response) {
		CompletableFuture<JsonElement> future = id.isJsonPrimitive() && id.getAsJsonPrimitive().isNumber() ? pending.remove(id.getAsLong())
				: null;
		if (future == null) {
			return;
		}
		JsonElement error = response.get("error"); //$NON-NLS-1$
		if (error != null && !error.isJsonNull()) {
			JsonObject fields = error.isJsonObject() ? error.getAsJsonObject() : new JsonObject();
			future.completeExceptionally(new JsonRpcPeer.RemoteError(fields.has("code") ? fields.get("code").getAsInt() : 0, //$NON-NLS-1$ //$NON-NLS-2$
					fields.has("message") ? fields.get("message").getAsString() : "?")); //$NON-NLS-1$ //$NON-NLS-2$ //$NON-NLS-3$
		} else {
			future.complete(response.has("result") ? response.get("result") : JsonNull.INSTANCE); //$NON-NLS-1$ //$NON-NLS-2$
		}
	}

	/** Fails every request still waited for: the peer is gone. */
	public void failAll(String reason) {
		IOException failure = new IOException(reason);
		pending.values().forEach(future -> future.completeExceptionally(failure));
		pending.clear();
	}
}
