package dev.chorus.core.agents;

/** An avatar image that was refused, with why; the previous avatar stays. */
public class AvatarException extends AgentException {

	private static final long serialVersionUID = 1L;

	/** Why an image was refused. */
	public enum Reason {
		/** The file is larger than Chorus reads for an avatar. */
		FILE_TOO_LARGE,
		/** The image declares more pixels than Chorus decodes (a decompression bomb, or just huge). */
		TOO_MANY_PIXELS,
		/** Not an image in a format Chorus reads, or a damaged or truncated one. */
		NOT_AN_IMAGE,
		/** The file could not be read or the result could not be written. */
		IO
	}

	private final Reason reason;

	public AvatarException(Reason reason, String message, Throwable cause) {
		super(message, cause);
		this.reason = reason;
	}

	public Reason getReason() {
		return reason;
	}
}
