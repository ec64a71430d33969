package dev.chorus.core.backend;

import java.util.List;

import org.eclipse.core.runtime.IProgressMonitor;

/**
 * One conversation with a backend, open for as long as its run is. Turns are sequential: the
 * run never calls {@link #prompt} again before the previous call returned.
 */
public interface IConversation extends AutoCloseable {

	/**
	 * Sends one user message and streams the answer into the sink; returns when the turn ends.
	 *
	 * @param history the completed messages before this one, oldest first (backends that keep
	 *        their own state, such as ACP agents, may ignore it)
	 * @param userText the new message
	 * @param sink where the answer goes
	 * @param monitor cancelled when the user stops the run; the call then returns promptly
	 *        (within a second) with {@link StopReason#CANCELLED}
	 * @throws BackendException when the turn failed; what was streamed before stays recorded
	 */
	StopReason prompt(List<HistoryMessage> history, String userText, ITurnSink sink, IProgressMonitor monitor)
			throws BackendException;

	/**
	 * Sends one user message with what the user attached to it; by default the attachments are
	 * put into the text (files read as they are now), for backends that take text only.
	 *
	 * @see #prompt(List, String, ITurnSink, IProgressMonitor)
	 */
	default StopReason prompt(List<HistoryMessage> history, String userText, List<dev.chorus.core.transcript.Attachment> attachments,
			ITurnSink sink, IProgressMonitor monitor) throws BackendException {
		return prompt(history, AttachmentText.inline(userText, attachments), sink, monitor);
	}

	/**
	 * Interrupts the turn in flight from any thread: closes its network stream or tells the
	 * agent to cancel. {@link #prompt} returns promptly afterwards.
	 */
	void cancel();

	/**
	 * Changes one of the options the conversation reported through
	 * {@link ISessionSink#configOptions}; the new set of values is reported there too.
	 *
	 * @param id the option's id
	 * @param value a choice's value, or {@code "true"}/{@code "false"} for a boolean
	 * @throws BackendException when the agent refused the value or does not offer options
	 */
	default void setConfigOption(String id, String value, IProgressMonitor monitor) throws BackendException {
		throw new BackendException(dev.chorus.core.CoreMessages.Conversation_NoOptions, null);
	}

	/** Whether the agent offers to log out ({@link #logOut}). */
	default boolean canLogOut() {
		return false;
	}

	/**
	 * Logs out of the agent; the conversation is closed after, and the next one logs in again.
	 *
	 * @throws BackendException when the agent refused or does not offer it
	 */
	default void logOut(IProgressMonitor monitor) throws BackendException {
		throw new BackendException(dev.chorus.core.CoreMessages.Conversation_NoLogout, null);
	}

	/** Releases everything the conversation holds: connections, child processes, threads. */
	@Override
	void close();
}
