package dev.chorus.discovery;

import java.net.http.HttpClient;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import org.eclipse.core.runtime.IProgressMonitor;
import org.eclipse.core.runtime.SubMonitor;

/**
 * Looks for agents that are already installed: OpenAI-compatible servers answering
 * {@code GET /v1/models} on their usual ports of 127.0.0.1 (never another address), and ACP
 * programs on the PATH answering {@code initialize}. Every probe runs at once on a thread of its
 * own, each bounded in time, so the whole search takes about as long as the slowest probe's
 * timeout (two seconds by default); a cancelled monitor ends it early, programs ended.
 */
public final class AgentFinder {

	/** What to look for, and how long to wait for each. */
	public record Options(List<KnownAgents.Server> servers, List<KnownAgents.Program> programs, String searchPath,
			Duration serverTimeout, Duration programTimeout) {

		public Options {
			servers = List.copyOf(servers);
			programs = List.copyOf(programs);
		}

		/** The usual ports and programs, on the PATH of this process. */
		public static Options defaults() {
			String path = System.getenv("PATH"); //$NON-NLS-1$
			return new Options(KnownAgents.SERVERS, KnownAgents.PROGRAMS, path == null ? "" : path, //$NON-NLS-1$
					Duration.ofMillis(1500), Duration.ofMillis(2000));
		}
	}

	/** What the search found, in the order of the options (servers first). */
	public record Result(List<FoundAgent> found) {

		public Result {
			found = List.copyOf(found);
		}
	}

	private final Options options;

	public AgentFinder(Options options) {
		this.options = options;
	}

	public Options options() {
		return options;
	}

	/** Runs every probe; returns what answered (and the ACP programs on the PATH that were too slow). */
	public Result find(IProgressMonitor monitor) {
		List<KnownAgents.Program> programs = new ArrayList<>();
		List<Path> executables = new ArrayList<>();
		List<String> seen = new ArrayList<>();
		for (KnownAgents.Program program : options.programs()) {
			Optional<Path> executable = ProgramPath.find(program.executable(), options.searchPath());
			// One agent per product: the adapter's current name wins over its earlier one.
			if (executable.isPresent() && !seen.contains(program.name())) {
				seen.add(program.name());
				programs.add(program);
				executables.add(executable.get());
			}
		}
		int probes = options.servers().size() + programs.size();
		SubMonitor progress = SubMonitor.convert(monitor, Messages.Finder_Task, probes);
		HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
				.connectTimeout(options.serverTimeout()).followRedirects(HttpClient.Redirect.NEVER).build();
		ExecutorService probing = Executors.newVirtualThreadPerTaskExecutor();
		try {
			List<Future<Optional<FoundAgent>>> futures = new ArrayList<>();
			for (KnownAgents.Server server : options.servers()) {
				futures.add(probing.submit(() -> ServerProbe.probe(client, server, options.serverTimeout())));
			}
			for (int i = 0; i < programs.size(); i++) {
				KnownAgents.Program program = programs.get(i);
				Path executable = executables.get(i);
				futures.add(probing.submit(() -> AcpProbe.probe(program, executable, options.programTimeout())));
			}
			// Each probe bounds itself; this bound only guards against one that does not.
			long longest = Math.max(options.serverTimeout().toMillis(), options.programTimeout().toMillis());
			long deadline = System.currentTimeMillis() + 2 * longest + 2_000;
			List<FoundAgent> found = new ArrayList<>();
			for (Future<Optional<FoundAgent>> future : futures) {
				Optional<FoundAgent> agent = await(future, deadline, progress);
				agent.ifPresent(found::add);
				progress.worked(1);
			}
			return new Result(found);
		} finally {
			// Interrupts probes still running (cancelled): their programs are ended as they stop.
			probing.shutdownNow();
			client.shutdownNow();
			try {
				probing.awaitTermination(3, TimeUnit.SECONDS);
			} catch (InterruptedException e) {
				Thread.currentThread().interrupt();
			}
		}
	}

	private static Optional<FoundAgent> await(Future<Optional<FoundAgent>> future, long deadline, IProgressMonitor monitor) {
		while (true) {
			if (monitor.isCanceled()) {
				future.cancel(true);
				return Optional.empty();
			}
			long left = deadline - System.currentTimeMillis();
			if (left <= 0) {
				future.cancel(true);
				return Optional.empty();
			}
			try {
				return future.get(Math.min(left, 50), TimeUnit.MILLISECONDS);
			} catch (TimeoutException e) {
				// Still probing: look at the monitor again.
			} catch (ExecutionException e) {
				return Optional.empty();
			} catch (InterruptedException e) {
				Thread.currentThread().interrupt();
				future.cancel(true);
				return Optional.empty();
			}
		}
	}
}
