package dev.chorus.backend.acp.terminal;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;

/**
 * The terminals of one ACP session. Ends them all when the turn is cancelled or the chat closes,
 * so an agent's commands never outlive its chat.
 */
public final class Terminals {

	/** The most output kept of one command when the agent sets no limit, or a larger one. */
	public static final int MAX_OUTPUT_BYTES = 4 * 1024 * 1024;
	/** How many commands of one session may exist at once. */
	public static final int MAX_TERMINALS = 32;

	private final Map<String, TerminalProcess> terminals = new ConcurrentHashMap<>();
	private final AtomicInteger ids = new AtomicInteger();
	private final Consumer<TerminalProcess> changed;

	/** @param changed told whenever a terminal printed something or ended (on its reader thread) */
	public Terminals(Consumer<TerminalProcess> changed) {
		this.changed = changed;
	}

	/**
	 * Starts a command.
	 *
	 * @throws IOException when it cannot be started
	 * @throws IllegalStateException when the session has too many terminals
	 */
	public TerminalProcess create(String command, List<String> args, Map<String, String> env, Path cwd, Long outputByteLimit)
			throws IOException {
		return create(command, args, env, cwd, outputByteLimit, null);
	}

	/** @param shown the command line as the user reads it, or {@code null} for the command and its arguments */
	public TerminalProcess create(String command, List<String> args, Map<String, String> env, Path cwd, Long outputByteLimit,
			String shown) throws IOException {
		if (terminals.size() >= MAX_TERMINALS) {
			throw new IllegalStateException(String.valueOf(MAX_TERMINALS));
		}
		int limit = outputByteLimit == null || outputByteLimit > MAX_OUTPUT_BYTES ? MAX_OUTPUT_BYTES : outputByteLimit.intValue();
		String id = "term-" + ids.incrementAndGet(); //$NON-NLS-1$
		TerminalProcess[] self = new TerminalProcess[1];
		TerminalProcess terminal = TerminalProcess.start(id, command, args, env, cwd, limit, shown, () -> {
			if (self[0] != null) {
				changed.accept(self[0]);
			}
		});
		self[0] = terminal;
		terminals.put(id, terminal);
		changed.accept(terminal);
		return terminal;
	}

	/** The terminal, or {@code null} if there is none of that id (never made, or released). */
	public TerminalProcess get(String id) {
		return id == null ? null : terminals.get(id);
	}

	/** Kills the command if it still runs and forgets the terminal. */
	public void release(String id) {
		TerminalProcess terminal = terminals.remove(id);
		if (terminal != null) {
			terminal.kill();
		}
	}

	/** Kills every command still running; the terminals stay for the agent to read. */
	public void killAll() {
		terminals.values().forEach(TerminalProcess::kill);
	}

	/** Kills every command and forgets every terminal. */
	public void releaseAll() {
		for (String id : List.copyOf(terminals.keySet())) {
			release(id);
		}
	}
}
