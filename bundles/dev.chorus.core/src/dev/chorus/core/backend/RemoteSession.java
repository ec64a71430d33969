package dev.chorus.core.backend;

/**
 * A conversation an agent keeps on its side (ACP {@code session/list}), to import into Chorus.
 *
 * @param id the agent's id of it
 * @param title its title, or {@code null}
 * @param updatedAt when it last changed, as the agent gave it (ISO 8601), or {@code null}
 * @param workingDirectory the folder it works in
 */
public record RemoteSession(String id, String title, String updatedAt, String workingDirectory) {
}
