package dev.chorus.core.runs;

/** Receives the events of one run, in order, on the thread that produced them (usually the turn's job). */
@FunctionalInterface
public interface IRunListener {
	void handle(RunEvent event);
}
