package dev.chorus.discovery.hermes;

/** Something of the Hermes folder that cannot be read, with a message for the user. */
public class HermesException extends Exception {

	private static final long serialVersionUID = 1L;

	public HermesException(String message) {
		super(message);
	}

	public HermesException(String message, Throwable cause) {
		super(message, cause);
	}
}
