package dev.chorus.backend.openai.bench;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryMXBean;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import dev.chorus.backend.openai.OpenAiBackend;
import dev.chorus.core.ChorusCore;
import dev.chorus.core.backend.BackendRegistry;
import dev.chorus.core.runs.Run;
import dev.chorus.core.secrets.ISecretStore;
import dev.chorus.core.transcript.EntryKind;
import dev.chorus.tests.support.LoopbackOpenAiServer;

/**
 * How fast streamed tokens reach run transcripts: N runs (1, 4, 16, 64) at once, each through the
 * whole path (OpenAI-compatible backend, SSE parsing, run events, session file appends), against a
 * loopback server that streams as fast as it can; and the same streams read bare with
 * {@code java.net.http}, counting {@code data:} lines, for the overhead. The server runs in this
 * process, so CPU figures include it in both cases. Run with {@code ./chorus bench}.
 */
public final class StreamingBenchmark {

	private static final int TOKENS_PER_REPLY = 2000;
	private static final int[] PARALLEL = { 1, 4, 16, 64 };

	public static void main(String[] args) throws Exception {
		int tokens = args.length > 0 ? Integer.parseInt(args[0]) : TOKENS_PER_REPLY;
		try (LoopbackOpenAiServer server = new LoopbackOpenAiServer()) {
			String[] pieces = new String[tokens];
			for (int i = 0; i < tokens; i++) {
				pieces[i] = "tok" + (i % 10) + ' ';
			}
			LoopbackOpenAiServer.Stream reply = LoopbackOpenAiServer.textReply(0, pieces);
			server.setReplies(request -> reply);
			Path data = Files.createTempDirectory("chorus-bench");
			BackendRegistry backends = new BackendRegistry(false);
			backends.register("dev.chorus.backend.openai", "OpenAI-compatible", "", new OpenAiBackend());
			ChorusCore core = new ChorusCore(data, new NoSecrets(), backends);
			String agent = core.agents().create("Bench", "dev.chorus.backend.openai").id();
			core.agents().updateSettings(agent, "dev.chorus.backend.openai", Map.of(OpenAiBackend.BASE_URL, server.baseUrl(), OpenAiBackend.MODEL, "m"));

			System.out.printf("Chorus streaming benchmark: %d tokens a reply, %d cores, %s %s%n", tokens,
					Runtime.getRuntime().availableProcessors(), System.getProperty("java.vm.name"), System.getProperty("java.version"));
			// Warm up both paths once, so the JIT has compiled them before measuring.
			runChorus(core, agent, 4, tokens);
			runBare(server.baseUrl(), 4, tokens);
			System.out.println(" runs | Chorus tok/s | bare tok/s | overhead | CPU ms/1k tok Chorus | CPU ms/1k tok bare | heap after (MB)");
			for (int n : PARALLEL) {
				Result chorus = runChorus(core, agent, n, tokens);
				Result bare = runBare(server.baseUrl(), n, tokens);
				System.out.printf("%5d | %12.0f | %10.0f | %7.2fx | %19.2f | %18.2f | %15.1f%n", n, chorus.tokensPerSecond(),
						bare.tokensPerSecond(), chorus.seconds / bare.seconds, chorus.cpuPerThousand(), bare.cpuPerThousand(),
						chorus.heapMb);
			}
			core.shutdown();
		}
	}

	record Result(long tokens, double seconds, double cpuMillis, double heapMb) {
		double tokensPerSecond() {
			return tokens / seconds;
		}

		double cpuPerThousand() {
			return cpuMillis / tokens * 1000;
		}
	}

	private static Result runChorus(ChorusCore core, String agent, int n, int tokens) throws Exception {
		long cpu = cpuNanos();
		long start = System.nanoTime();
		List<Run> runs = new ArrayList<>();
		for (int i = 0; i < n; i++) {
			Run run = core.runs().startNew(agent);
			run.send("go " + i);
			runs.add(run);
		}
		for (Run run : runs) {
			while (run.isGenerating()) {
				Thread.sleep(1);
			}
		}
		double seconds = (System.nanoTime() - start) / 1e9;
		double cpuMillis = (cpuNanos() - cpu) / 1e6;
		long delivered = 0;
		for (Run run : runs) {
			delivered += run.snapshot().stream().filter(e -> e.kind() == EntryKind.ASSISTANT).mapToLong(e -> e.text().split(" ").length).sum();
			String session = run.getSessionId();
			run.close();
			core.sessions().delete(session);
		}
		if (delivered != (long) n * tokens) {
			throw new IllegalStateException("delivered " + delivered + " of " + (long) n * tokens + " tokens");
		}
		return new Result(delivered, seconds, cpuMillis, heapAfterGc());
	}

	private static Result runBare(String baseUrl, int n, int tokens) throws Exception {
		HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
		ExecutorService pool = Executors.newFixedThreadPool(n);
		Map<Integer, Long> counts = new ConcurrentHashMap<>();
		long cpu = cpuNanos();
		long start = System.nanoTime();
		List<Future<?>> futures = new ArrayList<>();
		for (int i = 0; i < n; i++) {
			int index = i;
			futures.add(pool.submit(() -> {
				HttpRequest request = HttpRequest.newBuilder(URI.create(baseUrl + "/chat/completions"))
						.POST(HttpRequest.BodyPublishers.ofString("{\"messages\":[{\"role\":\"user\",\"content\":\"go\"}]}")).build();
				HttpResponse<java.io.InputStream> response = client.send(request, HttpResponse.BodyHandlers.ofInputStream());
				long count = 0;
				try (BufferedReader reader = new BufferedReader(new InputStreamReader(response.body(), StandardCharsets.UTF_8))) {
					String line;
					while ((line = reader.readLine()) != null) {
						if (line.startsWith("data: {") && line.contains("\"content\"")) {
							count++;
						}
					}
				}
				counts.put(index, count);
				return null;
			}));
		}
		for (Future<?> future : futures) {
			future.get();
		}
		double seconds = (System.nanoTime() - start) / 1e9;
		double cpuMillis = (cpuNanos() - cpu) / 1e6;
		pool.shutdown();
		long delivered = counts.values().stream().mapToLong(Long::longValue).sum();
		if (delivered != (long) n * tokens) {
			throw new IllegalStateException("read " + delivered + " of " + (long) n * tokens + " tokens");
		}
		return new Result(delivered, seconds, cpuMillis, heapAfterGc());
	}

	private static long cpuNanos() {
		return ((com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean()).getProcessCpuTime();
	}

	private static double heapAfterGc() {
		MemoryMXBean memory = ManagementFactory.getMemoryMXBean();
		for (int i = 0; i < 3; i++) {
			System.gc();
		}
		return memory.getHeapMemoryUsage().getUsed() / (1024.0 * 1024.0);
	}

	/** The benchmark's agent needs no secrets. */
	private static final class NoSecrets implements ISecretStore {
		@Override
		public Optional<String> get(String agentId, String key) {
			return Optional.empty();
		}

		@Override
		public void put(String agentId, String key, String value) {
		}

		@Override
		public void remove(String agentId, String key) {
		}

		@Override
		public void removeAll(String agentId) {
		}
	}
}
