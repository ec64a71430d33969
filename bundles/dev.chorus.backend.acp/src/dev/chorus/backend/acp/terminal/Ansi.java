package dev.chorus.backend.acp.terminal;

import java.util.regex.Pattern;

/** Removes the terminal control sequences (colours, cursor moves) that programs print. */
public final class Ansi {

	/** CSI sequences, OSC sequences (ended by BEL or ST), two-character escapes, other control characters. */
	private static final Pattern CONTROL = Pattern.compile(
			"\\u001B\\[[0-?]*[ -/]*[@-~]|\\u001B\\][^\\u0007\\u001B]*(?:\\u0007|\\u001B\\\\)|\\u001B[@-Z\\\\-_]|[\\u0000-\\u0008\\u000B\\u000C\\u000E-\\u001A\\u001C-\\u001F]"); //$NON-NLS-1$

	private Ansi() {
	}

	/**
	 * The text as a terminal would leave it: escapes removed, line ends as {@code \n}, and a line
	 * that a carriage return went back over (a progress bar) showing what was written last.
	 */
	public static String strip(String text) {
		String plain = CONTROL.matcher(text).replaceAll(""); //$NON-NLS-1$
		if (plain.indexOf('\r') < 0) {
			return plain;
		}
		StringBuilder result = new StringBuilder(plain.length());
		for (String line : plain.split("\n", -1)) { //$NON-NLS-1$
			String kept = line.endsWith("\r") ? line.substring(0, line.length() - 1) : line; //$NON-NLS-1$
			int back = kept.lastIndexOf('\r');
			result.append(back < 0 ? kept : kept.substring(back + 1)).append('\n');
		}
		return result.substring(0, result.length() - 1);
	}
}
