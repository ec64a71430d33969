package dev.chorus.core.transcript;

/**
 * A change to one file that a tool call made or proposes (ACP tool-call content of type
 * {@code diff}).
 *
 * @param path the file's path as the agent gave it (absolute in ACP)
 * @param oldText the text before, or {@code null} for a new file
 * @param newText the text after
 * @param truncated whether the texts were cut to {@link #MAX_CHARS} to keep memory and the session
 *        file bounded (the change is then shown only in part)
 */
public record FileDiff(String path, String oldText, String newText, boolean truncated) {

	/** The most of each side Chorus keeps of one diff. */
	public static final int MAX_CHARS = 2 * 1024 * 1024;

	/** A diff whose texts are cut to {@link #MAX_CHARS} each, marked truncated when they were. */
	public static FileDiff bounded(String path, String oldText, String newText) {
		boolean cut = oldText != null && oldText.length() > MAX_CHARS || newText != null && newText.length() > MAX_CHARS;
		return new FileDiff(path, cut(oldText), cut(newText) == null ? "" : cut(newText), cut); //$NON-NLS-1$
	}

	private static String cut(String text) {
		return text == null || text.length() <= MAX_CHARS ? text : text.substring(0, MAX_CHARS);
	}

	/** Whether this is a new file. */
	public boolean isNewFile() {
		return oldText == null;
	}
}
