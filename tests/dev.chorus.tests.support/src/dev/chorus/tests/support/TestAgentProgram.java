package dev.chorus.tests.support;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The Agent Client Protocol agent that tests run as a real child process: {@code agent/TestAgent.java}
 * in this bundle, a JDK-only program started with the JDK's source launcher.
 */
public final class TestAgentProgram {

	private TestAgentProgram() {
	}

	/** Copies the agent's source into the folder; returns the file to give to {@code java}. */
	public static Path copyTo(Path folder) throws IOException {
		Path program = folder.resolve("TestAgent.java");
		try (InputStream source = TestAgentProgram.class.getResourceAsStream("/agent/TestAgent.java")) {
			if (source == null) {
				throw new IOException("agent/TestAgent.java is missing from dev.chorus.tests.support");
			}
			Files.write(program, source.readAllBytes());
		}
		return program;
	}

	/**
	 * The command line that starts the agent with a scenario, logging what it receives to the log
	 * file, with the Java that runs the tests.
	 */
	public static String commandLine(Path program, String scenario, Path log) {
		String java = ProcessHandle.current().info().command().orElse("java");
		return "'" + java + "' '" + program + "' " + scenario + " '" + log + "'";
	}
}
