package dev.chorus.backend.acp.terminal;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * The output of a command, keeping only its last {@code limit} bytes: when more arrives, the
 * oldest bytes go, and the kept part starts on a whole UTF-8 character (the ACP
 * {@code outputByteLimit} rule). Thread-safe.
 */
final class BoundedOutput {

	private final int limit;
	private byte[] bytes = new byte[256];
	private int length;
	private boolean truncated;
	private long version;

	BoundedOutput(int limit) {
		this.limit = Math.max(0, limit);
	}

	synchronized void write(byte[] data, int offset, int count) {
		if (count <= 0) {
			return;
		}
		version++;
		if (count >= limit) {
			// The new data alone fills the limit: keep its end.
			truncated |= length > 0 || count > limit;
			System.arraycopy(data, offset + count - limit, ensure(limit), 0, limit);
			length = limit;
		} else {
			int overflow = length + count - limit;
			if (overflow > 0) {
				System.arraycopy(bytes, overflow, bytes, 0, length - overflow);
				length -= overflow;
				truncated = true;
			}
			System.arraycopy(data, offset, ensure(length + count), length, count);
			length += count;
		}
		if (truncated) {
			dropPartialCharacter();
		}
	}

	/** After cutting from the start, the first bytes may be the middle of a character: drop them. */
	private void dropPartialCharacter() {
		int skip = 0;
		while (skip < length && skip < 3 && (bytes[skip] & 0xC0) == 0x80) {
			skip++;
		}
		if (skip > 0) {
			System.arraycopy(bytes, skip, bytes, 0, length - skip);
			length -= skip;
		}
	}

	private byte[] ensure(int capacity) {
		if (bytes.length < capacity) {
			bytes = Arrays.copyOf(bytes, Math.max(capacity, Math.min(limit, bytes.length * 2)));
		}
		return bytes;
	}

	synchronized String text() {
		return new String(bytes, 0, length, StandardCharsets.UTF_8);
	}

	synchronized boolean isTruncated() {
		return truncated;
	}

	/** Grows with every write, so a reader can tell whether anything changed. */
	synchronized long version() {
		return version;
	}
}
