package dev.chorus.backend.openai;

import java.util.Set;

import com.google.gson.JsonElement;
import com.google.gson.JsonObject;

import dev.chorus.core.transcript.ToolCall;

/** A tool call the model streams, assembled from its fragments: id and name first, arguments in pieces. */
final class ToolCallBuffer {
	private final int index;
	private String id;
	private String name;
	private final StringBuilder arguments = new StringBuilder();
	private String transcriptId;
	private final Set<String> callIds;

	/** @param callIds the transcript ids of the conversation's calls so far, shared by its buffers */
	ToolCallBuffer(int index, Set<String> callIds) {
		this.index = index;
		this.callIds = callIds;
	}

	void add(JsonObject fragment) {
		if (fragment.has("id") && !fragment.get("id").isJsonNull()) { //$NON-NLS-1$ //$NON-NLS-2$
			id = fragment.get("id").getAsString(); //$NON-NLS-1$
		}
		JsonElement function = fragment.get("function"); //$NON-NLS-1$
		if (function != null && function.isJsonObject()) {
			String fragmentName = string(function.getAsJsonObject(), "name"); //$NON-NLS-1$
			if (fragmentName != null && !fragmentName.isEmpty()) {
				name = fragmentName;
			}
			String args = string(function.getAsJsonObject(), "arguments"); //$NON-NLS-1$
			if (args != null) {
				arguments.append(args);
			}
		}
	}

	/** The id the model gave the call (answered with), or one made up when it gave none. */
	String modelId() {
		return id != null ? id : "call-" + index; //$NON-NLS-1$
	}

	String name() {
		return name == null ? Messages.ToolCall_Unnamed : name;
	}

	String arguments() {
		return arguments.toString();
	}

	/**
	 * The call's id in the transcript: the model's, unless an earlier call of the conversation
	 * had it (some servers number calls afresh in every answer).
	 */
	private String transcriptId() {
		if (transcriptId == null && id != null) {
			String candidate = modelId();
			for (int n = 2; !callIds.add(candidate); n++) {
				candidate = modelId() + '-' + n;
			}
			transcriptId = candidate;
		}
		return transcriptId != null ? transcriptId : modelId();
	}

	ToolCall snapshot(String status) {
		return new ToolCall(transcriptId(), name(), "function", status, //$NON-NLS-1$
				arguments.toString(), null);
	}

	private static String string(JsonObject json, String key) {
		JsonElement element = json.get(key);
		return element == null || element.isJsonNull() ? null : element.getAsString();
	}
}
