package dev.chorus.tests.support;

import java.io.File;
import java.io.IOException;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.CodeSource;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Predicate;

import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParseException;
import com.google.gson.JsonParser;

/**
 * The Agent Client Protocol agent on the official TypeScript SDK that tests run as a real Node.js
 * child process: {@code sdk-agent/agent.mjs} in this bundle, installed by the build into
 * {@code target/sdk-agent} with its npm packages. It checks every message the client sends against
 * the SDK's JSON Schema, appends each violation to a file and every message both ways to a log;
 * its flags and prompt commands are listed in {@code sdk-agent/README.md}.
 * <p>
 * One instance is one pair of files in a folder of the test: give {@link #commandLine(String...)}
 * and {@link #environmentSetting()} to the ACP backend's command and environment settings (or
 * {@link #start(Path, String...)} the agent directly), then read {@link #violations()} and
 * {@link #received(String)}.
 */
public final class SdkTestAgent {

	public static final String LOG_VARIABLE = "CHORUS_SDK_AGENT_LOG"; //$NON-NLS-1$
	public static final String VIOLATIONS_VARIABLE = "CHORUS_SDK_AGENT_VIOLATIONS"; //$NON-NLS-1$
	public static final String LOGIN_FILE_VARIABLE = "CHORUS_SDK_AGENT_LOGIN_FILE"; //$NON-NLS-1$
	/** A system property naming the installed agent.mjs (or its folder), for runs outside the build. */
	public static final String LOCATION_PROPERTY = "chorus.sdkAgent"; //$NON-NLS-1$

	private static final String INSTALLED = "dev.chorus.tests.support/target/sdk-agent/agent.mjs"; //$NON-NLS-1$

	private final Path log;
	private final Path violations;
	private final Path loginFile;

	private SdkTestAgent(Path folder) {
		this.log = folder.resolve("sdk-agent.log.jsonl"); //$NON-NLS-1$
		this.violations = folder.resolve("sdk-agent.violations.jsonl"); //$NON-NLS-1$
		this.loginFile = folder.resolve("sdk-agent.login"); //$NON-NLS-1$
	}

	/** An agent whose log and violation files are in the folder (created empty). */
	public static SdkTestAgent in(Path folder) throws IOException {
		Files.createDirectories(folder);
		SdkTestAgent agent = new SdkTestAgent(folder.toAbsolutePath());
		Files.writeString(agent.log, ""); //$NON-NLS-1$
		Files.writeString(agent.violations, ""); //$NON-NLS-1$
		return agent;
	}

	// Where node and the agent are.

	/** The {@code node} program on the PATH; fails with what to install when there is none. */
	public static Path node() {
		String path = System.getenv("PATH"); //$NON-NLS-1$
		for (String folder : path == null ? new String[0] : path.split(File.pathSeparator)) {
			if (folder.isEmpty()) {
				continue;
			}
			Path candidate = Path.of(folder, "node"); //$NON-NLS-1$
			if (Files.isRegularFile(candidate) && Files.isExecutable(candidate)) {
				return candidate.toAbsolutePath();
			}
		}
		throw new IllegalStateException("Node.js is not on the PATH (" + path + "): the SDK test agent runs on it. " //$NON-NLS-1$ //$NON-NLS-2$
				+ "Install Node.js 18 or newer and npm (Debian: apt-get install nodejs npm)."); //$NON-NLS-1$
	}

	/**
	 * The installed {@code agent.mjs}: {@code target/sdk-agent} of this bundle's project, found from
	 * where this class was loaded (in the OSGi test runtime, the bundle's folder or jar in the
	 * build) or from the working directory of the test (another test bundle's {@code target/work}).
	 */
	public static Path script() {
		String override = System.getProperty(LOCATION_PROPERTY);
		if (override != null && !override.isBlank()) {
			Path path = Path.of(override);
			Path script = Files.isDirectory(path) ? path.resolve("agent.mjs") : path; //$NON-NLS-1$
			return checkInstalled(script);
		}
		Set<Path> starts = new LinkedHashSet<>();
		codeLocation().ifPresent(starts::add);
		starts.add(Path.of(System.getProperty("user.dir")).toAbsolutePath()); //$NON-NLS-1$
		for (Path start : starts) {
			for (Path folder = start; folder != null; folder = folder.getParent()) {
				for (String relative : List.of("target/sdk-agent/agent.mjs", INSTALLED, "tests/" + INSTALLED)) { //$NON-NLS-1$ //$NON-NLS-2$
					Path script = folder.resolve(relative);
					if (Files.isRegularFile(script) && isSupportProject(script)) {
						return checkInstalled(script);
					}
				}
			}
		}
		throw new IllegalStateException("The SDK test agent is not installed (looked upwards from " + starts //$NON-NLS-1$
				+ " for " + INSTALLED + "). Build tests/dev.chorus.tests.support without -DskipTests: " //$NON-NLS-1$ //$NON-NLS-2$
				+ "it copies sdk-agent/ to target/sdk-agent and runs npm ci there. Or set -D" + LOCATION_PROPERTY + "=<agent.mjs>."); //$NON-NLS-1$ //$NON-NLS-2$
	}

	/** Only the agent of this bundle: its target/sdk-agent sits beside sdk-agent/ and this bundle's manifest. */
	private static boolean isSupportProject(Path script) {
		Path project = script.getParent().getParent().getParent();
		return project != null && Files.isRegularFile(project.resolve("sdk-agent/agent.mjs")) //$NON-NLS-1$
				&& Files.isDirectory(project.resolve("src/dev/chorus/tests/support")); //$NON-NLS-1$
	}

	private static Path checkInstalled(Path script) {
		if (!Files.isRegularFile(script)) {
			throw new IllegalStateException("No SDK test agent at " + script); //$NON-NLS-1$
		}
		if (!Files.isDirectory(script.resolveSibling("node_modules/@agentclientprotocol/sdk"))) { //$NON-NLS-1$
			throw new IllegalStateException("The SDK test agent at " + script + " has no node_modules: run npm ci in " //$NON-NLS-1$ //$NON-NLS-2$
					+ script.getParent() + " (the build does so unless -DskipTests)."); //$NON-NLS-1$
		}
		return script.toAbsolutePath();
	}

	/** Where this bundle's classes were loaded from (its folder or jar), when that is a file. */
	static Optional<Path> codeLocation() {
		try {
			CodeSource source = SdkTestAgent.class.getProtectionDomain().getCodeSource();
			URL url = source == null ? null : source.getLocation();
			if (url == null) {
				return Optional.empty();
			}
			String text = url.toString();
			if (text.startsWith("reference:")) { //$NON-NLS-1$
				text = text.substring("reference:".length()); //$NON-NLS-1$
			}
			if (!text.startsWith("file:")) { //$NON-NLS-1$
				return Optional.empty();
			}
			return Optional.of(Path.of(new URI(text.replace(" ", "%20"))).toAbsolutePath()); //$NON-NLS-1$ //$NON-NLS-2$
		} catch (SecurityException | URISyntaxException | IllegalArgumentException e) {
			return Optional.empty();
		}
	}

	// How to start it.

	/** The program and its arguments: {@code node <installed agent.mjs> flags...}. */
	public List<String> command(String... flags) {
		List<String> command = new ArrayList<>();
		command.add(node().toString());
		command.add(script().toString());
		command.addAll(List.of(flags));
		return command;
	}

	/** {@link #command(String...)} as one command line, quoted as a POSIX shell reads it (the ACP backend's command setting). */
	public String commandLine(String... flags) {
		StringBuilder line = new StringBuilder();
		for (String word : command(flags)) {
			if (line.length() > 0) {
				line.append(' ');
			}
			line.append('\'').append(word.replace("'", "'\\''")).append('\''); //$NON-NLS-1$ //$NON-NLS-2$
		}
		return line.toString();
	}

	/** The variables that name this agent's files. */
	public Map<String, String> environment() {
		Map<String, String> environment = new LinkedHashMap<>();
		environment.put(LOG_VARIABLE, log.toString());
		environment.put(VIOLATIONS_VARIABLE, violations.toString());
		environment.put(LOGIN_FILE_VARIABLE, loginFile.toString());
		return environment;
	}

	/** {@link #environment()} as the ACP backend's environment setting: {@code NAME=value} lines. */
	public String environmentSetting() {
		StringBuilder setting = new StringBuilder();
		environment().forEach((name, value) -> setting.append(name).append('=').append(value).append('\n'));
		return setting.toString();
	}

	/** Starts the agent directly, with its files set, in the folder; the caller ends the process. */
	public Process start(Path workingDirectory, String... flags) throws IOException {
		ProcessBuilder builder = new ProcessBuilder(command(flags)).directory(workingDirectory.toFile());
		builder.environment().putAll(environment());
		return builder.start();
	}

	public Path log() {
		return log;
	}

	public Path violationsFile() {
		return violations;
	}

	/** The file the terminal login creates and {@code logout} removes; an {@code --auth} agent counts it as logged in. */
	public Path loginFile() {
		return loginFile;
	}

	// What it saw.

	/** Each violation recorded so far: kind, method, schema type, Ajv errors and the message. */
	public List<JsonObject> violationEntries() {
		return readLines(violations);
	}

	/** Each violation recorded so far, as one readable line. */
	public List<String> violations() {
		return violationEntries().stream().map(SdkTestAgent::describe).toList();
	}

	private static String describe(JsonObject violation) {
		StringBuilder text = new StringBuilder();
		text.append(string(violation, "kind")).append(' ').append(string(violation, "method")); //$NON-NLS-1$ //$NON-NLS-2$
		text.append(" (").append(string(violation, "type")).append("):"); //$NON-NLS-1$ //$NON-NLS-2$ //$NON-NLS-3$
		JsonElement errors = violation.get("errors"); //$NON-NLS-1$
		if (errors != null && errors.isJsonArray()) {
			for (JsonElement error : errors.getAsJsonArray()) {
				if (error.isJsonObject()) {
					String at = string(error.getAsJsonObject(), "instancePath"); //$NON-NLS-1$
					text.append(' ').append(at == null || at.isEmpty() ? "/" : at).append(' ') //$NON-NLS-1$
							.append(string(error.getAsJsonObject(), "message")).append(';'); //$NON-NLS-1$
				}
			}
		}
		return text.append(" in ").append(string(violation, "message")).toString(); //$NON-NLS-1$ //$NON-NLS-2$
	}

	/** Fails, listing them, if the agent recorded any violation. */
	public void assertNoViolations() {
		List<String> found = violations();
		if (!found.isEmpty()) {
			throw new AssertionError(found.size() + " message(s) from the client break the ACP schema:\n  " //$NON-NLS-1$
					+ String.join("\n  ", found)); //$NON-NLS-1$
		}
	}

	/** Every logged message: objects with {@code dir} ("in" from the client, "out" from the agent) and {@code msg}. */
	public List<JsonObject> messages() {
		return readLines(log);
	}

	/** The requests and notifications of that method the client sent, in order. */
	public List<JsonObject> received(String method) {
		return messages("in", message -> method.equals(string(message, "method"))); //$NON-NLS-1$ //$NON-NLS-2$
	}

	/** The requests and notifications of that method the agent sent, in order. */
	public List<JsonObject> sent(String method) {
		return messages("out", message -> method.equals(string(message, "method"))); //$NON-NLS-1$ //$NON-NLS-2$
	}

	/** The client's responses to the agent's requests of that method, in order. */
	public List<JsonObject> responsesTo(String method) {
		Set<String> ids = new LinkedHashSet<>();
		for (JsonObject request : sent(method)) {
			if (request.has("id")) { //$NON-NLS-1$
				ids.add(request.get("id").toString()); //$NON-NLS-1$
			}
		}
		return messages("in", message -> !message.has("method") && message.has("id") && ids.contains(message.get("id").toString())); //$NON-NLS-1$ //$NON-NLS-2$ //$NON-NLS-3$ //$NON-NLS-4$ //$NON-NLS-5$
	}

	private List<JsonObject> messages(String direction, Predicate<JsonObject> filter) {
		List<JsonObject> found = new ArrayList<>();
		for (JsonObject entry : messages()) {
			JsonElement message = entry.get("msg"); //$NON-NLS-1$
			if (direction.equals(string(entry, "dir")) && message != null && message.isJsonObject() //$NON-NLS-1$
					&& filter.test(message.getAsJsonObject())) {
				found.add(message.getAsJsonObject());
			}
		}
		return found;
	}

	/** The complete JSON lines of the file (a line still being written is left out). */
	private static List<JsonObject> readLines(Path file) {
		List<JsonObject> entries = new ArrayList<>();
		try {
			if (!Files.exists(file)) {
				return entries;
			}
			for (String line : Files.readAllLines(file, StandardCharsets.UTF_8)) {
				try {
					JsonElement element = JsonParser.parseString(line);
					if (element.isJsonObject()) {
						entries.add(element.getAsJsonObject());
					}
				} catch (JsonParseException e) {
					// A line being written.
				}
			}
		} catch (IOException e) {
			throw new IllegalStateException("Cannot read " + file + ": " + e.getMessage(), e); //$NON-NLS-1$ //$NON-NLS-2$
		}
		return entries;
	}

	private static String string(JsonObject object, String key) {
		JsonElement element = object.get(key);
		return element == null || element.isJsonNull() ? null : element.isJsonPrimitive() ? element.getAsString() : element.toString();
	}
}
