package dev.chorus.backend.acp.terminal;

import java.util.regex.Pattern;

/** Removes the terminal control sequences (colours, cursor moves) that programs print. */
public final class Ansi {

	/** CSI sequences, OSC sequences (ended by BEL or ST), two-character escapes, and carriage returns not before a newline. */
	private static final Pattern CONTROL = Pattern.compile(
			"\\u001B\\[[0-?]*[ -/]*[@-~]|\\u001B\\][^\\u0007\\u001B]*(?:\\u0007|\\u001B\\\\)|\\u001B[@-Z\\\\-_]|\\r(?!\\n)|[\\u0000-\\u0008\\u000B\\u000C\\u000E-\\u001A\\u001C-\\u001F]"); //$NON-NLS-1$

	private Ansi() {
	}

	public static String strip(String text) {
		return CONTROL.matcher(text).replaceAll(""); //$NON-NLS-1$
	}
}
