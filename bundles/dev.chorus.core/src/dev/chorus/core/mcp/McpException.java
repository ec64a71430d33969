package dev.chorus.core.mcp;

/** An MCP server could not be started or reached, or a call failed; the message says so for the user. */
public class McpException extends Exception {

	private static final long serialVersionUID = 1L;

	private final boolean cancelled;

	public McpException(String message) {
		this(message, false);
	}

	McpException(String message, boolean cancelled) {
		super(message);
		this.cancelled = cancelled;
	}

	/** Whether the call ended because the user stopped it. */
	public boolean isCancelled() {
		return cancelled;
	}
}
