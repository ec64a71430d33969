package dev.chorus.core;

import java.nio.file.Path;

import org.eclipse.equinox.security.storage.SecurePreferencesFactory;

import dev.chorus.core.agents.AgentRegistry;
import dev.chorus.core.backend.BackendRegistry;
import dev.chorus.core.mcp.McpServerRegistry;
import dev.chorus.core.mcp.McpServerStore;
import dev.chorus.core.runs.RunRegistry;
import dev.chorus.core.secrets.ISecretStore;
import dev.chorus.core.secrets.SecurePreferencesSecretStore;
import dev.chorus.core.sessions.SessionStore;

/**
 * The Chorus model: agents, their secrets, sessions, live runs and the installed backends. The
 * running product and the IDE share one instance ({@link #getDefault()}); tests build their own on
 * a temporary folder.
 */
public final class ChorusCore {

	private static ChorusCore instance;

	private final Path dataFolder;
	private final ISecretStore secrets;
	private final BackendRegistry backends;
	private final AgentRegistry agents;
	private final SessionStore sessions;
	private final RunRegistry runs;
	private final McpServerRegistry mcp;

	public ChorusCore(Path dataFolder, ISecretStore secrets, BackendRegistry backends) {
		this.dataFolder = dataFolder;
		this.secrets = secrets;
		this.backends = backends;
		Path agentsFolder = dataFolder.resolve("agents"); //$NON-NLS-1$
		this.agents = new AgentRegistry(agentsFolder, secrets);
		this.sessions = new SessionStore(agentsFolder);
		this.mcp = new McpServerRegistry(new McpServerStore(dataFolder.resolve("mcp-servers.json"), secrets), //$NON-NLS-1$
				Path.of(System.getProperty("user.home"))); //$NON-NLS-1$
		this.runs = new RunRegistry(agents, sessions, backends, secrets, mcp);
		agents.setBeforeDelete(agentId -> {
			runs.closeAllOf(agentId);
			sessions.forgetAgent(agentId);
		});
	}

	/** The instance of the running application, on the documented data folder and secure storage. */
	public static synchronized ChorusCore getDefault() {
		if (instance == null) {
			instance = new ChorusCore(ChorusDataLocation.get(),
					new SecurePreferencesSecretStore(SecurePreferencesFactory.getDefault()), new BackendRegistry());
		}
		return instance;
	}

	public Path dataFolder() {
		return dataFolder;
	}

	public AgentRegistry agents() {
		return agents;
	}

	public SessionStore sessions() {
		return sessions;
	}

	public RunRegistry runs() {
		return runs;
	}

	public BackendRegistry backends() {
		return backends;
	}

	public ISecretStore secrets() {
		return secrets;
	}

	/** The MCP servers the user configured, and those running for the agents. */
	public McpServerRegistry mcp() {
		return mcp;
	}

	/** Stops every run and releases every backend, then every MCP server; called once at shutdown. */
	public void shutdown() {
		runs.stopAll();
		mcp.shutdown();
	}
}
