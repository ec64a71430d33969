package dev.chorus.core.runs;

import java.io.IOException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;

import org.eclipse.core.runtime.jobs.Job;
import org.eclipse.osgi.util.NLS;

import dev.chorus.core.CoreMessages;
import dev.chorus.core.agents.AgentRegistry;
import dev.chorus.core.backend.BackendRegistry;
import dev.chorus.core.secrets.ISecretStore;
import dev.chorus.core.sessions.SessionInfo;
import dev.chorus.core.sessions.SessionStore;

/**
 * The live runs, by run id and by session. At most one live run per session: {@link #resume} is
 * atomic, so two requests for the same session, however close together and from whatever threads,
 * get the same run. Stopping everything at shutdown is {@link #stopAll()}.
 */
public final class RunRegistry {

	/** The job family of every turn of every run. */
	public static final Object FAMILY = new Object() {
		@Override
		public String toString() {
			return "Chorus runs"; //$NON-NLS-1$
		}
	};

	/** The job family of the turns of one agent's runs. */
	public record AgentFamily(String agentId) {
	}

	private final AgentRegistry agents;
	private final SessionStore sessions;
	private final BackendRegistry backends;
	private final ISecretStore secrets;
	private final dev.chorus.core.mcp.McpServerRegistry mcp;
	private final Map<String, Run> runs = new ConcurrentHashMap<>();
	private final Map<String, Run> bySession = new ConcurrentHashMap<>();
	private final List<Run> order = new CopyOnWriteArrayList<>();
	private final List<IRunRegistryListener> listeners = new CopyOnWriteArrayList<>();

	public RunRegistry(AgentRegistry agents, SessionStore sessions, BackendRegistry backends, ISecretStore secrets,
			dev.chorus.core.mcp.McpServerRegistry mcp) {
		this.agents = agents;
		this.sessions = sessions;
		this.backends = backends;
		this.secrets = secrets;
		this.mcp = mcp;
	}

	public static Object familyOf(String agentId) {
		return new AgentFamily(agentId);
	}

	AgentRegistry agents() {
		return agents;
	}

	SessionStore sessions() {
		return sessions;
	}

	BackendRegistry backends() {
		return backends;
	}

	ISecretStore secrets() {
		return secrets;
	}

	dev.chorus.core.mcp.McpServerRegistry mcp() {
		return mcp;
	}

	/** A new, blank run with the agent; an existing blank run of the agent is reused instead. */
	public Run startNew(String agentId) {
		return startNew(agentId, null);
	}

	/**
	 * A new, blank run with the agent working in the folder; an existing blank run of the agent in
	 * the same folder is reused instead.
	 *
	 * @param workingDirectory the folder (a project's), kept with the session for its resumes, or
	 *        {@code null} for the agent's own
	 */
	public synchronized Run startNew(String agentId, String workingDirectory) {
		if (agents.get(agentId).isEmpty()) {
			throw new IllegalArgumentException(NLS.bind(CoreMessages.Run_AgentGone, agentId));
		}
		for (Run run : order) {
			if (run.getAgentId().equals(agentId) && run.isBlank()
					&& Objects.equals(run.getWorkingDirectory(), workingDirectory)) {
				return run;
			}
		}
		return register(new Run(this, agentId, workingDirectory, null, List.of()));
	}

	/**
	 * The live run of the session, or a new run that resumes it. Atomic: concurrent calls for one
	 * session return one run.
	 *
	 * @throws IllegalArgumentException when there is no such session or it cannot be read
	 */
	public synchronized Run resume(String sessionId) {
		Run live = bySession.get(sessionId);
		if (live != null) {
			return live;
		}
		SessionInfo session = sessions.get(sessionId)
				.orElseThrow(() -> new IllegalArgumentException(NLS.bind(CoreMessages.Session_Unknown, sessionId)));
		try {
			dev.chorus.core.sessions.SessionContent content = sessions.load(sessionId);
			return register(new Run(this, session.agentId(), null, session, content.entries(), content.configChoices()));
		} catch (IOException e) {
			throw new IllegalArgumentException(e.getMessage(), e);
		}
	}

	private Run register(Run run) {
		runs.put(run.getRunId(), run);
		order.add(run);
		if (run.getSessionId() != null) {
			bySession.put(run.getSessionId(), run);
		}
		listeners.forEach(listener -> listener.runOpened(run));
		return run;
	}

	void sessionAssigned(Run run) {
		bySession.put(run.getSessionId(), run);
	}

	void closed(Run run) {
		runs.remove(run.getRunId());
		order.remove(run);
		if (run.getSessionId() != null) {
			bySession.remove(run.getSessionId(), run);
		}
		listeners.forEach(listener -> listener.runClosed(run));
	}

	public Optional<Run> get(String runId) {
		return Optional.ofNullable(runs.get(runId));
	}

	public Optional<Run> findBySession(String sessionId) {
		return sessionId == null ? Optional.empty() : Optional.ofNullable(bySession.get(sessionId));
	}

	public boolean isLive(String sessionId) {
		return bySession.containsKey(sessionId);
	}

	/** The live runs, oldest first. */
	public List<Run> list() {
		return List.copyOf(order);
	}

	/** Closes every run of the agent (before it is deleted). */
	public void closeAllOf(String agentId) {
		List<Run> ofAgent = order.stream().filter(run -> run.getAgentId().equals(agentId)).toList();
		ofAgent.forEach(Run::close);
		waitForJobs(RunRegistry.familyOf(agentId), 5000);
	}

	/**
	 * Stops and closes every run, waits (at most five seconds) for their jobs to end, and releases
	 * every backend: no thread or child process of a run is left.
	 */
	public void stopAll() {
		List<Run> all = new ArrayList<>(order);
		all.sort(Comparator.comparing(Run::getRunId));
		all.forEach(Run::close);
		waitForJobs(FAMILY, 5000);
		all.forEach(Run::release);
	}

	private static void waitForJobs(Object family, long timeoutMillis) {
		long end = System.currentTimeMillis() + timeoutMillis;
		while (Job.getJobManager().find(family).length > 0 && System.currentTimeMillis() < end) {
			try {
				Thread.sleep(20);
			} catch (InterruptedException e) {
				Thread.currentThread().interrupt();
				return;
			}
		}
	}

	void fireStateChanged(Run run, RunState old, RunState now) {
		listeners.forEach(listener -> listener.runStateChanged(run, old, now));
	}

	void fireFileChanged(Run run, java.nio.file.Path file) {
		listeners.forEach(listener -> listener.fileChanged(run, file));
	}

	void fireTitleChanged(Run run) {
		listeners.forEach(listener -> listener.runTitleChanged(run));
	}

	public void addRegistryListener(IRunRegistryListener listener) {
		listeners.add(listener);
	}

	public void removeRegistryListener(IRunRegistryListener listener) {
		listeners.remove(listener);
	}
}
