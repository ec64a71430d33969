package dev.chorus.core.sessions;

import java.nio.file.Path;
import java.time.Instant;

/**
 * What the Sessions view shows of a session without replaying it.
 *
 * @param id the session's id (also its file name)
 * @param agentId the agent it talks to
 * @param title the title, or {@code ""} before the first message
 * @param created when it was created
 * @param updated when something last happened in it
 * @param backendSessionId the backend's own id of the conversation (ACP session id), or {@code null}
 * @param messageCount messages of the user and the agent
 * @param totalTokens tokens reported by the backend, over all turns
 * @param file the JSON Lines file it is stored in
 * @param workingDirectory the folder the session works in when it was started for one (a project
 *        in the Eclipse IDE), or {@code null} for the agent's own
 */
public record SessionInfo(String id, String agentId, String title, Instant created, Instant updated,
		String backendSessionId, int messageCount, long totalTokens, Path file, String workingDirectory) {

	/** The same session with other activity figures. */
	SessionInfo with(String newTitle, Instant newUpdated, String newBackendSessionId, int newMessageCount, long newTotalTokens) {
		return new SessionInfo(id, agentId, newTitle, created, newUpdated, newBackendSessionId, newMessageCount,
				newTotalTokens, file, workingDirectory);
	}
}
