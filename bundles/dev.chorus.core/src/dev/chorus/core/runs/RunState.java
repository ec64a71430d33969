package dev.chorus.core.runs;

/** The life of a run. */
public enum RunState {
	/** Open and waiting for the user's next message. */
	IDLE,
	/** A turn is in flight: the backend is generating. */
	GENERATING,
	/** Closed: its turn (if any) was stopped and its backend released. Final. */
	CLOSED
}
