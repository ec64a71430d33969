package dev.chorus.core.transcript;

/**
 * What a terminal embedded in a tool call has shown so far: the command, its output (the last
 * part only when it was long) and, once it ended, how.
 *
 * @param terminalId the agent's id of the terminal
 * @param command the command line, for the header
 * @param output the output, ANSI escapes removed
 * @param truncated whether earlier output was dropped to keep it bounded
 * @param exitCode the exit code once the command ended, else {@code null}
 * @param signal the signal that ended it, else {@code null}
 * @param running whether the command is still running
 */
public record TerminalOutput(String terminalId, String command, String output, boolean truncated, Integer exitCode,
		String signal, boolean running) {

	public TerminalOutput {
		output = output == null ? "" : output; //$NON-NLS-1$
	}

	/** A terminal known only by its id (the tool call named it before Chorus saw its output). */
	public static TerminalOutput named(String terminalId) {
		return new TerminalOutput(terminalId, null, "", false, null, null, true); //$NON-NLS-1$
	}
}
