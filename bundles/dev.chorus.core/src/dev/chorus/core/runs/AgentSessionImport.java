package dev.chorus.core.runs;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Optional;

import org.eclipse.core.runtime.IProgressMonitor;
import org.eclipse.osgi.util.NLS;

import dev.chorus.core.CoreMessages;
import dev.chorus.core.agents.AgentProfile;
import dev.chorus.core.backend.BackendDescriptor;
import dev.chorus.core.backend.BackendException;
import dev.chorus.core.backend.ConversationContext;
import dev.chorus.core.backend.ISessionSink;
import dev.chorus.core.backend.RemoteSession;
import dev.chorus.core.sessions.SessionInfo;
import dev.chorus.core.sessions.SessionWriter;

/**
 * Brings the conversations an agent keeps on its side into the Sessions view: listed with the
 * agent's {@code session/list}, each imported as a session that names the agent's id, so that
 * resuming it takes the agent's conversation up again and the agent replays its history into the
 * chat. Importing one twice finds the first.
 */
public final class AgentSessionImport {

	private AgentSessionImport() {
	}

	/** The agent's sessions for its folder. */
	public static List<RemoteSession> list(RunRegistry registry, String agentId, IProgressMonitor monitor) throws BackendException {
		AgentProfile agent = registry.agents().get(agentId)
				.orElseThrow(() -> new BackendException(NLS.bind(CoreMessages.Run_AgentGone, agentId), null));
		BackendDescriptor backend = registry.backends().get(agent.backendId()).orElseThrow(() -> new BackendException(
				NLS.bind(CoreMessages.Run_BackendMissing, agent.backendId()), CoreMessages.Run_BackendMissingHint));
		String folder = agent.settings().get("workingDirectory"); //$NON-NLS-1$
		Path workingDirectory = folder == null || folder.isBlank() ? Path.of(System.getProperty("user.home")) : Path.of(folder); //$NON-NLS-1$
		ConversationContext context = new ConversationContext(agent.id(), agent.settings(),
				key -> registry.secrets().get(agent.id(), key), null, workingDirectory, ISessionSink.NONE);
		return backend.backend().listSessions(context, monitor);
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
