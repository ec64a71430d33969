package dev.chorus.backend.acp;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import org.eclipse.core.runtime.IProgressMonitor;
import org.eclipse.osgi.util.NLS;

import dev.chorus.core.backend.BackendException;
import dev.chorus.core.backend.ISessionSink;
import dev.chorus.core.backend.PermissionRequest;
import dev.chorus.core.transcript.ToolCall;
import dev.chorus.core.rpc.JsonRpcPeer;

/**
 * Logging in to an agent that answered a session request with "authentication required": the
 * ways it offers are shown in the chat as choices; one the agent runs itself is chosen with
 * {@code authenticate}. A way that needs the agent's own login in a terminal is named with its
 * command line, for the user to run. Nothing secret passes through Chorus.
 */
final class AcpLogin {

	private static final String NOT_NOW = "chorus.notNow"; //$NON-NLS-1$

	private final AcpConversation conversation;
	private final AcpCapabilities capabilities;
	private final ISessionSink session;

	AcpLogin(AcpConversation conversation, AcpCapabilities capabilities, ISessionSink session) {
		this.conversation = conversation;
		this.capabilities = capabilities;
		this.session = session;
	}

	/** Asks, logs in, and returns; throws when the user said no or the login failed. */
	void logIn(JsonRpcPeer.RemoteError refusal, IProgressMonitor monitor) throws BackendException {
		String agent = conversation.commandName();
		List<AcpCapabilities.AuthMethod> methods = capabilities.authMethods();
		List<PermissionRequest.Option> options = new ArrayList<>();
		StringBuilder details = new StringBuilder();
		StringBuilder terminalWays = new StringBuilder();
		for (AcpCapabilities.AuthMethod method : methods) {
			if (method.terminal()) {
				terminalWays.append("\n  ").append(agent).append(' ').append(String.join(" ", method.args())); //$NON-NLS-1$ //$NON-NLS-2$
				continue;
			}
			options.add(new PermissionRequest.Option(method.id(), method.name(), "allow_once")); //$NON-NLS-1$
			details.append(method.name());
			if (method.description() != null && !method.description().isBlank()) {
				details.append(": ").append(method.description()); //$NON-NLS-1$
			}
			details.append('\n');
		}
		if (options.isEmpty()) {
			String hint = terminalWays.length() > 0 ? NLS.bind(Messages.Login_InTerminal, terminalWays) : Messages.Error_AuthRequiredHint;
			throw new BackendException(NLS.bind(Messages.Error_AuthRequired, agent, refusal.getMessage()), hint, refusal);
		}
		options.add(new PermissionRequest.Option(NOT_NOW, Messages.Login_NotNow, "reject_once")); //$NON-NLS-1$
		ToolCall question = new ToolCall("login", NLS.bind(Messages.Login_Question, agent), "login", ToolCall.STATUS_PENDING, //$NON-NLS-1$ //$NON-NLS-2$
				details.toString().strip(), null);
		Optional<String> chosen = session.ask(new PermissionRequest(question, options), monitor);
		if (chosen.isEmpty() || chosen.get().equals(NOT_NOW)) {
			throw new BackendException(NLS.bind(Messages.Error_AuthRequired, agent, refusal.getMessage()), Messages.Login_Declined, refusal);
		}
		try {
			conversation.authenticate(chosen.get(), monitor);
		} catch (BackendException e) {
			throw new BackendException(NLS.bind(Messages.Login_Failed, agent, e.getMessage()), Messages.Login_FailedHint, e);
		}
	}
}
