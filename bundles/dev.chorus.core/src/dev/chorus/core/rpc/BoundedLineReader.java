package dev.chorus.core.rpc;

import java.io.IOException;
import java.io.Reader;

/**
 * Reads lines of at most a given length without ever holding more: a longer line is read to its
 * end and thrown away, and only its length is told. {@code BufferedReader.readLine} would build a
 * flooding agent's 100 MB line in memory before anyone could look at it.
 */
public final class BoundedLineReader {

	/** A line, or the length of one too long to keep ({@code text} then {@code null}). */
	public record Line(String text, long skippedChars) {
	}

	private final Reader in;
	private final int maxChars;
	private final char[] buffer = new char[64 * 1024];
	private int position;
	private int limit;

	public BoundedLineReader(Reader in, int maxChars) {
		this.in = in;
		this.maxChars = maxChars;
	}

	/** The next line without its end, or {@code null} at the end of the stream. */
	public Line next() throws IOException {
		StringBuilder line = new StringBuilder();
		long length = 0;
		boolean any = false;
		while (true) {
			if (position == limit) {
				limit = in.read(buffer, 0, buffer.length);
				position = 0;
				if (limit <= 0) {
					limit = 0;
					return any ? finish(line, length) : null;
				}
			}
			any = true;
			int start = position;
			while (position < limit && buffer[position] != '\n') {
				position++;
			}
			int count = position - start;
			if (length + count <= maxChars) {
				line.append(buffer, start, count);
			} else if (line.length() > 0) {
				line.setLength(0);
				line.trimToSize();
			}
			length += count;
			if (position < limit) {
				position++; // the newline
				return finish(line, length);
			}
		}
	}

	private Line finish(StringBuilder line, long length) {
		if (length > maxChars) {
			return new Line(null, length);
		}
		int end = line.length();
		if (end > 0 && line.charAt(end - 1) == '\r') {
			line.setLength(end - 1);
		}
		return new Line(line.toString(), 0);
	}
}
