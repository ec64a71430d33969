package dev.chorus.core.transcript;

/** Whether an entry is still being written, and how it ended. */
public enum EntryState {
	/** The backend is still streaming into this entry. */
	STREAMING,
	/** The entry is whole. */
	COMPLETE,
	/** The user stopped the run while this entry was streaming; it holds what arrived. */
	STOPPED,
	/** The turn failed while this entry was streaming; it holds what arrived. */
	FAILED
}
