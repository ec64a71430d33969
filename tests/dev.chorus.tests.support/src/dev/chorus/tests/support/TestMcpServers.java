package dev.chorus.tests.support;

import java.io.BufferedReader;
import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParseException;
import com.google.gson.JsonParser;

/**
 * The Model Context Protocol servers that tests run as real Node.js child processes:
 * {@code mcp-server/server.mjs} in this bundle, a server on the official TypeScript SDK
 * ({@code @modelcontextprotocol/sdk}) with test tools ({@code echo}, {@code add}, {@code slow},
 * {@code crash}, {@code garbage}, {@code fail}, {@code big}, {@code grow}) over stdio or Streamable
 * HTTP, and the published {@code @modelcontextprotocol/server-filesystem}. The build installs both
 * into {@code target/mcp-server} with their npm packages; the flags, tools and HTTP behaviour are
 * listed in {@code mcp-server/README.md}.
 * <p>
 * Give {@link #commandLine(String...)} or {@link #filesystemCommandLine(Path...)} to an MCP client
 * as a stdio server's command, or {@link #startHttp(Path, String...)} a server and connect to its
 * {@link Http#url()}; with {@code --log FILE} the server records each request and notification it
 * received, read with {@link #logged(Path)}.
 */
public final class TestMcpServers {

	/** A system property naming the installed server.mjs (or its folder), for runs outside the build. */
	public static final String LOCATION_PROPERTY = "chorus.mcpServer"; //$NON-NLS-1$
	/** When set in the server's environment, replaces the {@code echo:} prefix of the echo tool's answer. */
	public static final String ECHO_PREFIX_VARIABLE = "CHORUS_MCP_TEST_ECHO_PREFIX"; //$NON-NLS-1$

	private static final String INSTALLED = "dev.chorus.tests.support/target/mcp-server/server.mjs"; //$NON-NLS-1$
	private static final String FILESYSTEM_PACKAGE = "node_modules/@modelcontextprotocol/server-filesystem"; //$NON-NLS-1$
	private static final String SDK_PACKAGE = "node_modules/@modelcontextprotocol/sdk"; //$NON-NLS-1$
	private static final long PORT_TIMEOUT_SECONDS = 20;

	private TestMcpServers() {
	}

	// Where node and the servers are.

	/** The {@code node} program on the PATH, or just {@code node} when there is none there. */
	public static String node() {
		String path = System.getenv("PATH"); //$NON-NLS-1$
		for (String folder : path == null ? new String[0] : path.split(File.pathSeparator)) {
			if (folder.isEmpty()) {
				continue;
			}
			Path candidate = Path.of(folder, "node"); //$NON-NLS-1$
			if (Files.isRegularFile(candidate) && Files.isExecutable(candidate)) {
				return candidate.toAbsolutePath().toString();
			}
		}
		return "node"; //$NON-NLS-1$
	}

	/**
	 * The installed {@code server.mjs}: {@code target/mcp-server} of this bundle's project, found from
	 * where this class was loaded (in the OSGi test runtime, the bundle's folder or jar in the build)
	 * or from the working directory of the test (another test bundle's {@code target/work}).
	 */
	public static Path script() {
		String override = System.getProperty(LOCATION_PROPERTY);
		if (override != null && !override.isBlank()) {
			Path path = Path.of(override);
			Path script = Files.isDirectory(path) ? path.resolve("server.mjs") : path; //$NON-NLS-1$
			return checkInstalled(script);
		}
		Set<Path> starts = new LinkedHashSet<>();
		SdkTestAgent.codeLocation().ifPresent(starts::add);
		starts.add(Path.of(System.getProperty("user.dir")).toAbsolutePath()); //$NON-NLS-1$
		for (Path start : starts) {
			for (Path folder = start; folder != null; folder = folder.getParent()) {
				for (String relative : List.of("target/mcp-server/server.mjs", INSTALLED, "tests/" + INSTALLED)) { //$NON-NLS-1$ //$NON-NLS-2$
					Path script = folder.resolve(relative);
					if (Files.isRegularFile(script) && isSupportProject(script)) {
						return checkInstalled(script);
					}
				}
			}
		}
		throw new IllegalStateException("The MCP test servers are not installed (looked upwards from " + starts //$NON-NLS-1$
				+ " for " + INSTALLED + "). Build tests/dev.chorus.tests.support without -DskipTests: " //$NON-NLS-1$ //$NON-NLS-2$
				+ "it copies mcp-server/ to target/mcp-server and runs npm ci there. Or set -D" + LOCATION_PROPERTY + "=<server.mjs>."); //$NON-NLS-1$ //$NON-NLS-2$
	}

	/** Only the servers of this bundle: its target/mcp-server sits beside mcp-server/ and this bundle's sources. */
	private static boolean isSupportProject(Path script) {
		Path project = script.getParent().getParent().getParent();
		return project != null && Files.isRegularFile(project.resolve("mcp-server/server.mjs")) //$NON-NLS-1$
				&& Files.isDirectory(project.resolve("src/dev/chorus/tests/support")); //$NON-NLS-1$
	}

	private static Path checkInstalled(Path script) {
		if (!Files.isRegularFile(script)) {
			throw new IllegalStateException("No MCP test server at " + script); //$NON-NLS-1$
		}
		if (!Files.isDirectory(script.resolveSibling(SDK_PACKAGE)) || !Files.isDirectory(script.resolveSibling(FILESYSTEM_PACKAGE))) {
			throw new IllegalStateException("The MCP test server at " + script + " has no node_modules: run npm ci in " //$NON-NLS-1$ //$NON-NLS-2$
					+ script.getParent() + " (the build does so unless -DskipTests)."); //$NON-NLS-1$
		}
		return script.toAbsolutePath();
	}

	/** The installed filesystem server's bin script ({@code mcp-server-filesystem} in its package.json). */
	public static Path filesystemScript() {
		Path folder = script().resolveSibling(FILESYSTEM_PACKAGE);
		String bin = "dist/index.js"; //$NON-NLS-1$
		try {
			JsonElement manifest = JsonParser.parseString(Files.readString(folder.resolve("package.json"), StandardCharsets.UTF_8)); //$NON-NLS-1$
			JsonElement bins = manifest.isJsonObject() ? manifest.getAsJsonObject().get("bin") : null; //$NON-NLS-1$
			if (bins != null && bins.isJsonObject() && bins.getAsJsonObject().has("mcp-server-filesystem")) { //$NON-NLS-1$
				bin = bins.getAsJsonObject().get("mcp-server-filesystem").getAsString(); //$NON-NLS-1$
			} else if (bins != null && bins.isJsonPrimitive()) {
				bin = bins.getAsString();
			}
		} catch (IOException | JsonParseException | IllegalStateException e) {
			// The bin of the pinned version.
		}
		Path script = folder.resolve(bin).normalize();
		if (!Files.isRegularFile(script)) {
			throw new IllegalStateException("No filesystem server script at " + script); //$NON-NLS-1$
		}
		return script;
	}

	// How to start them.

	/** The test server over stdio (or as the flags say): {@code node <installed server.mjs> flags...}. */
	public static List<String> commandLine(String... flags) {
		List<String> command = new ArrayList<>();
		command.add(node());
		command.add(script().toString());
		command.addAll(List.of(flags));
		return command;
	}

	/** The published filesystem server over stdio, allowed into the folders: {@code node <its bin script> folders...}. */
	public static List<String> filesystemCommandLine(Path... allowedFolders) {
		List<String> command = new ArrayList<>();
		command.add(node());
		command.add(filesystemScript().toString());
		for (Path folder : allowedFolders) {
			command.add(folder.toAbsolutePath().toString());
		}
		return command;
	}

	/**
	 * Starts the test server with {@code --http} (and {@code --log log} unless the log is null) and
	 * the flags, and waits up to 20 s for its {@code PORT n} line; fails with what it wrote to stderr.
	 * Close the answer to end the server.
	 */
	public static Http startHttp(Path log, String... flags) throws IOException {
		List<String> arguments = new ArrayList<>();
		arguments.add("--http"); //$NON-NLS-1$
		if (log != null) {
			arguments.add("--log"); //$NON-NLS-1$
			arguments.add(log.toAbsolutePath().toString());
		}
		arguments.addAll(List.of(flags));
		List<String> command = commandLine(arguments.toArray(String[]::new));
		Process process = new ProcessBuilder(command).start();
		process.getOutputStream().close();
		StringBuffer stderr = new StringBuffer();
		BlockingQueue<Optional<String>> stdout = new LinkedBlockingQueue<>(); // empty: the output ended
		Thread errors = drain(process.getErrorStream(), line -> {
			if (stderr.length() < 64 * 1024) {
				stderr.append(line).append('\n');
			}
		}, null, "mcp-server-stderr"); //$NON-NLS-1$
		drain(process.getInputStream(), line -> stdout.add(Optional.of(line)), () -> stdout.add(Optional.empty()), "mcp-server-stdout"); //$NON-NLS-1$
		long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(PORT_TIMEOUT_SECONDS);
		String problem = "did not print its port in " + PORT_TIMEOUT_SECONDS + " s"; //$NON-NLS-1$ //$NON-NLS-2$
		try {
			while (true) {
				long left = deadline - System.nanoTime();
				Optional<String> next = left <= 0 ? null : stdout.poll(left, TimeUnit.NANOSECONDS);
				if (next == null) {
					break;
				}
				if (next.isEmpty()) {
					problem = "ended before printing its port"; //$NON-NLS-1$
					break;
				}
				String line = next.get();
				if (line.startsWith("PORT ")) { //$NON-NLS-1$
					int port = Integer.parseInt(line.substring("PORT ".length()).trim()); //$NON-NLS-1$
					return new Http(process, URI.create("http://127.0.0.1:" + port + "/mcp")); //$NON-NLS-1$ //$NON-NLS-2$
				}
			}
		} catch (InterruptedException e) {
			Thread.currentThread().interrupt();
			problem = "was interrupted waiting for its port"; //$NON-NLS-1$
		} catch (NumberFormatException e) {
			problem = "printed a bad port: " + e.getMessage(); //$NON-NLS-1$
		}
		destroyTree(process);
		try {
			errors.join(2000);
		} catch (InterruptedException e) {
			Thread.currentThread().interrupt();
		}
		String exit = process.isAlive() ? "still running" : "exit code " + process.exitValue(); //$NON-NLS-1$ //$NON-NLS-2$
		throw new IllegalStateException("The MCP test server (" + String.join(" ", command) //$NON-NLS-1$ //$NON-NLS-2$
				+ ") " + problem + " (" + exit + "); its stderr:\n" + stderr); //$NON-NLS-1$ //$NON-NLS-2$ //$NON-NLS-3$
	}

	/** Reads the stream's lines on a daemon thread (so the child never blocks on a full pipe). */
	private static Thread drain(InputStream stream, Consumer<String> lines, Runnable atEnd, String name) {
		Thread thread = new Thread(() -> {
			try (BufferedReader reader = new BufferedReader(new InputStreamReader(stream, StandardCharsets.UTF_8))) {
				for (String line = reader.readLine(); line != null; line = reader.readLine()) {
					lines.accept(line);
				}
			} catch (IOException e) {
				// The process ended.
			} finally {
				if (atEnd != null) {
					atEnd.run();
				}
			}
		}, name);
		thread.setDaemon(true);
		thread.start();
		return thread;
	}

	/** Kills the process and every process it started, and waits a little for them to end. */
	static void destroyTree(Process process) {
		List<ProcessHandle> descendants = process.descendants().toList();
		descendants.forEach(ProcessHandle::destroyForcibly);
		process.destroyForcibly();
		try {
			process.waitFor(5, TimeUnit.SECONDS);
			for (ProcessHandle descendant : descendants) {
				descendant.onExit().get(5, TimeUnit.SECONDS);
			}
		} catch (InterruptedException e) {
			Thread.currentThread().interrupt();
		} catch (Exception e) {
			// Gone or going: nothing more to do.
		}
	}

	/**
	 * A test server serving Streamable HTTP: its process and its endpoint,
	 * {@code http://127.0.0.1:<port>/mcp}. Closing it kills the process and its descendants.
	 */
	public record Http(Process process, URI url) implements AutoCloseable {
		@Override
		public void close() {
			destroyTree(process);
		}
	}

	// What the server saw.

	/**
	 * The entries of a server's {@code --log} file, in order: {@code {"method", "params"}} (and
	 * {@code "id"} for a request) for each request and notification received, and
	 * {@code {"cancelled": "slow"}} when a slow call was cancelled. A last line still being written
	 * is left out; an absent file has none.
	 */
	public static List<JsonObject> logged(Path log) {
		List<JsonObject> entries = new ArrayList<>();
		String text;
		try {
			if (!Files.exists(log)) {
				return entries;
			}
			text = Files.readString(log, StandardCharsets.UTF_8);
		} catch (IOException e) {
			throw new IllegalStateException("Cannot read " + log + ": " + e.getMessage(), e); //$NON-NLS-1$ //$NON-NLS-2$
		}
		int complete = text.lastIndexOf('\n') + 1;
		for (String line : text.substring(0, complete).split("\n")) { //$NON-NLS-1$
			if (line.isBlank()) {
				continue;
			}
			try {
				JsonElement element = JsonParser.parseString(line);
				if (element.isJsonObject()) {
					entries.add(element.getAsJsonObject());
				}
			} catch (JsonParseException e) {
				throw new IllegalStateException("Not a JSON line in " + log + ": " + line, e); //$NON-NLS-1$ //$NON-NLS-2$
			}
		}
		return entries;
	}

	/** The logged requests and notifications of that method, in order. */
	public static List<JsonObject> logged(Path log, String method) {
		return logged(log).stream().filter(entry -> entry.has("method") && !entry.get("method").isJsonNull() //$NON-NLS-1$ //$NON-NLS-2$
				&& method.equals(entry.get("method").getAsString())).toList(); //$NON-NLS-1$
	}
}
