package dev.chorus.core.backend;

import java.util.List;

import org.eclipse.core.runtime.IProgressMonitor;

/**
 * A kind of agent backend (OpenAI-compatible server, ACP agent program...). Contributed
 * through the extension point {@code dev.chorus.core.backends}; one shared instance per
 * contribution, so implementations are stateless and thread-safe.
 */
public interface IAgentBackend {

	/** The settings an agent of this backend has, in the order they are shown. */
	List<BackendSetting> getSettings();

	/**
	 * Opens a conversation (a new one, or the one {@link ConversationContext#backendSessionId()}
	 * names where the backend can resume it). May connect lazily on the first prompt.
	 */
	IConversation open(ConversationContext context, IProgressMonitor monitor) throws BackendException;

	/**
	 * Checks that the settings reach a working backend.
	 *
	 * @return a short description of what answered, for example "Ollama, 12 models"
	 */
	String testConnection(ConversationContext context, IProgressMonitor monitor) throws BackendException;

	/**
	 * Whether a chat opens its conversation as soon as it is shown rather than with the first
	 * message: backends whose conversation offers options and commands before any turn (an ACP
	 * agent) say yes, so that the chat can show them.
	 */
	default boolean connectsWhenShown() {
		return false;
	}

	/**
	 * The conversations the agent keeps on its side for the context's folder, newest first, where
	 * it lists them.
	 *
	 * @throws BackendException when the agent cannot be reached or does not list its sessions
	 */
	default java.util.List<RemoteSession> listSessions(ConversationContext context, IProgressMonitor monitor) throws BackendException {
		throw new BackendException(dev.chorus.core.CoreMessages.Backend_NoSessionList, null);
	}

	/**
	 * Deletes a conversation the agent keeps on its side, where it offers that; does nothing
	 * where it does not.
	 *
	 * @throws BackendException when the agent cannot be reached or refused
	 */
	default void deleteSession(ConversationContext context, String backendSessionId, IProgressMonitor monitor) throws BackendException {
		// Nothing kept on the agent's side.
	}

	/** The models the server offers, for the settings page; empty where the backend has no such list. */
	default List<String> listModels(ConversationContext context, IProgressMonitor monitor) throws BackendException {
		return List.of();
	}
}
