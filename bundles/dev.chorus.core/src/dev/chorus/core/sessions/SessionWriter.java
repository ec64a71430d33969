package dev.chorus.core.sessions;

import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

import com.google.gson.Gson;
import com.google.gson.GsonBuilder;
import com.google.gson.JsonObject;

import dev.chorus.core.transcript.TranscriptEntry;

/**
 * Appends a session's events to its file as they happen: each event one line, handed to the
 * operating system at once (so a killed process loses at most the line in flight), forced to disk
 * when a turn ends. Thread-safe.
 */
public final class SessionWriter implements AutoCloseable {

	private static final Gson GSON = new GsonBuilder().disableHtmlEscaping().create();

	private final SessionStore store;
	private final String sessionId;
	private final FileChannel channel;

	SessionWriter(SessionStore store, String sessionId, Path file) throws IOException {
		this.store = store;
		this.sessionId = sessionId;
		this.channel = FileChannel.open(file, StandardOpenOption.WRITE, StandardOpenOption.APPEND);
		endBrokenLine(file);
	}

	/** A crash may have left the last line without its end: start on a line of our own. */
	private void endBrokenLine(Path file) throws IOException {
		try (RandomAccessFile raf = new RandomAccessFile(file.toFile(), "r")) { //$NON-NLS-1$
			long length = raf.length();
			if (length > 0) {
				raf.seek(length - 1);
				if (raf.read() != '\n') {
					channel.write(ByteBuffer.wrap(new byte[] { '\n' }));
				}
			}
		}
	}

	public String getSessionId() {
		return sessionId;
	}

	public void add(TranscriptEntry entry) throws IOException {
		JsonObject event = EntryCodec.encode(entry);
		event.addProperty("e", "add"); //$NON-NLS-1$ //$NON-NLS-2$
		write(event);
		store.touched(sessionId, entry, false);
	}

	public void append(int index, String delta) throws IOException {
		JsonObject event = new JsonObject();
		event.addProperty("e", "append"); //$NON-NLS-1$ //$NON-NLS-2$
		event.addProperty("i", index); //$NON-NLS-1$
		event.addProperty("d", delta); //$NON-NLS-1$
		write(event);
	}

	public void update(TranscriptEntry entry) throws IOException {
		JsonObject event = EntryCodec.encode(entry);
		event.addProperty("e", "update"); //$NON-NLS-1$ //$NON-NLS-2$
		write(event);
		store.touched(sessionId, entry, true);
	}

	public void title(String title) throws IOException {
		JsonObject event = new JsonObject();
		event.addProperty("e", "title"); //$NON-NLS-1$ //$NON-NLS-2$
		event.addProperty("title", title); //$NON-NLS-1$
		write(event);
		store.titled(sessionId, title);
	}

	public void backendSessionId(String id) throws IOException {
		JsonObject event = new JsonObject();
		event.addProperty("e", "backend"); //$NON-NLS-1$ //$NON-NLS-2$
		event.addProperty("id", id); //$NON-NLS-1$
		write(event);
		store.backendChanged(sessionId, id);
	}

	/** The user chose a value for one of the options the agent offers; applied again on resume. */
	public void configChoice(String id, String value) throws IOException {
		JsonObject event = new JsonObject();
		event.addProperty("e", "config"); //$NON-NLS-1$ //$NON-NLS-2$
		event.addProperty("id", id); //$NON-NLS-1$
		event.addProperty("value", value); //$NON-NLS-1$
		write(event);
	}

	public void clear() throws IOException {
		JsonObject event = new JsonObject();
		event.addProperty("e", "clear"); //$NON-NLS-1$ //$NON-NLS-2$
		write(event);
		store.cleared(sessionId);
	}

	/** Forces what was written to disk; called when a turn ends. */
	public synchronized void sync() throws IOException {
		if (channel.isOpen()) {
			channel.force(false);
		}
		store.saveSummary(sessionId);
	}

	private synchronized void write(JsonObject event) throws IOException {
		byte[] line = (GSON.toJson(event) + '\n').getBytes(StandardCharsets.UTF_8);
		ByteBuffer buffer = ByteBuffer.wrap(line);
		while (buffer.hasRemaining()) {
			channel.write(buffer);
		}
	}

	@Override
	public synchronized void close() throws IOException {
		if (channel.isOpen()) {
			channel.force(false);
			channel.close();
			store.saveSummary(sessionId);
		}
	}
}
