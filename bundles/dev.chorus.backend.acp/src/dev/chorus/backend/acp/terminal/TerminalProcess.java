package dev.chorus.backend.acp.terminal;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * One command an agent runs through {@code terminal/create}: started in the session's folder with
 * its arguments and environment, stdout and stderr merged as a terminal shows them, its output
 * kept up to a byte limit. Plain pipes rather than a pseudo-terminal (pty4j): ACP terminals take
 * no input, so a pty would only add native code to the product and colour codes to strip; a
 * program that insists on a terminal still runs, in its non-interactive mode.
 */
public final class TerminalProcess {

	/** What ended the command. */
	public record Exit(Integer exitCode, String signal) {
	}

	private final String id;
	private final String commandLine;
	private final Process process;
	private final BoundedOutput output;
	private final CountDownLatch drained = new CountDownLatch(1);
	private volatile String killedWith;
	private final Runnable changed;

	private TerminalProcess(String id, String commandLine, Process process, int outputLimit, Runnable changed) {
		this.id = id;
		this.commandLine = commandLine;
		this.process = process;
		this.output = new BoundedOutput(outputLimit);
		this.changed = changed;
	}

	/**
	 * Starts the command.
	 *
	 * @param changed told (on the reader thread) whenever output arrives and when the command ends
	 * @throws IOException when the program cannot be started
	 */
	static TerminalProcess start(String id, String command, List<String> args, Map<String, String> env, Path cwd,
			int outputLimit, String shown, Runnable changed) throws IOException {
		List<String> commandLine = new ArrayList<>();
		commandLine.add(command);
		commandLine.addAll(args);
		ProcessBuilder builder = new ProcessBuilder(commandLine).directory(cwd.toFile()).redirectErrorStream(true);
		builder.environment().putAll(env);
		Process process = builder.start();
		process.getOutputStream().close();
		TerminalProcess terminal = new TerminalProcess(id, shown != null ? shown : String.join(" ", commandLine), process, //$NON-NLS-1$
				outputLimit, changed);
		Thread reader = new Thread(terminal::read, "Chorus terminal " + id); //$NON-NLS-1$
		reader.setDaemon(true);
		reader.start();
		return terminal;
	}

	private void read() {
		byte[] buffer = new byte[8192];
		try (InputStream in = process.getInputStream()) {
			int count;
			while ((count = in.read(buffer)) >= 0) {
				output.write(buffer, 0, count);
				changed.run();
			}
		} catch (IOException e) {
			// The process is gone; what it printed is kept.
		} finally {
			try {
				process.waitFor();
			} catch (InterruptedException e) {
				Thread.currentThread().interrupt();
			}
			drained.countDown();
			changed.run();
		}
	}

	public String id() {
		return id;
	}

	public String commandLine() {
		return commandLine;
	}

	public String output() {
		return output.text();
	}

	public boolean isTruncated() {
		return output.isTruncated();
	}

	long version() {
		return output.version();
	}

	/** How the command ended, or {@code null} while it runs (or its last output is still being read). */
	public Exit exit() {
		if (drained.getCount() > 0) {
			return null;
		}
		if (killedWith != null) {
			return new Exit(null, killedWith);
		}
		int code = process.exitValue();
		// Killed by a signal from elsewhere: the JDK reports 128 + the signal's number.
		return code > 128 && code < 160 ? new Exit(null, signalName(code - 128)) : new Exit(code, null);
	}

	private static String signalName(int number) {
		return switch (number) {
		case 1 -> "SIGHUP"; //$NON-NLS-1$
		case 2 -> "SIGINT"; //$NON-NLS-1$
		case 9 -> "SIGKILL"; //$NON-NLS-1$
		case 15 -> "SIGTERM"; //$NON-NLS-1$
		default -> "SIG" + number; //$NON-NLS-1$
		};
	}

	/** Waits until the command ended and its output is read; returns how it ended. */
	public Exit waitForExit() throws InterruptedException {
		drained.await();
		return exit();
	}

	/** Waits at most the given time; returns how it ended, or {@code null} if it still runs. */
	public Exit waitForExit(long timeout, TimeUnit unit) throws InterruptedException {
		return drained.await(timeout, unit) ? exit() : null;
	}

	/** Ends the command and every process it started: asked first, then forced. */
	public void kill() {
		if (!process.isAlive() && process.descendants().findAny().isEmpty()) {
			return;
		}
		if (exit() == null) {
			killedWith = "SIGTERM"; //$NON-NLS-1$
		}
		List<ProcessHandle> tree = new ArrayList<>(process.descendants().toList());
		tree.forEach(ProcessHandle::destroy);
		process.destroy();
		try {
			if (!process.waitFor(1, TimeUnit.SECONDS)) {
				if (killedWith != null) {
					killedWith = "SIGKILL"; //$NON-NLS-1$
				}
			}
		} catch (InterruptedException e) {
			Thread.currentThread().interrupt();
		}
		// Children that outlived their parent or ignored the polite signal.
		tree.addAll(process.descendants().toList());
		tree.forEach(ProcessHandle::destroyForcibly);
		process.destroyForcibly();
	}

	public boolean isAlive() {
		return process.isAlive();
	}
}
