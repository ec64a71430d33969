package dev.chorus.core.secrets;

/** Secure storage could not be read or written (no master password given, a broken keyring...). */
public class SecretStoreException extends RuntimeException {

	private static final long serialVersionUID = 1L;

	public SecretStoreException(String message, Throwable cause) {
		super(message, cause);
	}
}
