package dev.chorus.backend.acp;

import java.util.List;

import org.eclipse.core.runtime.IProgressMonitor;
import org.eclipse.osgi.util.NLS;

import dev.chorus.core.backend.BackendException;
import dev.chorus.core.backend.BackendSetting;
import dev.chorus.core.backend.BackendSetting.Type;
import dev.chorus.core.backend.ConversationContext;
import dev.chorus.core.backend.IAgentBackend;
import dev.chorus.core.backend.IConversation;
import dev.chorus.core.backend.ISessionSink;

/**
 * Agent programs that speak the Agent Client Protocol (protocol version 1) over their stdio: Gemini
 * CLI, Goose, OpenCode, Qwen Code, the Hermes agent, Claude Code and Codex through their adapters.
 * The agent keeps the conversation; Chorus resumes it with {@code session/load} where offered.
 */
public class AcpBackend implements IAgentBackend {

	public static final String COMMAND = "command"; //$NON-NLS-1$
	public static final String ENVIRONMENT = "environment"; //$NON-NLS-1$
	public static final String WORKING_DIRECTORY = "workingDirectory"; //$NON-NLS-1$
	public static final String START_TIMEOUT = "startTimeoutSeconds"; //$NON-NLS-1$
	/** More MCP servers, for this agent only: {@code name=command} or {@code name=url} lines. */
	public static final String MCP_SERVERS = "mcpServers"; //$NON-NLS-1$
	/** The MCP servers configured for every agent that this one hands to its sessions. */
	public static final String MCP_SERVER_IDS = dev.chorus.core.backend.ConversationContext.MCP_SERVERS;
	public static final String API_KEY_VARIABLE = "apiKeyVariable"; //$NON-NLS-1$
	/** A secret: in secure storage, given to the agent as the variable {@link #API_KEY_VARIABLE} names. */
	public static final String API_KEY = "apiKey"; //$NON-NLS-1$

	@Override
	public List<BackendSetting> getSettings() {
		return List.of(new BackendSetting(COMMAND, Messages.Setting_Command, Type.COMMAND, "", Messages.Setting_CommandHelp), //$NON-NLS-1$
				new BackendSetting(ENVIRONMENT, Messages.Setting_Environment, Type.KEY_VALUES, "", Messages.Setting_EnvironmentHelp), //$NON-NLS-1$
				new BackendSetting(API_KEY_VARIABLE, Messages.Setting_ApiKeyVariable, Type.TEXT, "", Messages.Setting_ApiKeyVariableHelp), //$NON-NLS-1$
				new BackendSetting(API_KEY, Messages.Setting_ApiKey, Type.SECRET, "", Messages.Setting_ApiKeyHelp), //$NON-NLS-1$
				new BackendSetting(WORKING_DIRECTORY, Messages.Setting_WorkingDirectory, Type.DIRECTORY, "", Messages.Setting_WorkingDirectoryHelp), //$NON-NLS-1$
				new BackendSetting(START_TIMEOUT, Messages.Setting_StartTimeout, Type.NUMBER, "30", Messages.Setting_StartTimeoutHelp), //$NON-NLS-1$
				new BackendSetting(MCP_SERVER_IDS, Messages.Setting_ConfiguredMcpServers, Type.MCP_SERVERS, "", Messages.Setting_ConfiguredMcpServersHelp), //$NON-NLS-1$
				new BackendSetting(MCP_SERVERS, Messages.Setting_McpServers, Type.KEY_VALUES, "", Messages.Setting_McpServersHelp)); //$NON-NLS-1$
	}

	@Override
	public IConversation open(ConversationContext context, IProgressMonitor monitor) throws BackendException {
		return AcpConversation.start(AcpSettings.of(context), context.backendSessionId(), context.session(), monitor);
	}

	/** An agent's options and commands come with its session: the chat connects when shown. */
	@Override
	public boolean connectsWhenShown() {
		return true;
	}

	@Override
	public List<dev.chorus.core.backend.RemoteSession> listSessions(ConversationContext context, IProgressMonitor monitor)
			throws BackendException {
		AcpConversation conversation = AcpConversation.start(AcpSettings.of(context), null, ISessionSink.NONE, monitor, false);
		try {
			return conversation.listSessions(monitor);
		} finally {
			conversation.close();
		}
	}

	/** {@code session/delete}, where the agent advertises it: the agent is started for it and ended after. */
	@Override
	public void deleteSession(ConversationContext context, String backendSessionId, IProgressMonitor monitor) throws BackendException {
		AcpConversation conversation = AcpConversation.start(AcpSettings.of(context), null, ISessionSink.NONE, monitor, false);
		try {
			conversation.deleteSession(backendSessionId, monitor);
		} finally {
			conversation.close();
		}
	}

	@Override
	public String testConnection(ConversationContext context, IProgressMonitor monitor) throws BackendException {
		AcpConversation conversation = AcpConversation.start(AcpSettings.of(context), null, ISessionSink.NONE, monitor);
		try {
			return NLS.bind(Messages.Test_Connected, conversation.describeAgent());
		} finally {
			conversation.close();
		}
	}
}
