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

	/**
	 * A run's agent changed a file: Chorus wrote it for the agent, or the agent reported a change
	 * it made itself (a completed tool call with a diff). For editors and workspaces to refresh.
	 */
	default void fileChanged(Run run, java.nio.file.Path file) {
	}

	/** A listener that runs the action on any change (views that simply refresh). */
	static IRunRegistryListener onAnyChange(Runnable action) {
		return new IRunRegistryListener() {
			@Override
			public void runOpened(Run run) {
				action.run();
			}

			@Override
			public void runClosed(Run run) {
				action.run();
			}

			@Override
			public void runStateChanged(Run run, RunState oldState, RunState newState) {
				action.run();
			}

			@Override
			public void runTitleChanged(Run run) {
				action.run();
			}
		};
	}
}
