package dev.chorus.discovery.tests;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertNotNull;
import static org.junit.Assert.assertTrue;

import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;

import org.eclipse.core.runtime.NullProgressMonitor;
import org.junit.Rule;
import org.junit.Test;
import org.junit.rules.TemporaryFolder;

import dev.chorus.discovery.AgentFinder;
import dev.chorus.discovery.BackendKeys;
import dev.chorus.discovery.FoundAgent;
import dev.chorus.discovery.KnownAgents;
import dev.chorus.tests.support.FakeAcpPrograms;
import dev.chorus.tests.support.LoopbackOpenAiServer;

/**
 * The finder against real parts: an OpenAI-compatible server on a chosen loopback port, and
 * programs named like ACP agents on a temporary PATH, started as real processes.
 */
public class AgentFinderTest {

	@Rule
	public TemporaryFolder temp = new TemporaryFolder();

	private static int freePort() throws IOException {
		try (ServerSocket socket = new ServerSocket(0)) {
			return socket.getLocalPort();
		}
	}

	@Test
	public void findsTheServerOnItsPortWithAChatModelAndNothingOnAPortWhereNothingListens() throws Exception {
		int port = freePort();
		int nothing = freePort();
		try (LoopbackOpenAiServer server = new LoopbackOpenAiServer(port)) {
			server.setModels(List.of("nomic-embed-text", "llama3.2", "qwen2.5-coder"));
			AgentFinder finder = new AgentFinder(new AgentFinder.Options(
					List.of(new KnownAgents.Server("Ollama", port), new KnownAgents.Server("vLLM", nothing)), List.of(), "",
					Duration.ofMillis(1500), Duration.ofMillis(2000)));
			long start = System.nanoTime();
			List<FoundAgent> found = finder.find(new NullProgressMonitor()).found();
			long millis = (System.nanoTime() - start) / 1_000_000;

			assertEquals(1, found.size());
			FoundAgent ollama = found.get(0);
			assertEquals(FoundAgent.Kind.SERVER, ollama.kind());
			assertEquals("Ollama", ollama.name());
			assertEquals(BackendKeys.OPENAI, ollama.backendId());
			// Loopback only, the address that answered.
			assertEquals("http://127.0.0.1:" + port + "/v1", ollama.settings().get(BackendKeys.BASE_URL));
			// The embedding model cannot chat: the first chat model is the default.
			assertEquals("llama3.2", ollama.model());
			assertEquals(List.of("llama3.2", "qwen2.5-coder", "nomic-embed-text"), ollama.models());
			assertTrue("asked /v1/models", server.requests().stream().anyMatch(r -> r.path().equals("/v1/models")));
			assertTrue("within a second or two: " + millis + " ms", millis < 2500);
		}
	}

	@Test
	public void startsAcpProgramsOnThePathWithTheirFlagAndEndsEveryProcessTheyStarted() throws Exception {
		Path bin = temp.newFolder("bin").toPath();
		FakeAcpPrograms.answering(bin, "goose", "acp", "goose", "1.50.1");
		// Knows only the older flag: exits at once on --acp, answers to --experimental-acp.
		FakeAcpPrograms.answering(bin, "gemini", "--experimental-acp", "gemini-cli", "0.30.0");
		FakeAcpPrograms.silent(bin, "qwen");
		Files.writeString(bin.resolve("opencode"), "not executable");
		AgentFinder finder = new AgentFinder(new AgentFinder.Options(List.of(), KnownAgents.PROGRAMS, bin.toString(),
				Duration.ofMillis(1500), Duration.ofMillis(2000)));

		long start = System.nanoTime();
		Map<String, FoundAgent> found = finder.find(new NullProgressMonitor()).found().stream()
				.collect(Collectors.toMap(FoundAgent::name, Function.identity()));
		long millis = (System.nanoTime() - start) / 1_000_000;

		assertEquals(found.keySet().toString(), 3, found.size());
		FoundAgent goose = found.get("Goose");
		assertTrue(goose.answered());
		assertEquals("1.50.1", goose.version());
		assertEquals(BackendKeys.ACP, goose.backendId());
		assertEquals(bin.resolve("goose") + " acp", goose.settings().get(BackendKeys.COMMAND));
		FoundAgent gemini = found.get("Gemini CLI");
		assertTrue(gemini.answered());
		assertEquals(bin.resolve("gemini") + " --experimental-acp", gemini.settings().get(BackendKeys.COMMAND));
		FoundAgent qwen = found.get("Qwen Code");
		assertFalse("too slow: offered, unchecked", qwen.answered());
		assertNotNull(qwen.note());
		assertTrue("bounded by the probe's timeout: " + millis + " ms", millis < 4500);

		String request = Files.readString(bin.resolve("goose.request"));
		assertTrue(request, request.contains("\"method\":\"initialize\"") && request.contains("\"protocolVersion\":1"));
		for (String name : List.of("goose", "gemini", "qwen")) {
			ProcessHandle child = FakeAcpPrograms.child(bin, name);
			long until = System.currentTimeMillis() + 5000;
			while (child != null && child.isAlive() && System.currentTimeMillis() < until) {
				Thread.sleep(50);
			}
			assertTrue(name + "'s child is ended", child == null || !child.isAlive());
		}
		assertTrue("no program of the PATH left running",
				ProcessHandle.current().descendants().noneMatch(p -> p.info().commandLine().orElse("").contains(bin.toString())));
	}
}
