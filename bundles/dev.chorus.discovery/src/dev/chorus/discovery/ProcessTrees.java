package dev.chorus.discovery;

import java.util.List;
import java.util.concurrent.TimeUnit;

/** Ends a process with every process it started, politely first, then for good. */
final class ProcessTrees {

	private ProcessTrees() {
	}

	static void end(Process process) {
		// Children first, taken before the parent goes: once it is gone they belong to init.
		List<ProcessHandle> descendants = process.descendants().toList();
		descendants.forEach(ProcessHandle::destroy);
		process.destroy();
		try {
			if (!process.waitFor(500, TimeUnit.MILLISECONDS)) {
				process.destroyForcibly();
				process.waitFor(500, TimeUnit.MILLISECONDS);
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
