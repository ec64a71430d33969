package dev.chorus.core.runs;

/** Receives the events of one run, in order, on the thread that produced them (usually the turn's job). */
@FunctionalInterface
public interface IRunListener {
	void handle(RunEvent event);

	/**
	 * Whether this listener has fallen behind: events it was handed have waited a while for the
	 * thread that shows them. The run then slows its stream a little, so that a stream faster than
	 * its reader leaves its tokens in the socket rather than starving that thread of the CPU.
	 */
	default boolean isBehind() {
		return false;
	}
}
