package dev.chorus.core.backend;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import org.eclipse.osgi.util.NLS;

import dev.chorus.core.CoreMessages;
import dev.chorus.core.transcript.Attachment;

/**
 * Attachments as text, for backends that take text only: each file or selection as a fenced
 * block under its path, images named (their pixels cannot go as text).
 */
public final class AttachmentText {

	/** The most of one file put into a message. */
	public static final int MAX_FILE_CHARS = 256 * 1024;

	private AttachmentText() {
	}

	public static String inline(String text, List<Attachment> attachments) {
		if (attachments == null || attachments.isEmpty()) {
			return text;
		}
		StringBuilder message = new StringBuilder(text);
		for (Attachment attachment : attachments) {
			message.append("\n\n"); //$NON-NLS-1$
			switch (attachment.kind()) {
			case IMAGE -> message.append(NLS.bind(CoreMessages.Attachment_ImageLeftOut, attachment.name()));
			case SELECTION -> message.append(attachment.path()).append(" (").append(NLS.bind(CoreMessages.Attachment_Lines, //$NON-NLS-1$
					attachment.startLine(), attachment.endLine())).append(")\n```\n").append(attachment.text()).append("\n```"); //$NON-NLS-1$ //$NON-NLS-2$
			case FILE -> message.append(attachment.path()).append("\n```\n").append(read(attachment)).append("\n```"); //$NON-NLS-1$ //$NON-NLS-2$
			}
		}
		return message.toString();
	}

	/** A file's text as it is now, cut to {@link #MAX_FILE_CHARS}; what went wrong otherwise. */
	public static String read(Attachment attachment) {
		try {
			Path file = Path.of(attachment.path());
			if (Files.size(file) > 4L * MAX_FILE_CHARS) {
				return NLS.bind(CoreMessages.Attachment_TooLarge, attachment.path());
			}
			String text = Files.readString(file, StandardCharsets.UTF_8);
			return text.length() <= MAX_FILE_CHARS ? text : text.substring(0, MAX_FILE_CHARS) + '\u2026';
		} catch (IOException | RuntimeException e) {
			return NLS.bind(CoreMessages.Attachment_Unreadable, attachment.path(), e.getMessage());
		}
	}
}
