package dev.chorus.core.rpc;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertNull;
import static org.junit.Assert.assertThrows;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

import org.junit.Test;

/** The server-sent events parser, fed byte arrays cut in every way a network cuts them. */
public class SseReaderTest {

	/** Hands out the bytes {@code step} at a time, as a slow network does. */
	private static InputStream trickle(byte[] bytes, int step) {
		return new InputStream() {
			private int at;

			@Override
			public int read() {
				return at < bytes.length ? bytes[at++] & 0xff : -1;
			}

			@Override
			public int read(byte[] into, int offset, int length) {
				if (at >= bytes.length) {
					return -1;
				}
				int count = Math.min(Math.min(step, length), bytes.length - at);
				System.arraycopy(bytes, at, into, offset, count);
				at += count;
				return count;
			}
		};
	}

	@Test
	public void lineEndsCommentsNamesAndMultiLineDataWhateverTheReadSizes() throws IOException {
		String stream = ": a comment\r\n" + "data: {\"a\":1}\r\n\r\n" // CRLF
				+ "event: ping\rdata: one\rdata: two\r\r" // CR alone
				+ "data:no space\n\n" // LF, no space after the colon
				+ "data: caf\u00e9 \u2014 \ud83d\ude00\n\n" // UTF-8 of several bytes
				+ "data: last without a blank line";
		byte[] bytes = stream.getBytes(StandardCharsets.UTF_8);
		for (int step : new int[] { 1, 2, 3, 7, 64, bytes.length }) {
			SseReader reader = new SseReader(trickle(bytes, step));
			assertEquals("step " + step, new SseReader.Event("message", "{\"a\":1}"), reader.next());
			assertEquals("step " + step, new SseReader.Event("ping", "one\ntwo"), reader.next());
			assertEquals("step " + step, new SseReader.Event("message", "no space"), reader.next());
			assertEquals("step " + step, new SseReader.Event("message", "caf\u00e9 \u2014 \ud83d\ude00"), reader.next());
			assertEquals("step " + step, new SseReader.Event("message", "last without a blank line"), reader.next());
			assertNull(reader.next());
		}
	}

	@Test
	public void aLineOfExactlyTheLimitIsReadAndOneByteMoreFails() throws IOException {
		byte[] longest = new byte[SseReader.MAX_LINE];
		Arrays.fill(longest, (byte) 'x');
		System.arraycopy("data:".getBytes(StandardCharsets.US_ASCII), 0, longest, 0, 5);
		byte[] stream = Arrays.copyOf(longest, longest.length + 2);
		stream[longest.length] = '\n';
		stream[longest.length + 1] = '\n';
		assertEquals(SseReader.MAX_LINE - 5, new SseReader(new ByteArrayInputStream(stream)).next().data().length());

		byte[] tooLong = Arrays.copyOf(longest, longest.length + 1);
		tooLong[longest.length] = 'x';
		assertThrows(SseReader.LineTooLongException.class, () -> new SseReader(trickle(tooLong, 4096)).next());
	}
}
