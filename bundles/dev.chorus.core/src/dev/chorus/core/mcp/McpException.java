package dev.chorus.core.mcp;

/** An MCP server could not be started or reached, or a call failed; the message says so for the user. */
public class McpException extends Exception {

	private static final long serialVersionUID = 1L;

	private final boolean cancelled;
	private final String detail;

	public McpException(String message) {
		this(message, false);
	}

	McpException(String message, boolean cancelled) {
		this(message, cancelled, null);
	}

	McpException(String message, boolean cancelled, String detail) {
		super(message);
		this.cancelled = cancelled;
		this.detail = detail;
	}

	/** What went wrong in the server's own words or the process's exit, without the sentence around it. */
	String detail() {
		return detail != null ? detail : getMessage();
	}

	/** Whether the call ended because the user stopped it. */
	public boolean isCancelled() {
		return cancelled;
	}
}
