package dev.chorus.backend.acp;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

import org.eclipse.osgi.util.NLS;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;

import dev.chorus.backend.acp.terminal.Ansi;
import dev.chorus.backend.acp.terminal.TerminalProcess;
import dev.chorus.backend.acp.terminal.Terminals;
import dev.chorus.core.backend.ITurnSink;
import dev.chorus.core.transcript.TerminalOutput;
import dev.chorus.core.transcript.ToolCall;
import dev.chorus.core.rpc.JsonRpcPeer;

/**
 * Serves an agent's {@code terminal/*} requests and shows each terminal's output live in the tool
 * call that embeds it, at most every {@value #REPAINT_MILLIS} ms and once more when it ends.
 */
final class AcpTerminalRequests {

	static final long REPAINT_MILLIS = 150;
	/** The most of a terminal's output shown in the transcript (its end); the agent gets its own limit. */
	static final int SHOWN_CHARS = 64 * 1024;

	private final Terminals terminals = new Terminals(this::changed);
	private final AcpFiles files;
	private final Path workingDirectory;
	private final Supplier<ITurnSink> sink;
	/** The tool call each terminal shows in, once the agent embedded it. */
	private final Map<String, String> toolCalls = new ConcurrentHashMap<>();
	private final Map<String, Long> shownAt = new ConcurrentHashMap<>();
	private final Map<String, Boolean> repaintPending = new ConcurrentHashMap<>();
	/** The output of commands an agent ran itself and reported in {@code _meta}, by tool call. */
	private final Map<String, StringBuilder> foreignOutput = new ConcurrentHashMap<>();
	private final ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor(runnable -> {
		Thread thread = new Thread(runnable, "Chorus ACP terminal output"); //$NON-NLS-1$
		thread.setDaemon(true);
		return thread;
	});

	AcpTerminalRequests(AcpFiles files, Path workingDirectory, Supplier<ITurnSink> sink) {
		this.files = files;
		this.workingDirectory = workingDirectory;
		this.sink = sink;
	}

	JsonElement serve(String method, JsonObject params) throws JsonRpcPeer.RpcError {
		if ("terminal/create".equals(method)) { //$NON-NLS-1$
			return create(params);
		}
		String id = AcpUpdates.string(params, "terminalId"); //$NON-NLS-1$
		TerminalProcess terminal = terminals.get(id);
		if (terminal == null) {
			throw new JsonRpcPeer.RpcError(JsonRpcPeer.INVALID_PARAMS, NLS.bind(Messages.Error_NoSuchTerminal, id));
		}
		return switch (method) {
		case "terminal/output" -> output(terminal); //$NON-NLS-1$
		case "terminal/wait_for_exit" -> waitForExit(terminal); //$NON-NLS-1$
		case "terminal/kill" -> { //$NON-NLS-1$
			terminal.kill();
			yield new JsonObject();
		}
		case "terminal/release" -> { //$NON-NLS-1$
			terminals.release(id);
			show(terminal);
			yield new JsonObject();
		}
		default -> throw new JsonRpcPeer.RpcError(JsonRpcPeer.METHOD_NOT_FOUND, "Method not found: " + method); //$NON-NLS-1$
		};
	}

	private JsonElement create(JsonObject params) throws JsonRpcPeer.RpcError {
		String command = AcpUpdates.string(params, "command"); //$NON-NLS-1$
		if (command == null || command.isBlank()) {
			throw new JsonRpcPeer.RpcError(JsonRpcPeer.INVALID_PARAMS, "command is required"); //$NON-NLS-1$
		}
		List<String> args = new ArrayList<>();
		JsonArray given = AcpUpdates.array(params, "args"); //$NON-NLS-1$
		if (given != null) {
			for (JsonElement arg : given) {
				args.add(arg.isJsonPrimitive() ? arg.getAsString() : String.valueOf(arg));
			}
		}
		Map<String, String> env = new LinkedHashMap<>();
		JsonArray variables = AcpUpdates.array(params, "env"); //$NON-NLS-1$
		if (variables != null) {
			for (JsonElement variable : variables) {
				if (variable.isJsonObject() && AcpUpdates.string(variable.getAsJsonObject(), "name") != null) { //$NON-NLS-1$
					env.put(AcpUpdates.string(variable.getAsJsonObject(), "name"), //$NON-NLS-1$
							String.valueOf(AcpUpdates.string(variable.getAsJsonObject(), "value"))); //$NON-NLS-1$
				}
			}
		}
		Path cwd = workingDirectory;
		String folder = AcpUpdates.string(params, "cwd"); //$NON-NLS-1$
		if (folder != null) {
			try {
				cwd = files.resolve(folder);
			} catch (IllegalArgumentException | IOException e) {
				throw new JsonRpcPeer.RpcError(JsonRpcPeer.INVALID_PARAMS, NLS.bind(Messages.Error_OutsideWorkingDirectory, folder, workingDirectory));
			}
		}
		JsonElement limit = params.get("outputByteLimit"); //$NON-NLS-1$
		Long bytes = limit != null && limit.isJsonPrimitive() && limit.getAsJsonPrimitive().isNumber() ? limit.getAsLong() : null;
		String shown = null;
		if (args.isEmpty() && needsShell(command)) {
			shown = command;
			// A whole shell line in "command" (as some agents send): run it as a shell would.
			boolean windows = System.getProperty("os.name", "").startsWith("Windows"); //$NON-NLS-1$ //$NON-NLS-2$ //$NON-NLS-3$
			args = windows ? List.of("/c", command) : List.of("-c", command); //$NON-NLS-1$ //$NON-NLS-2$
			command = windows ? "cmd.exe" : "/bin/sh"; //$NON-NLS-1$ //$NON-NLS-2$
		}
		try {
			TerminalProcess terminal = terminals.create(command, args, env, cwd, bytes, shown);
			JsonObject result = new JsonObject();
			result.addProperty("terminalId", terminal.id()); //$NON-NLS-1$
			return result;
		} catch (IllegalStateException e) {
			throw new JsonRpcPeer.RpcError(JsonRpcPeer.INVALID_PARAMS, NLS.bind(Messages.Error_TooManyTerminals, Terminals.MAX_TERMINALS));
		} catch (IOException e) {
			throw new JsonRpcPeer.RpcError(JsonRpcPeer.INTERNAL_ERROR, NLS.bind(Messages.Error_TerminalFailed, command, e.getMessage()));
		}
	}

	/** Whether a command without arguments is a shell line rather than a program's name. */
	static boolean needsShell(String command) {
		if (!command.matches(".*[\\s|&;<>()$`*?'\"].*")) { //$NON-NLS-1$
			return false;
		}
		try {
			return !java.nio.file.Files.isExecutable(Path.of(command));
		} catch (java.nio.file.InvalidPathException e) {
			return true;
		}
	}

	private static JsonElement output(TerminalProcess terminal) {
		JsonObject result = new JsonObject();
		result.addProperty("output", terminal.output()); //$NON-NLS-1$
		result.addProperty("truncated", terminal.isTruncated()); //$NON-NLS-1$
		TerminalProcess.Exit exit = terminal.exit();
		if (exit != null) {
			result.add("exitStatus", exitStatus(exit)); //$NON-NLS-1$
		}
		return result;
	}

	private static JsonElement waitForExit(TerminalProcess terminal) throws JsonRpcPeer.RpcError {
		try {
			return exitStatus(terminal.waitForExit());
		} catch (InterruptedException e) {
			Thread.currentThread().interrupt();
			throw new JsonRpcPeer.RpcError(JsonRpcPeer.INTERNAL_ERROR, Messages.Error_Cancelled);
		}
	}

	private static JsonObject exitStatus(TerminalProcess.Exit exit) {
		JsonObject status = new JsonObject();
		status.addProperty("exitCode", exit.exitCode()); //$NON-NLS-1$
		status.addProperty("signal", exit.signal()); //$NON-NLS-1$
		return status;
	}

	/**
	 * The call as it can be shown: a terminal Chorus never created (some agents run commands
	 * themselves and still name a terminal) is left out, its output shown as the call's output
	 * where the agent put it in {@code _meta.terminal_output}.
	 */
	ToolCall known(ToolCall call, JsonObject update) {
		if (call.terminal() == null) {
			// Later updates of a call with a terminal Chorus does not run carry its output in _meta only.
			return foreignOutput.containsKey(call.id()) ? withoutTerminal(call, update) : call;
		}
		if (terminals.get(call.terminal().terminalId()) != null || toolCalls.containsKey(call.terminal().terminalId())) {
			return call;
		}
		return withoutTerminal(call, update);
	}

	/**
	 * A call whose terminal Chorus does not run: some agents put its output in
	 * {@code _meta.terminal_output} (a string, or an object with {@code data}) and its end in
	 * {@code _meta.terminal_exit}; the output is gathered per call and shown as the call's output.
	 */
	private ToolCall withoutTerminal(ToolCall call, JsonObject update) {
		JsonObject meta = AcpUpdates.object(update, "_meta"); //$NON-NLS-1$
		String output = call.output();
		if (meta != null) {
			JsonObject chunk = AcpUpdates.object(meta, "terminal_output"); //$NON-NLS-1$
			String data = chunk != null ? AcpUpdates.string(chunk, "data") : AcpUpdates.string(meta, "terminal_output"); //$NON-NLS-1$ //$NON-NLS-2$
			if (data != null) {
				StringBuilder gathered = foreignOutput.computeIfAbsent(call.id(), id -> new StringBuilder());
				synchronized (gathered) {
					if (gathered.length() < SHOWN_CHARS) {
						gathered.append(data);
					}
					output = Ansi.strip(gathered.toString());
				}
			}
			JsonObject exit = AcpUpdates.object(meta, "terminal_exit"); //$NON-NLS-1$
			String code = exit == null ? null : AcpUpdates.string(exit, "exit_code"); //$NON-NLS-1$
			if (code != null) {
				output = (output == null ? "" : output + '\n') + NLS.bind(Messages.Terminal_ExitCode, code); //$NON-NLS-1$
			}
		}
		return new ToolCall(call.id(), call.title(), call.toolKind(), call.status(), call.input(), output, call.diffs(),
				call.locations(), null);
	}

	/** A tool call (or its update) named a terminal: from now on it shows that terminal's output. */
	void embedded(ToolCall call) {
		if (call.terminal() != null && call.id() != null) {
			toolCalls.put(call.terminal().terminalId(), call.id());
			TerminalProcess terminal = terminals.get(call.terminal().terminalId());
			if (terminal != null) {
				show(terminal);
			}
		}
	}

	private void changed(TerminalProcess terminal) {
		if (!toolCalls.containsKey(terminal.id())) {
			return;
		}
		long now = System.currentTimeMillis();
		long last = shownAt.getOrDefault(terminal.id(), 0L);
		if (terminal.exit() != null || now - last >= REPAINT_MILLIS) {
			show(terminal);
		} else if (repaintPending.putIfAbsent(terminal.id(), Boolean.TRUE) == null) {
			timer.schedule(() -> {
				repaintPending.remove(terminal.id());
				show(terminal);
			}, REPAINT_MILLIS - (now - last), TimeUnit.MILLISECONDS);
		}
	}

	private void show(TerminalProcess terminal) {
		String toolCall = toolCalls.get(terminal.id());
		ITurnSink target = sink.get();
		if (toolCall == null || target == null) {
			return;
		}
		shownAt.put(terminal.id(), System.currentTimeMillis());
		String text = Ansi.strip(terminal.output());
		boolean cut = terminal.isTruncated() || text.length() > SHOWN_CHARS;
		if (text.length() > SHOWN_CHARS) {
			text = text.substring(text.length() - SHOWN_CHARS);
		}
		TerminalProcess.Exit exit = terminal.exit();
		target.toolCall(new ToolCall(toolCall, null, null, null, null, null, null, null, new TerminalOutput(terminal.id(),
				terminal.commandLine(), text, cut, exit == null ? null : exit.exitCode(), exit == null ? null : exit.signal(), exit == null)));
	}

	/** The turn was cancelled: every command it started ends. */
	void killAll() {
		terminals.killAll();
	}

	/** The session ends: every command ends and every terminal is forgotten. */
	void close() {
		terminals.releaseAll();
		timer.shutdownNow();
	}
}
