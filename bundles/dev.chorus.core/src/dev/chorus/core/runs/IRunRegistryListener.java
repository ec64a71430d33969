package dev.chorus.core.runs;

/**
 * Learns of runs opening, closing and changing state (the Sessions view's busy indicator). Called on
 * the thread of the change, often a job's: hand work to the UI thread yourself.
 */
public interface IRunRegistryListener {

	default void runOpened(Run run) {
	}

	default void runClosed(Run run) {
	}

	default void runStateChanged(Run run, RunState oldState, RunState newState) {
	}

	default void runTitleChanged(Run run) {
	}
}
