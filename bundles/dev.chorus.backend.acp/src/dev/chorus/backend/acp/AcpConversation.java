package dev.chorus.backend.acp;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import org.eclipse.core.runtime.IProgressMonitor;
import org.eclipse.osgi.util.NLS;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonNull;
import com.google.gson.JsonObject;

import dev.chorus.core.backend.BackendException;
import dev.chorus.core.backend.HistoryMessage;
import dev.chorus.core.backend.IConversation;
import dev.chorus.core.backend.ITurnSink;
import dev.chorus.core.backend.PermissionRequest;
import dev.chorus.core.backend.StopReason;
import dev.chorus.core.transcript.PlanStep;
import dev.chorus.core.transcript.ToolCall;

/**
 * One ACP session with an agent program: the process started, {@code initialize}d, and a session
 * created with {@code session/new} or resumed with {@code session/load}. Turns are
 * {@code session/prompt} requests; the agent's {@code session/update} notifications stream into the
 * sink. The agent's requests for permission and for files are served here, files confined to the
 * session's working directory.
 */
final class AcpConversation implements IConversation, JsonRpcPeer.Handler {

	static final int PROTOCOL_VERSION = 1;
	private static final long CANCEL_GRACE_MILLIS = 2000;

	private final Process process;
	private final JsonRpcPeer peer;
	private final Path workingDirectory;
	private final String commandName;
	private volatile String sessionId;
	private volatile ITurnSink sink;
	private volatile boolean loading;
	private volatile boolean cancelRequested;
	private volatile JsonObject agentInfo = new JsonObject();

	private AcpConversation(Process process, Path workingDirectory, String commandName) {
		this.process = process;
		this.workingDirectory = workingDirectory;
		this.commandName = commandName;
		this.peer = new JsonRpcPeer(process, this, commandName);
	}

	/** Starts the agent, initializes it, and opens (or resumes) a session. */
	static AcpConversation start(AcpSettings settings, String resumeSessionId, IProgressMonitor monitor) throws BackendException {
		Process process;
		try {
			ProcessBuilder builder = new ProcessBuilder(settings.command()).directory(settings.workingDirectory().toFile());
			builder.environment().putAll(settings.environment());
			process = builder.start();
		} catch (IOException e) {
			throw new BackendException(NLS.bind(Messages.Error_CannotStart, settings.command().get(0), e.getMessage()),
					Messages.Error_CannotStartHint, e);
		}
		AcpConversation conversation = new AcpConversation(process, settings.workingDirectory(), settings.command().get(0));
		try {
			conversation.initialize(settings.startTimeoutSeconds(), monitor);
			conversation.openSession(resumeSessionId, settings.startTimeoutSeconds(), monitor);
			return conversation;
		} catch (BackendException | RuntimeException e) {
			conversation.close();
			throw e;
		}
	}

	/** The agent's name and version as it gave them in {@code initialize}, for Test Connection. */
	String describeAgent() {
		JsonObject info = agentInfo;
		String name = info.has("name") ? info.get("name").getAsString() : commandName; //$NON-NLS-1$ //$NON-NLS-2$
		return info.has("version") ? name + ' ' + info.get("version").getAsString() : name; //$NON-NLS-1$ //$NON-NLS-2$
	}

	String sessionId() {
		return sessionId;
	}

	Process process() {
		return process;
	}

	private void initialize(int timeoutSeconds, IProgressMonitor monitor) throws BackendException {
		JsonObject fs = new JsonObject();
		fs.addProperty("readTextFile", true); //$NON-NLS-1$
		fs.addProperty("writeTextFile", true); //$NON-NLS-1$
		JsonObject capabilities = new JsonObject();
		capabilities.add("fs", fs); //$NON-NLS-1$
		capabilities.addProperty("terminal", false); //$NON-NLS-1$
		JsonObject clientInfo = new JsonObject();
		clientInfo.addProperty("name", "Chorus"); //$NON-NLS-1$ //$NON-NLS-2$
		clientInfo.addProperty("version", "0.1.0"); //$NON-NLS-1$ //$NON-NLS-2$
		JsonObject params = new JsonObject();
		params.addProperty("protocolVersion", PROTOCOL_VERSION); //$NON-NLS-1$
		params.add("clientCapabilities", capabilities); //$NON-NLS-1$
		params.add("clientInfo", clientInfo); //$NON-NLS-1$
		JsonObject result = await("initialize", peer.request("initialize", params), timeoutSeconds, monitor); //$NON-NLS-1$ //$NON-NLS-2$
		if (result.has("agentInfo") && result.get("agentInfo").isJsonObject()) { //$NON-NLS-1$ //$NON-NLS-2$
			agentInfo = result.getAsJsonObject("agentInfo"); //$NON-NLS-1$
		}
		initializeResult = result;
	}

	private JsonObject initializeResult = new JsonObject();

	private boolean canLoadSessions() {
		JsonElement capabilities = initializeResult.get("agentCapabilities"); //$NON-NLS-1$
		return capabilities != null && capabilities.isJsonObject() && capabilities.getAsJsonObject().has("loadSession") //$NON-NLS-1$
				&& capabilities.getAsJsonObject().get("loadSession").getAsBoolean(); //$NON-NLS-1$
	}

	private void openSession(String resumeId, int timeoutSeconds, IProgressMonitor monitor) throws BackendException {
		JsonObject params = new JsonObject();
		params.addProperty("cwd", workingDirectory.toAbsolutePath().toString()); //$NON-NLS-1$
		params.add("mcpServers", new JsonArray()); //$NON-NLS-1$
		if (resumeId != null && canLoadSessions()) {
			params.addProperty("sessionId", resumeId); //$NON-NLS-1$
			loading = true;
			try {
				await("session/load", peer.request("session/load", params), timeoutSeconds, monitor); //$NON-NLS-1$ //$NON-NLS-2$
				sessionId = resumeId;
				return;
			} catch (BackendException e) {
				// The agent no longer knows that session: start a new one below.
				params.remove("sessionId"); //$NON-NLS-1$
			} finally {
				loading = false;
			}
		}
		JsonObject result;
		try {
			result = await("session/new", peer.request("session/new", params), timeoutSeconds, monitor); //$NON-NLS-1$ //$NON-NLS-2$
		} catch (BackendException e) {
			JsonElement methods = initializeResult.get("authMethods"); //$NON-NLS-1$
			if (methods != null && methods.isJsonArray() && !methods.getAsJsonArray().isEmpty()) {
				throw new BackendException(NLS.bind(Messages.Error_AuthRequired, commandName, e.getMessage()),
						Messages.Error_AuthRequiredHint, e);
			}
			throw e;
		}
		sessionId = result.get("sessionId").getAsString(); //$NON-NLS-1$
	}

	/** Waits for a response, failing clearly on timeout, death of the agent, or cancellation. */
	private JsonObject await(String what, CompletableFuture<JsonElement> future, int timeoutSeconds, IProgressMonitor monitor)
			throws BackendException {
		long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(timeoutSeconds);
		while (true) {
			if (monitor != null && monitor.isCanceled()) {
				throw new BackendException(Messages.Error_Cancelled, null);
			}
			try {
				JsonElement result = future.get(50, TimeUnit.MILLISECONDS);
				return result != null && result.isJsonObject() ? result.getAsJsonObject() : new JsonObject();
			} catch (TimeoutException e) {
				if (System.nanoTime() > deadline) {
					throw new BackendException(NLS.bind(Messages.Error_NoAnswer, new Object[] { commandName, what, timeoutSeconds }),
							Messages.Error_NoAnswerHint);
				}
			} catch (InterruptedException e) {
				Thread.currentThread().interrupt();
				throw new BackendException(Messages.Error_Cancelled, null, e);
			} catch (ExecutionException e) {
				throw failure(what, e.getCause());
			}
		}
	}

	private BackendException failure(String what, Throwable cause) {
		if (cause instanceof JsonRpcPeer.RemoteError remote) {
			return new BackendException(NLS.bind(Messages.Error_Remote, new Object[] { commandName, what, remote.getMessage() }),
					null, remote);
		}
		String stderr = peer.stderrTail(8);
		String message = NLS.bind(Messages.Error_AgentGone, commandName, cause.getMessage());
		return new BackendException(stderr.isBlank() ? message : message + '\n' + stderr, Messages.Error_AgentGoneHint, cause);
	}

	@Override
	public StopReason prompt(List<HistoryMessage> history, String userText, ITurnSink turnSink, IProgressMonitor monitor)
			throws BackendException {
		if (peer.isClosed()) {
			throw failure("session/prompt", new IOException(peer.closedReason())); //$NON-NLS-1$
		}
		cancelRequested = false;
		sink = turnSink;
		turnSink.backendSessionId(sessionId);
		JsonObject text = new JsonObject();
		text.addProperty("type", "text"); //$NON-NLS-1$ //$NON-NLS-2$
		text.addProperty("text", userText); //$NON-NLS-1$
		JsonArray prompt = new JsonArray();
		prompt.add(text);
		JsonObject params = new JsonObject();
		params.addProperty("sessionId", sessionId); //$NON-NLS-1$
		params.add("prompt", prompt); //$NON-NLS-1$
		CompletableFuture<JsonElement> response = peer.request("session/prompt", params); //$NON-NLS-1$
		long cancelledAt = 0;
		try {
			while (true) {
				if ((monitor.isCanceled() || cancelRequested) && cancelledAt == 0) {
					cancelledAt = System.currentTimeMillis();
					sendCancel();
				}
				if (cancelledAt != 0 && System.currentTimeMillis() - cancelledAt > CANCEL_GRACE_MILLIS) {
					// The agent did not end its turn after session/cancel: stop it.
					close();
					return StopReason.CANCELLED;
				}
				try {
					JsonElement result = response.get(50, TimeUnit.MILLISECONDS);
					if (cancelledAt != 0) {
						return StopReason.CANCELLED;
					}
					return stopReason(result);
				} catch (TimeoutException e) {
					// Keep streaming updates; check cancellation again.
				} catch (ExecutionException e) {
					if (cancelledAt != 0) {
						return StopReason.CANCELLED;
					}
					throw failure("session/prompt", e.getCause()); //$NON-NLS-1$
				}
			}
		} catch (InterruptedException e) {
			Thread.currentThread().interrupt();
			sendCancel();
			return StopReason.CANCELLED;
		} finally {
			sink = null;
		}
	}

	private static StopReason stopReason(JsonElement result) {
		String reason = result != null && result.isJsonObject() && result.getAsJsonObject().has("stopReason") //$NON-NLS-1$
				? result.getAsJsonObject().get("stopReason").getAsString() //$NON-NLS-1$
				: "end_turn"; //$NON-NLS-1$
		return switch (reason) {
		case "max_tokens" -> StopReason.MAX_TOKENS; //$NON-NLS-1$
		case "max_turn_requests" -> StopReason.MAX_TURN_REQUESTS; //$NON-NLS-1$
		case "refusal" -> StopReason.REFUSAL; //$NON-NLS-1$
		case "cancelled" -> StopReason.CANCELLED; //$NON-NLS-1$
		default -> StopReason.END_TURN;
		};
	}

	private void sendCancel() {
		if (sessionId != null) {
			JsonObject params = new JsonObject();
			params.addProperty("sessionId", sessionId); //$NON-NLS-1$
			peer.notify("session/cancel", params); //$NON-NLS-1$
		}
	}

	@Override
	public void cancel() {
		cancelRequested = true;
		sendCancel();
	}

	// What the agent sends.

	@Override
	public void notification(String method, JsonObject params) {
		if (!"session/update".equals(method) || loading) { //$NON-NLS-1$
			return; // While a session loads, the agent replays history we already have.
		}
		ITurnSink target = sink;
		JsonElement update = params.get("update"); //$NON-NLS-1$
		if (target == null || update == null || !update.isJsonObject()) {
			return;
		}
		AcpUpdates.apply(update.getAsJsonObject(), target);
	}

	@Override
	public JsonElement request(String method, JsonObject params) throws JsonRpcPeer.RpcError {
		return switch (method) {
		case "session/request_permission" -> permission(params); //$NON-NLS-1$
		case "fs/read_text_file" -> readFile(params); //$NON-NLS-1$
		case "fs/write_text_file" -> writeFile(params); //$NON-NLS-1$
		default -> throw new JsonRpcPeer.RpcError(JsonRpcPeer.METHOD_NOT_FOUND, "Method not found: " + method); //$NON-NLS-1$
		};
	}

	private JsonElement permission(JsonObject params) {
		ITurnSink target = sink;
		ToolCall call = params.has("toolCall") ? AcpUpdates.toolCall(params.getAsJsonObject("toolCall")) : null; //$NON-NLS-1$ //$NON-NLS-2$
		List<PermissionRequest.Option> options = new ArrayList<>();
		if (params.has("options")) { //$NON-NLS-1$
			for (JsonElement element : params.getAsJsonArray("options")) { //$NON-NLS-1$
				JsonObject option = element.getAsJsonObject();
				options.add(new PermissionRequest.Option(option.get("optionId").getAsString(), //$NON-NLS-1$
						option.has("name") ? option.get("name").getAsString() : option.get("optionId").getAsString(), //$NON-NLS-1$ //$NON-NLS-2$ //$NON-NLS-3$
						option.has("kind") ? option.get("kind").getAsString() : null)); //$NON-NLS-1$ //$NON-NLS-2$
			}
		}
		Optional<String> chosen = target == null || cancelRequested ? Optional.empty()
				: target.requestPermission(new PermissionRequest(call, options));
		JsonObject outcome = new JsonObject();
		if (chosen.isPresent()) {
			outcome.addProperty("outcome", "selected"); //$NON-NLS-1$ //$NON-NLS-2$
			outcome.addProperty("optionId", chosen.get()); //$NON-NLS-1$
		} else {
			outcome.addProperty("outcome", "cancelled"); //$NON-NLS-1$ //$NON-NLS-2$
		}
		JsonObject result = new JsonObject();
		result.add("outcome", outcome); //$NON-NLS-1$
		return result;
	}

	/** Resolves a path the agent named, refusing anything outside the working directory (links included). */
	private Path confined(JsonObject params, boolean forWriting) throws JsonRpcPeer.RpcError {
		if (!params.has("path")) { //$NON-NLS-1$
			throw new JsonRpcPeer.RpcError(JsonRpcPeer.INVALID_PARAMS, "path is required"); //$NON-NLS-1$
		}
		try {
			Path root = workingDirectory.toRealPath();
			Path requested = root.resolve(params.get("path").getAsString()).normalize(); //$NON-NLS-1$
			Path checked = Files.exists(requested) ? requested.toRealPath()
					: forWriting && requested.getParent() != null && Files.isDirectory(requested.getParent())
							? requested.getParent().toRealPath().resolve(requested.getFileName())
							: requested;
			if (!checked.startsWith(root)) {
				throw new JsonRpcPeer.RpcError(JsonRpcPeer.INVALID_PARAMS,
						NLS.bind(Messages.Error_OutsideWorkingDirectory, params.get("path").getAsString(), root)); //$NON-NLS-1$
			}
			return checked;
		} catch (IOException e) {
			throw new JsonRpcPeer.RpcError(JsonRpcPeer.INTERNAL_ERROR, e.getMessage());
		}
	}

	private JsonElement readFile(JsonObject params) throws JsonRpcPeer.RpcError {
		Path file = confined(params, false);
		try {
			List<String> lines = Files.readAllLines(file, StandardCharsets.UTF_8);
			int from = params.has("line") && !params.get("line").isJsonNull() ? Math.max(0, params.get("line").getAsInt() - 1) : 0; //$NON-NLS-1$ //$NON-NLS-2$ //$NON-NLS-3$
			int limit = params.has("limit") && !params.get("limit").isJsonNull() ? params.get("limit").getAsInt() : Integer.MAX_VALUE; //$NON-NLS-1$ //$NON-NLS-2$ //$NON-NLS-3$
			List<String> slice = lines.subList(Math.min(from, lines.size()), (int) Math.min(lines.size(), (long) from + limit));
			JsonObject result = new JsonObject();
			result.addProperty("content", String.join("\n", slice)); //$NON-NLS-1$ //$NON-NLS-2$
			return result;
		} catch (IOException e) {
			throw new JsonRpcPeer.RpcError(JsonRpcPeer.INTERNAL_ERROR, NLS.bind(Messages.Error_ReadFailed, file, e.getMessage()));
		}
	}

	private JsonElement writeFile(JsonObject params) throws JsonRpcPeer.RpcError {
		Path file = confined(params, true);
		String relative = workingDirectory.toAbsolutePath().normalize().relativize(file).toString();
		ITurnSink target = sink;
		ToolCall call = new ToolCall("write-" + relative, NLS.bind(Messages.Permission_Write, relative), "edit", //$NON-NLS-1$ //$NON-NLS-2$
				ToolCall.STATUS_PENDING, null, null);
		List<PermissionRequest.Option> options = List.of(new PermissionRequest.Option("allow", Messages.Permission_Allow, "allow_once"), //$NON-NLS-1$ //$NON-NLS-2$
				new PermissionRequest.Option("reject", Messages.Permission_Reject, "reject_once")); //$NON-NLS-1$ //$NON-NLS-2$
		Optional<String> answer = target == null ? Optional.empty() : target.requestPermission(new PermissionRequest(call, options));
		if (answer.isEmpty() || !answer.get().equals("allow")) { //$NON-NLS-1$
			throw new JsonRpcPeer.RpcError(JsonRpcPeer.INVALID_PARAMS, NLS.bind(Messages.Error_WriteRefused, relative));
		}
		try {
			Files.writeString(file, params.get("content").getAsString(), StandardCharsets.UTF_8); //$NON-NLS-1$
			return JsonNull.INSTANCE;
		} catch (IOException e) {
			throw new JsonRpcPeer.RpcError(JsonRpcPeer.INTERNAL_ERROR, NLS.bind(Messages.Error_WriteFailed2, file, e.getMessage()));
		}
	}

	@Override
	public void closed(String reason) {
		// Pending requests fail with the reason; the next prompt reports it.
	}

	/** Ends the agent process: asked to stop, then forced; waited for, so no zombie is left. */
	@Override
	public void close() {
		peer.close(Messages.Error_Closed);
		try {
			process.getOutputStream().close();
		} catch (IOException e) {
			// Already gone.
		}
		process.descendants().forEach(ProcessHandle::destroy);
		process.destroy();
		try {
			if (!process.waitFor(2, TimeUnit.SECONDS)) {
				process.descendants().forEach(ProcessHandle::destroyForcibly);
				process.destroyForcibly();
				process.waitFor(5, TimeUnit.SECONDS);
			}
		} catch (InterruptedException e) {
			Thread.currentThread().interrupt();
			process.destroyForcibly();
		}
	}


}
