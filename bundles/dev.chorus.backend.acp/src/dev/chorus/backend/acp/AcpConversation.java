package dev.chorus.backend.acp;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import org.eclipse.core.runtime.IProgressMonitor;
import org.eclipse.core.runtime.NullProgressMonitor;
import org.eclipse.osgi.util.NLS;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;

import dev.chorus.core.backend.BackendException;
import dev.chorus.core.backend.ConfigOption;
import dev.chorus.core.backend.HistoryMessage;
import dev.chorus.core.backend.IConversation;
import dev.chorus.core.backend.ISessionSink;
import dev.chorus.core.backend.ITurnSink;
import dev.chorus.core.backend.PermissionRequest;
import dev.chorus.core.backend.StopReason;
import dev.chorus.core.transcript.Attachment;
import dev.chorus.core.transcript.Problem;
import dev.chorus.core.transcript.ToolCall;
import dev.chorus.core.rpc.JsonRpcPeer;

/**
 * One ACP session with an agent program: the process started, {@code initialize}d, logged in where
 * the agent asks for it, and a session created with {@code session/new} or taken up again with
 * {@code session/resume} or {@code session/load}. Turns are {@code session/prompt} requests; the
 * agent's {@code session/update} notifications stream into the turn's sink, or into the session's
 * sink for what belongs to the conversation (options, commands, usage, title), also between
 * turns. The agent's requests are served here: permissions, files confined to the session's
 * folder ({@link AcpFiles}) and terminals ({@link AcpTerminalRequests}).
 */
final class AcpConversation implements IConversation, JsonRpcPeer.Handler {

	static final int PROTOCOL_VERSION = 1;
	/** The error code with which an agent says it needs a login first. */
	static final int AUTH_REQUIRED = -32000;
	private static final long CANCEL_GRACE_MILLIS = 2000;

	private final Process process;
	private final JsonRpcPeer peer;
	private final AcpSettings settings;
	private final String commandName;
	private final ISessionSink session;
	private final AcpConfigOptions options;
	private final AcpFiles files;
	private final AcpTerminalRequests terminals;
	private volatile String sessionId;
	private volatile ITurnSink sink;
	private volatile boolean loading;
	/** Whether the history a load replays goes into the chat (it has none). */
	private volatile boolean replaying;
	private volatile boolean cancelRequested;
	private volatile AcpCapabilities capabilities = new AcpCapabilities(new JsonObject());

	private AcpConversation(Process process, AcpSettings settings, ISessionSink session) {
		this.process = process;
		this.settings = settings;
		this.commandName = settings.command().get(0);
		this.session = session;
		this.options = new AcpConfigOptions(session);
		this.files = new AcpFiles(settings.workingDirectory());
		this.terminals = new AcpTerminalRequests(files, settings.workingDirectory(), () -> sink);
		this.peer = new JsonRpcPeer(process, this, commandName);
	}

	/** Starts the agent, initializes it, and opens (or takes up again) a session. */
	static AcpConversation start(AcpSettings settings, String resumeSessionId, ISessionSink session, IProgressMonitor monitor)
			throws BackendException {
		return start(settings, resumeSessionId, session, monitor, true);
	}

	/** Starts the agent and initializes it; opens a session too when asked. */
	static AcpConversation start(AcpSettings settings, String resumeSessionId, ISessionSink session, IProgressMonitor monitor,
			boolean withSession) throws BackendException {
		Process process;
		try {
			ProcessBuilder builder = new ProcessBuilder(settings.command()).directory(settings.workingDirectory().toFile());
			builder.environment().putAll(settings.environment());
			process = builder.start();
		} catch (IOException e) {
			throw new BackendException(NLS.bind(Messages.Error_CannotStart, settings.command().get(0), e.getMessage()),
					Messages.Error_CannotStartHint, e);
		}
		AcpConversation conversation = new AcpConversation(process, settings, session);
		try {
			IProgressMonitor progress = monitor == null ? new NullProgressMonitor() : monitor;
			conversation.initialize(progress);
			if (withSession) {
				conversation.openSession(resumeSessionId, progress);
			}
			return conversation;
		} catch (BackendException | RuntimeException e) {
			conversation.close();
			throw e;
		}
	}

	/** The agent's name and version as it gave them in {@code initialize}, for Test Connection. */
	String describeAgent() {
		return capabilities.agentName(commandName);
	}

	String sessionId() {
		return sessionId;
	}

	Process process() {
		return process;
	}

	AcpCapabilities capabilities() {
		return capabilities;
	}

	private void initialize(IProgressMonitor monitor) throws BackendException {
		JsonObject result = await("initialize", peer.request("initialize", AcpCapabilities.initializeParams()), //$NON-NLS-1$ //$NON-NLS-2$
				settings.startTimeoutSeconds(), monitor);
		capabilities = new AcpCapabilities(result);
	}

	private void openSession(String resumeId, IProgressMonitor monitor) throws BackendException {
		if (resumeId != null && (capabilities.canResume() || capabilities.canLoad())) {
			// A chat without the history (a session imported from the agent) has it replayed by load.
			replaying = capabilities.canLoad() && session.wantsHistory();
			String method = capabilities.canResume() && !replaying ? "session/resume" : "session/load"; //$NON-NLS-1$ //$NON-NLS-2$
			JsonObject params = sessionParams();
			params.addProperty("sessionId", resumeId); //$NON-NLS-1$
			// While a session loads, the agent replays history Chorus has already.
			loading = true;
			try {
				JsonObject result = withLogin(method, params, monitor);
				sessionId = resumeId;
				options.fromSessionResult(result);
				return;
			} catch (BackendException e) {
				if (monitor.isCanceled()) {
					throw e;
				}
				// The agent no longer knows that session: a new one below.
			} finally {
				loading = false;
				replaying = false;
			}
		}
		JsonObject result = withLogin("session/new", sessionParams(), monitor); //$NON-NLS-1$
		String id = AcpUpdates.string(result, "sessionId"); //$NON-NLS-1$
		if (id == null) {
			throw new BackendException(NLS.bind(Messages.Error_NoSessionId, commandName), Messages.Error_AgentGoneHint);
		}
		sessionId = id;
		options.fromSessionResult(result);
	}

	private JsonObject sessionParams() {
		JsonObject params = new JsonObject();
		params.addProperty("cwd", settings.workingDirectory().toAbsolutePath().toString()); //$NON-NLS-1$
		params.add("mcpServers", settings.mcpServers().toJson(capabilities.mcpHttp())); //$NON-NLS-1$
		return params;
	}

	/**
	 * Sends a session request; when the agent answers that it needs a login and offers ways to log
	 * in, asks the user which, logs in with {@code authenticate}, and sends the request again.
	 */
	private JsonObject withLogin(String method, JsonObject params, IProgressMonitor monitor) throws BackendException {
		try {
			return await(method, peer.request(method, params), settings.startTimeoutSeconds(), monitor);
		} catch (BackendException e) {
			if (!(e.getCause() instanceof JsonRpcPeer.RemoteError remote)
					|| remote.code != AUTH_REQUIRED && capabilities.authMethods().isEmpty()) {
				throw e;
			}
			new AcpLogin(this, capabilities, session).logIn(remote, monitor);
			return await(method, peer.request(method, params), settings.startTimeoutSeconds(), monitor);
		}
	}

	/** Sends {@code authenticate} with the method the user chose; waits a few times the start timeout. */
	void authenticate(String methodId, IProgressMonitor monitor) throws BackendException {
		JsonObject params = new JsonObject();
		params.addProperty("methodId", methodId); //$NON-NLS-1$
		await("authenticate", peer.request("authenticate", params), settings.startTimeoutSeconds() * 4, monitor); //$NON-NLS-1$ //$NON-NLS-2$
	}

	String commandName() {
		return commandName;
	}

	/** Waits for a response, failing clearly on timeout, death of the agent, or cancellation. */
	private JsonObject await(String what, CompletableFuture<JsonElement> future, int timeoutSeconds, IProgressMonitor monitor)
			throws BackendException {
		long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(timeoutSeconds);
		while (true) {
			if (monitor != null && monitor.isCanceled()) {
				future.cancel(false);
				throw new BackendException(Messages.Error_Cancelled, null);
			}
			try {
				JsonElement result = future.get(50, TimeUnit.MILLISECONDS);
				return result != null && result.isJsonObject() ? result.getAsJsonObject() : new JsonObject();
			} catch (TimeoutException e) {
				if (System.nanoTime() > deadline) {
					future.cancel(false);
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
		return prompt(history, userText, List.of(), turnSink, monitor);
	}

	@Override
	public StopReason prompt(List<HistoryMessage> history, String userText, List<Attachment> attachments, ITurnSink turnSink,
			IProgressMonitor monitor) throws BackendException {
		if (peer.isClosed()) {
			throw failure("session/prompt", new IOException(peer.closedReason())); //$NON-NLS-1$
		}
		cancelRequested = false;
		files.turnStarted();
		sink = turnSink;
		turnSink.backendSessionId(sessionId);
		JsonArray prompt = AcpPrompt.blocks(userText, attachments, capabilities);
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
					return cancelledAt != 0 ? StopReason.CANCELLED : stopReason(result);
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
		String reason = result != null && result.isJsonObject() ? AcpUpdates.string(result.getAsJsonObject(), "stopReason") : null; //$NON-NLS-1$
		return switch (String.valueOf(reason)) {
		case "max_tokens" -> StopReason.MAX_TOKENS; //$NON-NLS-1$
		case "max_turn_requests" -> StopReason.MAX_TURN_REQUESTS; //$NON-NLS-1$
		case "refusal" -> StopReason.REFUSAL; //$NON-NLS-1$
		case "cancelled" -> StopReason.CANCELLED; //$NON-NLS-1$
		default -> StopReason.END_TURN;
		};
	}

	private void sendCancel() {
		// The commands of the turn end with it; the agent hears of it and answers its prompt.
		terminals.killAll();
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

	@Override
	public boolean canLogOut() {
		return capabilities.canLogOut();
	}

	@Override
	public void logOut(IProgressMonitor monitor) throws BackendException {
		if (!capabilities.canLogOut()) {
			IConversation.super.logOut(monitor);
		}
		await("logout", peer.request("logout", new JsonObject()), settings.startTimeoutSeconds(), monitor); //$NON-NLS-1$ //$NON-NLS-2$
	}

	/** {@code session/delete} where the agent offers it; nothing otherwise. */
	void deleteSession(String id, IProgressMonitor monitor) throws BackendException {
		if (capabilities.canDelete() && id != null) {
			JsonObject params = new JsonObject();
			params.addProperty("sessionId", id); //$NON-NLS-1$
			await("session/delete", peer.request("session/delete", params), settings.startTimeoutSeconds(), monitor); //$NON-NLS-1$ //$NON-NLS-2$
		}
	}

	/** The sessions the agent keeps for the folder ({@code session/list}, every page, at most 50 of them). */
	List<dev.chorus.core.backend.RemoteSession> listSessions(IProgressMonitor monitor) throws BackendException {
		if (!capabilities.canList()) {
			throw new BackendException(dev.chorus.core.CoreMessages.Backend_NoSessionList, null);
		}
		List<dev.chorus.core.backend.RemoteSession> found = new ArrayList<>();
		String cursor = null;
		for (int page = 0; page < 50; page++) {
			JsonObject params = new JsonObject();
			params.addProperty("cwd", settings.workingDirectory().toAbsolutePath().toString()); //$NON-NLS-1$
			if (cursor != null) {
				params.addProperty("cursor", cursor); //$NON-NLS-1$
			}
			JsonObject result = await("session/list", peer.request("session/list", params), settings.startTimeoutSeconds(), monitor); //$NON-NLS-1$ //$NON-NLS-2$
			JsonArray sessions = AcpUpdates.array(result, "sessions"); //$NON-NLS-1$
			if (sessions != null) {
				for (JsonElement element : sessions) {
					if (element.isJsonObject() && AcpUpdates.string(element.getAsJsonObject(), "sessionId") != null) { //$NON-NLS-1$
						JsonObject info = element.getAsJsonObject();
						found.add(new dev.chorus.core.backend.RemoteSession(AcpUpdates.string(info, "sessionId"), //$NON-NLS-1$
								AcpUpdates.string(info, "title"), AcpUpdates.string(info, "updatedAt"), AcpUpdates.string(info, "cwd"))); //$NON-NLS-1$ //$NON-NLS-2$ //$NON-NLS-3$
					}
				}
			}
			cursor = AcpUpdates.string(result, "nextCursor"); //$NON-NLS-1$
			if (cursor == null || found.size() >= 50) {
				break;
			}
		}
		return found;
	}

	@Override
	public void setConfigOption(String id, String value, IProgressMonitor monitor) throws BackendException {
		ConfigOption option = options.require(id, value);
		JsonObject params = new JsonObject();
		params.addProperty("sessionId", sessionId); //$NON-NLS-1$
		if (AcpConfigOptions.LEGACY_MODE_ID.equals(option.id())) {
			params.addProperty("modeId", value); //$NON-NLS-1$
			await("session/set_mode", peer.request("session/set_mode", params), settings.startTimeoutSeconds(), monitor); //$NON-NLS-1$ //$NON-NLS-2$
			options.modeSet(value);
			return;
		}
		params.addProperty("configId", id); //$NON-NLS-1$
		if (option.type() == ConfigOption.Type.BOOLEAN) {
			params.addProperty("type", "boolean"); //$NON-NLS-1$ //$NON-NLS-2$
			params.addProperty("value", Boolean.parseBoolean(value)); //$NON-NLS-1$
		} else {
			params.addProperty("value", value); //$NON-NLS-1$
		}
		options.setResult(await("session/set_config_option", peer.request("session/set_config_option", params), //$NON-NLS-1$ //$NON-NLS-2$
				settings.startTimeoutSeconds(), monitor));
	}

	// What the agent sends.

	@Override
	public void notification(String method, JsonObject params) {
		if (!"session/update".equals(method)) { //$NON-NLS-1$
			return;
		}
		JsonObject update = AcpUpdates.object(params, "update"); //$NON-NLS-1$
		if (update == null) {
			return;
		}
		String kind = AcpUpdates.string(update, "sessionUpdate"); //$NON-NLS-1$
		if (AcpUpdates.isSessionUpdate(kind)) {
			// These may come at any time, also before the session/new response and between turns.
			if (!options.update(update)) {
				AcpUpdates.applyToSession(update, session);
			}
			return;
		}
		if (loading) {
			if (replaying && ("user_message_chunk".equals(kind) || "agent_message_chunk".equals(kind))) { //$NON-NLS-1$ //$NON-NLS-2$
				JsonObject content = AcpUpdates.object(update, "content"); //$NON-NLS-1$
				String text = content == null ? null : AcpUpdates.blockText(content);
				if (text != null) {
					session.replayed("user_message_chunk".equals(kind), AcpUpdates.string(update, "messageId"), text); //$NON-NLS-1$ //$NON-NLS-2$
				}
			}
			return;
		}
		ITurnSink target = sink;
		if (target == null) {
			return;
		}
		if ("tool_call".equals(kind) || "tool_call_update".equals(kind)) { //$NON-NLS-1$ //$NON-NLS-2$
			if (AcpUpdates.string(update, "toolCallId") != null) { //$NON-NLS-1$
				ToolCall call = terminals.known(AcpUpdates.toolCall(update), update);
				target.toolCall(call);
				terminals.embedded(call);
			}
			return;
		}
		AcpUpdates.apply(update, target);
	}

	@Override
	public JsonElement request(String method, JsonObject params) throws JsonRpcPeer.RpcError {
		if (method.startsWith("terminal/")) { //$NON-NLS-1$
			return terminals.serve(method, params);
		}
		return switch (method) {
		case "session/request_permission" -> permission(params); //$NON-NLS-1$
		case "fs/read_text_file" -> files.read(params); //$NON-NLS-1$
		case "fs/write_text_file" -> files.write(params, sink, cancelRequested); //$NON-NLS-1$
		case "elicitation/create" -> AcpElicitation.answer(params, this::askUser); //$NON-NLS-1$
		default -> throw new JsonRpcPeer.RpcError(JsonRpcPeer.METHOD_NOT_FOUND, "Method not found: " + method); //$NON-NLS-1$
		};
	}

	@Override
	public void skipped(String what) {
		ITurnSink target = sink;
		if (target != null) {
			target.problem(new Problem(NLS.bind(Messages.Error_MessageSkipped, commandName, what), Messages.Error_MessageSkippedHint));
		}
	}

	/** A question in the turn where there is one, else in the chat between turns. */
	private Optional<String> askUser(PermissionRequest request) {
		ITurnSink target = sink;
		if (cancelRequested) {
			return Optional.empty();
		}
		return target != null ? target.requestPermission(request) : session.ask(request, new NullProgressMonitor());
	}

	private JsonElement permission(JsonObject params) {
		ITurnSink target = sink;
		JsonObject asked = AcpUpdates.object(params, "toolCall"); //$NON-NLS-1$
		ToolCall call = asked == null ? null : AcpUpdates.toolCall(asked);
		List<PermissionRequest.Option> choices = new ArrayList<>();
		JsonArray given = AcpUpdates.array(params, "options"); //$NON-NLS-1$
		if (given != null) {
			for (JsonElement element : given) {
				if (element.isJsonObject() && AcpUpdates.string(element.getAsJsonObject(), "optionId") != null) { //$NON-NLS-1$
					JsonObject option = element.getAsJsonObject();
					String id = AcpUpdates.string(option, "optionId"); //$NON-NLS-1$
					String name = AcpUpdates.string(option, "name"); //$NON-NLS-1$
					choices.add(new PermissionRequest.Option(id, name == null ? id : name, AcpUpdates.string(option, "kind"))); //$NON-NLS-1$
				}
			}
		}
		Optional<String> chosen = target == null || cancelRequested || choices.isEmpty() ? Optional.empty()
				: target.requestPermission(new PermissionRequest(call, choices));
		JsonObject outcome = new JsonObject();
		if (chosen.isPresent()) {
			outcome.addProperty("outcome", "selected"); //$NON-NLS-1$ //$NON-NLS-2$
			outcome.addProperty("optionId", chosen.get()); //$NON-NLS-1$
			files.answered(call, choices.stream().filter(option -> option.optionId().equals(chosen.get())).findFirst().orElse(null));
		} else {
			outcome.addProperty("outcome", "cancelled"); //$NON-NLS-1$ //$NON-NLS-2$
		}
		JsonObject result = new JsonObject();
		result.add("outcome", outcome); //$NON-NLS-1$
		return result;
	}

	@Override
	public void closed(String reason) {
		// Pending requests fail with the reason; the next prompt reports it.
	}

	/**
	 * Ends the session and the agent process: {@code session/close} where the agent offers it,
	 * every terminal of the session killed, the agent asked to stop, then forced; waited for, so no
	 * zombie is left.
	 */
	@Override
	public void close() {
		if (sessionId != null && capabilities.canClose() && !peer.isClosed()) {
			JsonObject params = new JsonObject();
			params.addProperty("sessionId", sessionId); //$NON-NLS-1$
			try {
				peer.request("session/close", params).get(500, TimeUnit.MILLISECONDS); //$NON-NLS-1$
			} catch (InterruptedException e) {
				Thread.currentThread().interrupt();
			} catch (ExecutionException | TimeoutException e) {
				// Closing anyway.
			}
		}
		terminals.close();
		peer.close(Messages.Error_Closed);
		dev.chorus.core.ProcessTrees.end(process, 2000);
	}

	/** The working directory of the session. */
	Path workingDirectory() {
		return settings.workingDirectory();
	}
}
