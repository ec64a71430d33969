package dev.chorus.ui.chat;

import org.eclipse.ui.IPartListener2;
import org.eclipse.ui.IWorkbenchPage;
import org.eclipse.ui.IWorkbenchPartReference;
import org.eclipse.ui.IWorkbenchWindow;
import org.eclipse.ui.PartInitException;
import org.eclipse.ui.PlatformUI;

import dev.chorus.ui.ChorusPerspective;
import dev.chorus.ui.agents.ActiveAgent;

/**
 * Keeps the editor area of the Chorus perspective from going blank: when the last editor closes,
 * a blank chat with the active agent opens, which offers every agent to talk to. A blank chat
 * connects to nothing until the user sends a message.
 */
public final class EditorAreaKeeper implements IPartListener2 {

	private final IWorkbenchPage page;

	private EditorAreaKeeper(IWorkbenchPage page) {
		this.page = page;
	}

	/** Watches the page, and fills its editor area now if it is empty. */
	public static void install(IWorkbenchWindow window) {
		IWorkbenchPage page = window.getActivePage();
		if (page == null) {
			return;
		}
		// Chats are not restored with the window (a run ends with the process; sessions are resumed
		// from the Sessions view), but a window state saved while chats were open still lists them,
		// and the workbench would show each as an error tab: they go before the area is filled.
		if (page.getEditorReferences().length > 0) {
			page.closeEditors(page.getEditorReferences(), false);
		}
		EditorAreaKeeper keeper = new EditorAreaKeeper(page);
		page.addPartListener(keeper);
		keeper.fillIfEmpty();
	}

	@Override
	public void partClosed(IWorkbenchPartReference reference) {
		if (reference.getId().equals(ChatEditor.ID)) {
			reference.getPage().getWorkbenchWindow().getShell().getDisplay().asyncExec(this::fillIfEmpty);
		}
	}

	private void fillIfEmpty() {
		if (PlatformUI.getWorkbench().isClosing() || page.getWorkbenchWindow().getShell() == null
				|| page.getWorkbenchWindow().getShell().isDisposed()) {
			return;
		}
		boolean chorus = page.getPerspective() != null && ChorusPerspective.ID.equals(page.getPerspective().getId());
		if (chorus && page.getEditorReferences().length == 0) {
			try {
				Chats.newChat(page, ActiveAgent.get().getId());
			} catch (PartInitException e) {
				org.eclipse.ui.statushandlers.StatusManager.getManager().handle(e.getStatus(),
						org.eclipse.ui.statushandlers.StatusManager.LOG);
			}
		}
	}
}
