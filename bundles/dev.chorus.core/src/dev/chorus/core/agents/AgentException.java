package dev.chorus.core.agents;

/** A change to an agent that was refused or failed; nothing was stored. The message is for the user. */
public class AgentException extends Exception {

	private static final long serialVersionUID = 1L;

	public AgentException(String message) {
		super(message);
	}

	public AgentException(String message, Throwable cause) {
		super(message, cause);
	}
}
