package dev.chorus.ui.chat;

import java.util.Optional;

import org.eclipse.ui.IEditorPart;
import org.eclipse.ui.IEditorReference;
import org.eclipse.ui.IWorkbenchPage;
import org.eclipse.ui.PartInitException;

import dev.chorus.core.ChorusCore;
import dev.chorus.core.runs.Run;
import dev.chorus.ui.agents.ActiveAgent;

/**
 * Opening chats in the workbench: one editor per run. Resuming a session that already has a live
 * run activates its editor; the run registry hands out one run per session, and the editor input's
 * equality by run id makes the workbench reuse the open editor, however fast the requests come.
 */
public final class Chats {

	private Chats() {
	}

	/** Opens a chat with the agent (reusing a blank one of that agent if there is one). */
	public static ChatEditor newChat(IWorkbenchPage page, String agentId) throws PartInitException {
		return newChat(page, agentId, null);
	}

	/**
	 * Opens a chat with the agent working in the folder (a project's), reusing a blank one of that
	 * agent and folder if there is one.
	 *
	 * @param workingDirectory the folder, or {@code null} for the agent's own
	 */
	public static ChatEditor newChat(IWorkbenchPage page, String agentId, String workingDirectory) throws PartInitException {
		Run run = ChorusCore.getDefault().runs().startNew(agentId, workingDirectory);
		return open(page, run);
	}

	/** Opens a chat with the active agent. */
	public static ChatEditor newChat(IWorkbenchPage page) throws PartInitException {
		return newChat(page, ActiveAgent.get().getId());
	}

	/** Shows the session's live run, resuming the session if it has none. */
	public static ChatEditor resume(IWorkbenchPage page, String sessionId) throws PartInitException {
		Run run = ChorusCore.getDefault().runs().resume(sessionId);
		return open(page, run);
	}

	/** The open editor of a run, if any. */
	/** The chat the user looked at last in the page, if one is open. */
	public static Optional<ChatEditor> lastShown(IWorkbenchPage page) {
		return Optional.ofNullable(RecentChats.last(page));
	}

	public static Optional<ChatEditor> findEditor(IWorkbenchPage page, Run run) {
		for (IEditorReference reference : page.getEditorReferences()) {
			if (ChatEditor.ID.equals(reference.getId())) {
				IEditorPart editor = reference.getEditor(false);
				if (editor instanceof ChatEditor chat && chat.getRun() == run) {
					return Optional.of(chat);
				}
			}
		}
		return Optional.empty();
	}

	private static ChatEditor open(IWorkbenchPage page, Run run) throws PartInitException {
		Optional<ChatEditor> open = findEditor(page, run);
		if (open.isPresent()) {
			page.activate(open.get());
			return open.get();
		}
		return (ChatEditor) page.openEditor(new ChatEditorInput(run), ChatEditor.ID, true);
	}

	/** Moves a blank chat to another agent, instead of opening one more editor. */
	static void rehome(ChatEditor editor, String agentId) {
		Run current = editor.getRun();
		if (current.getSessionId() != null || current.isGenerating()) {
			try {
				newChat(editor.getSite().getPage(), agentId);
			} catch (PartInitException e) {
				org.eclipse.ui.statushandlers.StatusManager.getManager().handle(e.getStatus(),
						org.eclipse.ui.statushandlers.StatusManager.SHOW);
			}
			return;
		}
		ActiveAgent.get().setId(agentId);
		Run target = ChorusCore.getDefault().runs().startNew(agentId);
		IWorkbenchPage page = editor.getSite().getPage();
		Optional<ChatEditor> other = findEditor(page, target);
		if (other.isPresent() && other.get() != editor) {
			page.closeEditor(editor, false);
			page.activate(other.get());
		} else {
			editor.switchRun(target);
		}
	}
}
