package dev.chorus.core.backend;

import java.util.List;

import dev.chorus.core.transcript.ToolCall;

/**
 * An agent asks the user for permission, typically before a tool call (ACP
 * {@code session/request_permission}).
 *
 * @param toolCall the call the permission is for
 * @param options the choices, in the agent's order
 * @param form what the user fills in or opens before choosing, or {@code null} for a plain question
 */
public record PermissionRequest(ToolCall toolCall, List<Option> options, Form form) {

	/** A plain question. */
	public PermissionRequest(ToolCall toolCall, List<Option> options) {
		this(toolCall, options, null);
	}

	/**
	 * One choice.
	 *
	 * @param optionId the id the agent gave it
	 * @param name the label to show
	 * @param kind {@code allow_once}, {@code allow_always}, {@code reject_once} or {@code reject_always}
	 */
	public record Option(String optionId, String name, String kind) {
		public boolean isAllow() {
			return kind != null && kind.startsWith("allow"); //$NON-NLS-1$
		}
	}
}
