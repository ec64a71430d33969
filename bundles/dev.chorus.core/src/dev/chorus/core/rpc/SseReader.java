package dev.chorus.core.rpc;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;

/**
 * Reads server-sent events: {@code data:} lines (several joined by newlines), {@code event:}
 * names, comments starting with {@code :}, LF, CRLF or CR line ends, an event dispatched at each
 * blank line. Lines longer than {@link #MAX_LINE} fail instead of filling memory. A small parser
 * rather than a library: the format is a few rules, and the libraries that implement it bring an
 * HTTP client with them.
 */
public final class SseReader {

	public static final int MAX_LINE = 1024 * 1024;

	/** One event: its name ({@code message} unless given) and data. */
	public record Event(String name, String data) {
	}

	/** A line longer than {@link #MAX_LINE}. */
	public static final class LineTooLongException extends IOException {
		private static final long serialVersionUID = 1L;

		LineTooLongException() {
			super("line longer than " + MAX_LINE + " bytes"); //$NON-NLS-1$ //$NON-NLS-2$
		}
	}

	private final InputStream in;
	/** Bytes read from the stream and not yet scanned: buffer[position, limit). */
	private final byte[] buffer = new byte[16 * 1024];
	private int position;
	private int limit;
	/** The line being read, when it spans more than one read. */
	private byte[] line = new byte[256];
	private int lineLength;
	private boolean pendingCr;

	public SseReader(InputStream in) {
		this.in = in;
	}

	/** The next event, or {@code null} at the end of the stream. */
	public Event next() throws IOException {
		StringBuilder data = null;
		String name = null;
		while (true) {
			String text = readLine();
			if (text == null) {
				return data == null ? null : new Event(name == null ? "message" : name, data.toString()); //$NON-NLS-1$
			}
			if (text.isEmpty()) {
				if (data != null) {
					return new Event(name == null ? "message" : name, data.toString()); //$NON-NLS-1$
				}
				name = null;
				continue;
			}
			if (text.charAt(0) == ':') {
				continue;
			}
			int colon = text.indexOf(':');
			String field = colon < 0 ? text : text.substring(0, colon);
			String value = colon < 0 ? "" : text.substring(colon + 1); //$NON-NLS-1$
			if (value.startsWith(" ")) { //$NON-NLS-1$
				value = value.substring(1);
			}
			if ("data".equals(field)) { //$NON-NLS-1$
				data = data == null ? new StringBuilder(value) : data.append('\n').append(value);
			} else if ("event".equals(field)) { //$NON-NLS-1$
				name = value;
			}
		}
	}

	/**
	 * The next line without its end, or {@code null} at the end of the stream. Scans a buffer
	 * rather than reading byte by byte: a fast server sends hundreds of thousands of lines a second.
	 */
	private String readLine() throws IOException {
		lineLength = 0;
		while (true) {
			if (position == limit) {
				limit = in.read(buffer, 0, buffer.length);
				position = 0;
				if (limit <= 0) {
					limit = 0;
					pendingCr = false;
					return lineLength == 0 ? null : new String(line, 0, lineLength, StandardCharsets.UTF_8);
				}
			}
			if (pendingCr) {
				pendingCr = false;
				if (buffer[position] == '\n') {
					position++;
					continue;
				}
			}
			int start = position;
			while (position < limit && buffer[position] != '\n' && buffer[position] != '\r') {
				position++;
			}
			keep(start, position - start);
			if (position < limit) {
				pendingCr = buffer[position] == '\r';
				position++;
				return new String(line, 0, lineLength, StandardCharsets.UTF_8);
			}
		}
	}

	/** Adds bytes of the buffer to the line, refusing lines longer than {@link #MAX_LINE}. */
	private void keep(int from, int length) throws IOException {
		if (lineLength + length > MAX_LINE) {
			throw new LineTooLongException();
		}
		if (lineLength + length > line.length) {
			line = java.util.Arrays.copyOf(line, Math.min(MAX_LINE, Math.max(line.length * 2, lineLength + length)));
		}
		System.arraycopy(buffer, from, line, lineLength, length);
		lineLength += length;
	}
}
