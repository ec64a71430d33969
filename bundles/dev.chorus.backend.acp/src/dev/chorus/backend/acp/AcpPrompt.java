package dev.chorus.backend.acp;

import java.util.List;

import org.eclipse.osgi.util.NLS;

import com.google.gson.JsonArray;
import com.google.gson.JsonObject;

import dev.chorus.core.backend.AttachmentText;
import dev.chorus.core.transcript.Attachment;

/**
 * A user message as ACP prompt content blocks: the text, then each attachment in the richest form
 * the agent's {@code promptCapabilities} allow: files and selections embedded as {@code resource}
 * blocks where it takes embedded context (else files as {@code resource_link}, selections as
 * text), images as {@code image} blocks where it takes images (else named in the text).
 */
final class AcpPrompt {

	private AcpPrompt() {
	}

	static JsonArray blocks(String userText, List<Attachment> attachments, AcpCapabilities capabilities) {
		JsonArray prompt = new JsonArray();
		prompt.add(text(userText));
		boolean embedded = capabilities.prompt("embeddedContext"); //$NON-NLS-1$
		boolean images = capabilities.prompt("image"); //$NON-NLS-1$
		for (Attachment attachment : attachments) {
			switch (attachment.kind()) {
			case FILE -> prompt.add(embedded ? resource(attachment.uri(), AttachmentText.read(attachment)) : link(attachment));
			case SELECTION -> prompt.add(embedded
					? resource(attachment.uri() + "#L" + attachment.startLine() + ':' + attachment.endLine(), attachment.text()) //$NON-NLS-1$
					: text(AttachmentText.inline("", List.of(attachment)).strip())); //$NON-NLS-1$
			case IMAGE -> {
				if (images) {
					JsonObject image = new JsonObject();
					image.addProperty("type", "image"); //$NON-NLS-1$ //$NON-NLS-2$
					image.addProperty("mimeType", attachment.mimeType()); //$NON-NLS-1$
					image.addProperty("data", attachment.data()); //$NON-NLS-1$
					prompt.add(image);
				} else {
					prompt.add(text(NLS.bind(Messages.Prompt_NoImages, attachment.name())));
				}
			}
			}
		}
		return prompt;
	}

	private static JsonObject text(String text) {
		JsonObject block = new JsonObject();
		block.addProperty("type", "text"); //$NON-NLS-1$ //$NON-NLS-2$
		block.addProperty("text", text); //$NON-NLS-1$
		return block;
	}

	private static JsonObject link(Attachment attachment) {
		JsonObject block = new JsonObject();
		block.addProperty("type", "resource_link"); //$NON-NLS-1$ //$NON-NLS-2$
		block.addProperty("uri", attachment.uri()); //$NON-NLS-1$
		block.addProperty("name", attachment.name()); //$NON-NLS-1$
		return block;
	}

	private static JsonObject resource(String uri, String text) {
		JsonObject resource = new JsonObject();
		resource.addProperty("uri", uri); //$NON-NLS-1$
		resource.addProperty("mimeType", "text/plain"); //$NON-NLS-1$ //$NON-NLS-2$
		resource.addProperty("text", text); //$NON-NLS-1$
		JsonObject block = new JsonObject();
		block.addProperty("type", "resource"); //$NON-NLS-1$ //$NON-NLS-2$
		block.add("resource", resource); //$NON-NLS-1$
		return block;
	}
}
