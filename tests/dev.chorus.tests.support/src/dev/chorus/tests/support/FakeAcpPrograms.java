package dev.chorus.tests.support;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;

/**
 * Programs named like ACP agents, for a temporary PATH: small POSIX shell scripts, run as real
 * child processes. Each leaves a {@code <name>.child.pid} (a child it started, to prove that the
 * whole process tree is ended) and {@code <name>.request} (the first line it read) beside itself.
 */
public final class FakeAcpPrograms {

	private FakeAcpPrograms() {
	}

	/**
	 * A program that answers {@code initialize} when started with the flag, and exits with an
	 * error for any other first argument, as a CLI does for an unknown flag.
	 */
	public static Path answering(Path folder, String name, String flag, String agentName, String version) throws IOException {
		String check = flag.isEmpty() ? "" : "[ \"$1\" = '" + flag + "' ] || { echo \"unknown argument: $1\" >&2; exit 2; }\n";
		String response = "{\"jsonrpc\":\"2.0\",\"id\":1,\"result\":{\"protocolVersion\":1,\"agentCapabilities\":{\"loadSession\":false},"
				+ "\"authMethods\":[],\"agentInfo\":{\"name\":\"" + agentName + "\",\"version\":\"" + version + "\"}}}";
		return write(folder, name, check + common(name) + "IFS= read -r line\nprintf '%s\\n' \"$line\" > \"$here/" + name
				+ ".request\"\necho 'starting up' >&2\nprintf '%s\\n' '" + response + "'\nwait\n");
	}

	/** A program that reads its input and never answers. */
	public static Path silent(Path folder, String name) throws IOException {
		return write(folder, name, common(name) + "IFS= read -r line\nwait\n");
	}

	private static String common(String name) {
		return "here=$(dirname \"$0\")\nsleep 120 &\necho $! > \"$here/" + name + ".child.pid\"\n";
	}

	private static Path write(Path folder, String name, String body) throws IOException {
		Path program = folder.resolve(name);
		Files.writeString(program, "#!/bin/sh\n" + body, StandardCharsets.UTF_8);
		Files.setPosixFilePermissions(program, PosixFilePermissions.fromString("rwxr-xr-x"));
		return program;
	}

	/** The child the program started, if it ran. */
	public static ProcessHandle child(Path folder, String name) throws IOException {
		Path pid = folder.resolve(name + ".child.pid");
		if (!Files.exists(pid)) {
			return null;
		}
		return ProcessHandle.of(Long.parseLong(Files.readString(pid).strip())).orElse(null);
	}
}
