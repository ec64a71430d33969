package dev.chorus.backend.openai;

import java.io.ByteArrayOutputStream;
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
final class SseReader {

	static final int MAX_LINE = 1024 * 1024;

	/** One event: its name ({@code message} unless given) and data. */
	record Event(String name, String data) {
	}

	/** A line longer than {@link #MAX_LINE}. */
	static final class LineTooLongException extends IOException {
		private static final long serialVersionUID = 1L;

		LineTooLongException() {
			super("line longer than " + MAX_LINE + " bytes"); //$NON-NLS-1$ //$NON-NLS-2$
		}
	}

	private final InputStream in;
	private final ByteArrayOutputStream line = new ByteArrayOutputStream(256);
	private boolean pendingCr;

	SseReader(InputStream in) {
		this.in = in instanceof java.io.BufferedInputStream ? in : new java.io.BufferedInputStream(in, 16 * 1024);
	}

	/** The next event, or {@code null} at the end of the stream. */
	Event next() throws IOException {
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

	private String readLine() throws IOException {
		line.reset();
		while (true) {
			int b = in.read();
			if (b < 0) {
				pendingCr = false;
				return line.size() == 0 ? null : finish();
			}
			if (pendingCr) {
				pendingCr = false;
				if (b == '\n') {
					continue;
				}
			}
			if (b == '\n') {
				return finish();
			}
			if (b == '\r') {
				pendingCr = true;
				return finish();
			}
			if (line.size() >= MAX_LINE) {
				throw new LineTooLongException();
			}
			line.write(b);
		}
	}

	private String finish() {
		return line.toString(StandardCharsets.UTF_8);
	}
}
