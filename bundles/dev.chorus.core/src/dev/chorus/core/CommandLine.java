package dev.chorus.core;

import java.util.ArrayList;
import java.util.List;

/**
 * A command line as the user types it (an agent's, an MCP server's): split into program
 * and arguments the way a POSIX shell does for quotes and backslashes, and joined back with quotes
 * where a word needs them.
 */
public final class CommandLine {

	private CommandLine() {
	}

	/**
	 * The words of the line.
	 *
	 * @throws IllegalArgumentException when a quote is not closed
	 */
	public static List<String> split(String line) {
		List<String> words = new ArrayList<>();
		StringBuilder word = new StringBuilder();
		boolean inWord = false;
		char quote = 0;
		for (int i = 0; i < line.length(); i++) {
			char c = line.charAt(i);
			if (quote == '\'') {
				if (c == '\'') {
					quote = 0;
				} else {
					word.append(c);
				}
			} else if (quote == '"') {
				if (c == '"') {
					quote = 0;
				} else if (c == '\\' && i + 1 < line.length() && "\"\\$`".indexOf(line.charAt(i + 1)) >= 0) { //$NON-NLS-1$
					word.append(line.charAt(++i));
				} else {
					word.append(c);
				}
			} else if (c == '\'' || c == '"') {
				quote = c;
				inWord = true;
			} else if (c == '\\' && i + 1 < line.length()) {
				word.append(line.charAt(++i));
				inWord = true;
			} else if (Character.isWhitespace(c)) {
				if (inWord) {
					words.add(word.toString());
					word.setLength(0);
					inWord = false;
				}
			} else {
				word.append(c);
				inWord = true;
			}
		}
		if (quote != 0) {
			throw new IllegalArgumentException(CoreMessages.CommandLine_UnclosedQuote);
		}
		if (inWord) {
			words.add(word.toString());
		}
		return words;
	}

	/** The words as one line that {@link #split(String)} reads back into the same words. */
	public static String join(List<String> words) {
		StringBuilder line = new StringBuilder();
		for (String word : words) {
			if (!line.isEmpty()) {
				line.append(' ');
			}
			if (!word.isEmpty() && word.chars().allMatch(c -> Character.isLetterOrDigit(c) || "-_./:=@%+,~".indexOf(c) >= 0)) { //$NON-NLS-1$
				line.append(word);
			} else {
				line.append('\'').append(word.replace("'", "'\\''")).append('\''); //$NON-NLS-1$ //$NON-NLS-2$
			}
		}
		return line.toString();
	}
}
