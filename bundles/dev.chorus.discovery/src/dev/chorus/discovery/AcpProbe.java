package dev.chorus.discovery;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import org.eclipse.osgi.util.NLS;

import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParseException;
import com.google.gson.JsonParser;

/**
 * Starts an ACP program found on the PATH with its ACP flag (directly, no shell), sends it one
 * JSON-RPC {@code initialize} line (protocol version 1), waits a bounded time for the answer, and
 * ends the program with every process it started.
 */
final class AcpProbe {

	/** The request: protocol version 1, and a client that offers no file system or terminal. */
	static final String INITIALIZE = "{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"initialize\",\"params\":{\"protocolVersion\":1," //$NON-NLS-1$
			+ "\"clientCapabilities\":{\"fs\":{\"readTextFile\":false,\"writeTextFile\":false},\"terminal\":false}," //$NON-NLS-1$
			+ "\"clientInfo\":{\"name\":\"chorus\",\"version\":\"0.1.0\"}}}"; //$NON-NLS-1$

	/** Reads each program's output on a thread of its own: probes run side by side. */
	private static final java.util.concurrent.Executor READERS = runnable -> Thread.ofVirtual().name("acp-probe-reader").start(runnable); //$NON-NLS-1$

	/** The answer of a probe. */
	private record Answer(boolean answered, boolean exited, String name, String version) {
	}

	private AcpProbe() {
	}

	/**
	 * The program as an agent: answered, or on the PATH but silent within the timeout (offered
	 * unchecked: a program started cold may be slow), or empty when it exits without answering
	 * to every ACP flag.
	 */
	static Optional<FoundAgent> probe(KnownAgents.Program program, Path executable, Duration timeout) {
		for (List<String> arguments : program.acpArguments()) {
			Answer answer = ask(executable, arguments, timeout);
			String command = commandLine(executable, arguments);
			if (answer.answered()) {
				return Optional.of(new FoundAgent(FoundAgent.Kind.ACP, program.name(), BackendKeys.ACP,
						Map.of(BackendKeys.COMMAND, command), List.of(), command, answer.version(), true, null));
			}
			if (!answer.exited()) {
				return Optional.of(new FoundAgent(FoundAgent.Kind.ACP, program.name(), BackendKeys.ACP,
						Map.of(BackendKeys.COMMAND, command), List.of(), command, null, false,
						NLS.bind(Messages.Finder_NoAnswer, timeout.toMillis() / 1000.0)));
			}
		}
		return Optional.empty();
	}

	static String commandLine(Path executable, List<String> arguments) {
		StringBuilder line = new StringBuilder(ProgramPath.quote(executable.toString()));
		for (String argument : arguments) {
			line.append(' ').append(ProgramPath.quote(argument));
		}
		return line.toString();
	}

	private static Answer ask(Path executable, List<String> arguments, Duration timeout) {
		List<String> command = new ArrayList<>();
		command.add(executable.toString());
		command.addAll(arguments);
		ProcessBuilder builder = new ProcessBuilder(command).redirectError(ProcessBuilder.Redirect.DISCARD);
		builder.directory(new java.io.File(System.getProperty("user.home"))); //$NON-NLS-1$
		Process process;
		try {
			process = builder.start();
		} catch (IOException e) {
			return new Answer(false, true, null, null);
		}
		try {
			CompletableFuture<Answer> reading = CompletableFuture.supplyAsync(() -> read(process), READERS);
			try (OutputStream in = process.getOutputStream()) {
				in.write((INITIALIZE + '\n').getBytes(StandardCharsets.UTF_8));
				in.flush();
				// Kept open until the answer: some agents end when their input ends.
				return reading.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
			} catch (IOException e) {
				return reading.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
			}
		} catch (TimeoutException e) {
			return new Answer(false, !process.isAlive(), null, null);
		} catch (ExecutionException e) {
			return new Answer(false, true, null, null);
		} catch (InterruptedException e) {
			Thread.currentThread().interrupt();
			return new Answer(false, false, null, null);
		} finally {
			dev.chorus.core.ProcessTrees.end(process, 500);
		}
	}

	/** Reads the program's output until the answer to {@code initialize}, or its end. */
	private static Answer read(Process process) {
		try (BufferedReader out = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
			String line;
			while ((line = out.readLine()) != null) {
				JsonObject message = parse(line);
				if (message == null || !message.has("id") || !"1".equals(message.get("id").getAsString())) { //$NON-NLS-1$ //$NON-NLS-2$ //$NON-NLS-3$
					continue; // a notification, a log line on stdout, or a request of the agent
				}
				if (message.has("result") && message.get("result").isJsonObject()) { //$NON-NLS-1$ //$NON-NLS-2$
					JsonObject result = message.getAsJsonObject("result"); //$NON-NLS-1$
					JsonObject info = result.has("agentInfo") && result.get("agentInfo").isJsonObject() //$NON-NLS-1$ //$NON-NLS-2$
							? result.getAsJsonObject("agentInfo") //$NON-NLS-1$
							: new JsonObject();
					return new Answer(true, false, string(info, "name"), string(info, "version")); //$NON-NLS-1$ //$NON-NLS-2$
				}
				// An error answer is still an ACP agent speaking JSON-RPC.
				return new Answer(message.has("error"), false, null, null); //$NON-NLS-1$
			}
		} catch (IOException e) {
			// The program ended, or was ended.
		}
		return new Answer(false, true, null, null);
	}

	private static JsonObject parse(String line) {
		try {
			JsonElement element = JsonParser.parseString(line);
			return element.isJsonObject() ? element.getAsJsonObject() : null;
		} catch (JsonParseException | IllegalStateException | UnsupportedOperationException e) {
			return null;
		}
	}

	private static String string(JsonObject object, String key) {
		return object.has(key) && object.get(key).isJsonPrimitive() ? object.get(key).getAsString() : null;
	}
}
