package dev.chorus.core;

import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Ends a process with every process it started, politely first, then for good, and waits for it:
 * no zombie and no orphan is left (agents, their adapters, the programs a probe starts).
 */
public final class ProcessTrees {

	private ProcessTrees() {
	}

	/** @param grace how long the process may take to end after being asked, before it is forced */
	public static void end(Process process, long graceMillis) {
		// Children first, taken before the parent goes: once it is gone they belong to init.
		List<ProcessHandle> descendants = process.descendants().toList();
		descendants.forEach(ProcessHandle::destroy);
		process.destroy();
		try {
			if (!process.waitFor(graceMillis, TimeUnit.MILLISECONDS)) {
				process.destroyForcibly();
				process.waitFor(Math.max(500, graceMillis), TimeUnit.MILLISECONDS);
			}
		} catch (InterruptedException e) {
			process.destroyForcibly();
			Thread.currentThread().interrupt();
		}
		for (ProcessHandle child : descendants) {
			if (child.isAlive()) {
				child.destroyForcibly();
			}
		}
		try {
			process.getInputStream().close();
			process.getOutputStream().close();
			process.getErrorStream().close();
		} catch (java.io.IOException e) {
			// Closing pipes of a process that is gone.
		}
	}
}
