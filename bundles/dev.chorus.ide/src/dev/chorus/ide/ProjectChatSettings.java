package dev.chorus.ide;

import org.eclipse.core.resources.IProject;
import org.eclipse.core.resources.ProjectScope;
import org.eclipse.core.runtime.IPath;
import org.eclipse.core.runtime.preferences.IEclipsePreferences;
import org.osgi.service.prefs.BackingStoreException;

/**
 * What a project says about its chats, kept in the project's own preferences
 * ({@code .settings/dev.chorus.ide.prefs}) so that a team can share it with the project.
 *
 * @param agentId the agent that New Chat uses in this project, or {@code ""} for the active agent
 * @param workingDirectory the folder given to ACP agents (their {@code cwd}), or {@code ""} for
 *        the project's own folder
 */
public record ProjectChatSettings(String agentId, String workingDirectory) {

	static final String NODE = "dev.chorus.ide"; //$NON-NLS-1$
	private static final String AGENT = "agent"; //$NON-NLS-1$
	private static final String WORKING_DIRECTORY = "workingDirectory"; //$NON-NLS-1$

	public ProjectChatSettings {
		agentId = agentId == null ? "" : agentId.strip(); //$NON-NLS-1$
		workingDirectory = workingDirectory == null ? "" : workingDirectory.strip(); //$NON-NLS-1$
	}

	/** The project's settings; the defaults when it has none. */
	public static ProjectChatSettings of(IProject project) {
		IEclipsePreferences node = new ProjectScope(project).getNode(NODE);
		return new ProjectChatSettings(node.get(AGENT, ""), node.get(WORKING_DIRECTORY, "")); //$NON-NLS-1$ //$NON-NLS-2$
	}

	/** Stores the settings with the project; defaults are removed rather than written. */
	public void save(IProject project) throws BackingStoreException {
		IEclipsePreferences node = new ProjectScope(project).getNode(NODE);
		put(node, AGENT, agentId);
		put(node, WORKING_DIRECTORY, workingDirectory);
		node.flush();
	}

	private static void put(IEclipsePreferences node, String key, String value) {
		if (value.isEmpty()) {
			node.remove(key);
		} else {
			node.put(key, value);
		}
	}

	/** The folder chats of this project work in: the one set, or the project's location. */
	public String folderFor(IProject project) {
		if (!workingDirectory.isEmpty()) {
			return workingDirectory;
		}
		IPath location = project.getLocation();
		return location == null ? null : location.toOSString();
	}
}
