package dev.chorus.core.runs;

import java.io.IOException;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Optional;

import org.eclipse.core.runtime.IProgressMonitor;
import org.eclipse.osgi.util.NLS;

import dev.chorus.core.CoreMessages;
import dev.chorus.core.agents.AgentProfile;
import dev.chorus.core.backend.BackendException;
import dev.chorus.core.backend.ISessionSink;
import dev.chorus.core.backend.RemoteSession;
import dev.chorus.core.sessions.SessionInfo;
import dev.chorus.core.sessions.SessionWriter;

/**
 * The conversations an agent keeps on its side: listed with the agent's {@code session/list} and
 * imported into the Sessions view, each as a session that names the agent's id, so that resuming
 * it takes the agent's conversation up again and the agent replays its history into the chat
 * (importing one twice finds the first); deleted on the agent's side with the session.
 */
public final class AgentSessions {

	private AgentSessions() {
	}

	/** The agent's sessions for its folder. */
	public static List<RemoteSession> list(RunRegistry registry, String agentId, IProgressMonitor monitor) throws BackendException {
		AgentProfile agent = RunConversations.agent(registry, agentId);
		return RunConversations.backend(registry, agent).backend()
				.listSessions(RunConversations.context(registry, agent, null, null, ISessionSink.NONE), monitor);
	}

	/** Deletes the session's conversation on the agent's side, where the agent keeps one and offers that. */
	public static void deleteOnAgent(RunRegistry registry, SessionInfo session, IProgressMonitor monitor) throws BackendException {
		if (session.backendSessionId() != null && registry.agents().get(session.agentId()).isPresent()) {
			AgentProfile agent = RunConversations.agent(registry, session.agentId());
			RunConversations.backend(registry, agent).backend().deleteSession(
					RunConversations.context(registry, agent, session.workingDirectory(), null, ISessionSink.NONE),
					session.backendSessionId(), monitor);
		}
	}

	/**
	 * Imports one of the agent's sessions; returns it, or empty when it was imported before.
	 *
	 * @throws IOException when the session cannot be written
	 */
	public static Optional<SessionInfo> importSession(RunRegistry registry, String agentId, RemoteSession remote) throws IOException {
		String id = ("agent-" + agentId + '-' + remote.id()).replaceAll("[^A-Za-z0-9._-]", "_"); //$NON-NLS-1$ //$NON-NLS-2$ //$NON-NLS-3$
		if (id.length() > 128) {
			id = id.substring(0, 96) + '-' + Integer.toHexString(remote.id().hashCode());
		}
		Instant updated = Instant.now();
		try {
			updated = remote.updatedAt() == null ? updated : Instant.parse(remote.updatedAt());
		} catch (DateTimeParseException e) {
			// Kept as now.
		}
		String title = remote.title() == null || remote.title().isBlank() ? NLS.bind(CoreMessages.Import_Untitled, remote.id()) : remote.title();
		Optional<SessionInfo> imported = registry.sessions().importSession(id, agentId, title, updated, updated, List.of());
		if (imported.isPresent()) {
			try (SessionWriter writer = registry.sessions().openWriter(imported.get().id())) {
				writer.backendSessionId(remote.id());
			}
		}
		return imported;
	}
}
