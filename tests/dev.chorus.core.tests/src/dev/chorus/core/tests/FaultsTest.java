package dev.chorus.core.tests;

import dev.chorus.tests.support.InMemorySecretStore;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertTrue;

import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.BooleanSupplier;
import java.util.stream.Stream;

import org.junit.After;
import org.junit.Before;
import org.junit.Rule;
import org.junit.Test;
import org.junit.rules.TemporaryFolder;

import dev.chorus.backend.openai.OpenAiBackend;
import dev.chorus.core.ChorusCore;
import dev.chorus.core.backend.BackendRegistry;
import dev.chorus.core.runs.Run;
import dev.chorus.core.runs.RunState;
import dev.chorus.core.transcript.EntryKind;
import dev.chorus.core.transcript.EntryState;
import dev.chorus.core.transcript.TranscriptEntry;
import dev.chorus.tests.support.LoopbackOpenAiServer;
import dev.chorus.tests.support.LoopbackOpenAiServer.EndlessLine;
import dev.chorus.tests.support.LoopbackOpenAiServer.Error;
import dev.chorus.tests.support.LoopbackOpenAiServer.Stall;

/**
 * Faults of the server in the middle of many runs: each faulty run ends with an error that names
 * its cause while the healthy ones stream on to the end. And endurance: a thousand runs started
 * and stopped, a hundred of them mid-stream, leave no threads, files or memory behind.
 */
public class FaultsTest {

	private static final String OPENAI = "dev.chorus.backend.openai";

	@Rule
	public TemporaryFolder temp = new TemporaryFolder();

	private LoopbackOpenAiServer server;
	private ChorusCore core;

	@Before
	public void setUp() throws Exception {
		server = new LoopbackOpenAiServer();
		BackendRegistry backends = new BackendRegistry(false);
		backends.register(OPENAI, "OpenAI-compatible", "", new OpenAiBackend());
		core = new ChorusCore(temp.newFolder("data").toPath(), new InMemorySecretStore(), backends);
	}

	@After
	public void tearDown() {
		core.shutdown();
		server.close();
	}

	private String agent(String name) throws Exception {
		String id = core.agents().create(name, OPENAI).id();
		core.agents().updateSettings(id, OPENAI, Map.of(OpenAiBackend.BASE_URL, server.baseUrl(), OpenAiBackend.MODEL, "m",
				OpenAiBackend.STALL_TIMEOUT, "1"));
		return id;
	}

	private static void waitFor(String what, long millis, BooleanSupplier condition) throws InterruptedException {
		long end = System.currentTimeMillis() + millis;
		while (!condition.getAsBoolean()) {
			if (System.currentTimeMillis() > end) {
				throw new AssertionError("timed out waiting for " + what);
			}
			Thread.sleep(5);
		}
	}

	private static String chunk(String text) {
		return LoopbackOpenAiServer.chunk(LoopbackOpenAiServer.delta("content", text), null);
	}

	@Test
	public void eachFaultEndsItsOwnRunWithItsCauseAndTheOthersStreamOn() throws Exception {
		String[] healthyTokens = new String[200];
		for (int i = 0; i < healthyTokens.length; i++) {
			healthyTokens[i] = "ok" + i + ' ';
		}
		// The message names the fault the server plays for that run.
		server.setReplies(request -> switch (request.lastUserMessage()) {
		case "401" -> new Error(401, LoopbackOpenAiServer.errorBody("Incorrect API key provided", "auth"), Map.of());
		case "429" -> new Error(429, LoopbackOpenAiServer.errorBody("Rate limit reached", "rate_limit"), Map.of("Retry-After", "17"));
		case "500" -> new Error(500, LoopbackOpenAiServer.errorBody("The model crashed", "server_error"), Map.of());
		case "reset" -> new LoopbackOpenAiServer.Stream(List.of(chunk("partial")), 0, false, true);
		case "stall" -> new Stall(List.of(chunk("slow")));
		case "json" -> new LoopbackOpenAiServer.Stream(List.of(chunk("fine"), "{not json"), 0, true, false);
		case "line" -> new EndlessLine(3 * 1024 * 1024);
		default -> LoopbackOpenAiServer.textReply(20, healthyTokens);
		});
		Map<String, String> causes = new LinkedHashMap<>();
		causes.put("401", "Incorrect API key provided");
		causes.put("429", "Rate limit reached");
		causes.put("500", "The model crashed");
		causes.put("reset", "connection");
		causes.put("stall", "stalled");
		causes.put("json", "malformed chunk");
		causes.put("line", "longer than 1 MB");

		List<Run> healthy = new ArrayList<>();
		for (int i = 0; i < 2; i++) {
			Run run = core.runs().startNew(agent("Healthy " + i));
			run.send("healthy");
			healthy.add(run);
		}
		Map<String, Run> faulty = new LinkedHashMap<>();
		for (String fault : causes.keySet()) {
			Run run = core.runs().startNew(agent("Fault " + fault));
			run.send(fault);
			faulty.put(fault, run);
		}
		waitFor("the faulty runs to end", 15_000, () -> faulty.values().stream().noneMatch(Run::isGenerating));
		assertTrue("the healthy runs go on while the others fail", healthy.stream().allMatch(Run::isGenerating));
		for (Map.Entry<String, Run> fault : faulty.entrySet()) {
			List<TranscriptEntry> transcript = fault.getValue().snapshot();
			TranscriptEntry last = transcript.get(transcript.size() - 1);
			assertEquals(fault.getKey(), EntryKind.ERROR, last.kind());
			String message = last.problem().message().toLowerCase();
			assertTrue(fault.getKey() + ": " + message, message.contains(causes.get(fault.getKey()).toLowerCase()));
			assertEquals(RunState.IDLE, fault.getValue().getState());
		}
		waitFor("the healthy runs to end", 30_000, () -> healthy.stream().noneMatch(Run::isGenerating));
		for (Run run : healthy) {
			TranscriptEntry answer = run.snapshot().get(1);
			assertEquals(String.join("", healthyTokens), answer.text());
			assertEquals(EntryState.COMPLETE, answer.state());
		}
	}

	/** The open files of this process, counted by kind (socket, pipe, a file's folder). */
	private static Map<String, Long> openFiles() throws Exception {
		try (Stream<Path> fds = Files.list(Path.of("/proc/self/fd"))) {
			return fds.map(fd -> {
				try {
					String target = Files.readSymbolicLink(fd).toString();
					return target.contains(":[") ? target.substring(0, target.indexOf(':')) : Path.of(target).getParent() + "/";
				} catch (Exception e) {
					return "gone";
				}
			}).collect(java.util.stream.Collectors.groupingBy(kind -> kind, java.util.TreeMap::new, java.util.stream.Collectors.counting()));
		}
	}

	private static long heapAfterGc() throws InterruptedException {
		for (int i = 0; i < 3; i++) {
			System.gc();
			Thread.sleep(50);
		}
		return ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
	}

	@Test
	public void aThousandRunsStartedAndStoppedLeaveNothingBehind() throws Exception {
		server.setReplies(request -> new LoopbackOpenAiServer.Endless("tick ", 1));
		String agent = agent("Endurance");
		// A first round makes what is made once and reused (the HTTP client and its connection
		// pool, the job workers); the second, five times longer, must not grow past it.
		startAndStop(agent, 200);
		Thread.sleep(1000);
		int threads = Thread.activeCount();
		Map<String, Long> files = openFiles();
		long children = ProcessHandle.current().children().count();
		long heap = heapAfterGc();

		startAndStop(agent, 1000);
		// The server goes away, and with it every connection it still holds open: what is open
		// after that on the client's side is what Chorus failed to close.
		server.close();
		Thread.sleep(2000);

		int threadsAfter = Thread.activeCount();
		Map<String, Long> filesAfter = openFiles();
		long heapAfter = heapAfterGc();
		long sockets = files.getOrDefault("socket", 0L);
		long socketsAfter = filesAfter.getOrDefault("socket", 0L);
		long others = files.values().stream().mapToLong(Long::longValue).sum() - sockets;
		long othersAfter = filesAfter.values().stream().mapToLong(Long::longValue).sum() - socketsAfter;
		System.out.printf("endurance, 1,000 runs (100 stopped mid-stream): threads %d -> %d, sockets %d -> %d, other open files %d -> %d, heap %.1f -> %.1f MB%n",
				threads, threadsAfter, sockets, socketsAfter, others, othersAfter, heap / 1e6, heapAfter / 1e6);
		assertTrue("threads " + threads + " -> " + threadsAfter, threadsAfter <= threads + 4);
		assertTrue("sockets " + sockets + " -> " + socketsAfter, socketsAfter <= sockets);
		assertTrue("open files " + files + " -> " + filesAfter, othersAfter <= others + 4);
		assertEquals("child processes", children, ProcessHandle.current().children().count());
		assertTrue("heap " + heap + " -> " + heapAfter, heapAfter <= heap + 16_000_000L);
		assertEquals(1200, core.sessions().list().size());
	}

	/** Starts runs one after another and stops each; every tenth is stopped mid-stream. */
	private void startAndStop(String agent, int count) throws Exception {
		for (int i = 0; i < count; i++) {
			Run run = core.runs().startNew(agent);
			run.send("run " + i);
			if (i % 10 == 0) {
				waitFor("run " + i + " to stream", 5000, () -> run.snapshot().size() > 1 && run.snapshot().get(1).text().length() > 10);
			}
			run.stop();
			run.close();
			assertEquals(RunState.CLOSED, run.getState());
		}
		waitFor("the last turns to wind down", 10_000, () -> core.runs().list().isEmpty()
				&& org.eclipse.core.runtime.jobs.Job.getJobManager().find(dev.chorus.core.runs.RunRegistry.FAMILY).length == 0);
	}
}
