package dev.chorus.core.transcript;

import java.nio.file.Path;

/**
 * Something the user put into a message besides its text: a file, a part of a file (a selection),
 * or an image.
 *
 * @param kind what it is
 * @param name the name shown (a file's name, "image.png")
 * @param path the file's absolute path, or {@code null} for a pasted image
 * @param text the selected text of a {@link Kind#SELECTION}, else {@code null} (a file is read
 *        when the message is sent)
 * @param startLine the first line of a selection, from 1, else {@code null}
 * @param endLine the last line of a selection, else {@code null}
 * @param mimeType the image's type, for an {@link Kind#IMAGE}
 * @param data the image's bytes in Base64, for an {@link Kind#IMAGE}
 */
public record Attachment(Kind kind, String name, String path, String text, Integer startLine, Integer endLine, String mimeType,
		String data) {

	/** The largest image a message may hold, in bytes (before Base64). */
	public static final int MAX_IMAGE_BYTES = 5 * 1024 * 1024;

	/** What an attachment is. */
	public enum Kind {
		/** A whole file. */
		FILE,
		/** Lines of a file. */
		SELECTION,
		/** An image. */
		IMAGE
	}

	public static Attachment file(Path file) {
		Path absolute = file.toAbsolutePath().normalize();
		return new Attachment(Kind.FILE, String.valueOf(absolute.getFileName()), absolute.toString(), null, null, null, null, null);
	}

	public static Attachment selection(Path file, String text, int startLine, int endLine) {
		Path absolute = file.toAbsolutePath().normalize();
		return new Attachment(Kind.SELECTION, absolute.getFileName() + ":" + startLine + (endLine != startLine ? "-" + endLine : ""), //$NON-NLS-1$ //$NON-NLS-2$
				absolute.toString(), text, startLine, endLine, null, null);
	}

	/**
	 * An image.
	 *
	 * @throws IllegalArgumentException when it is larger than {@link #MAX_IMAGE_BYTES}
	 */
	public static Attachment image(String name, String mimeType, byte[] bytes) {
		if (bytes.length > MAX_IMAGE_BYTES) {
			throw new IllegalArgumentException(String.valueOf(bytes.length));
		}
		return new Attachment(Kind.IMAGE, name, null, null, null, null, mimeType, java.util.Base64.getEncoder().encodeToString(bytes));
	}

	/** The file's URI, for a file or a selection. */
	public String uri() {
		return path == null ? null : Path.of(path).toUri().toString();
	}
}
