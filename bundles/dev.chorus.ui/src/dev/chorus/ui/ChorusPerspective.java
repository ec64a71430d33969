package dev.chorus.ui;

import org.eclipse.ui.IFolderLayout;
import org.eclipse.ui.IPageLayout;
import org.eclipse.ui.IPerspectiveFactory;

/** The Chorus perspective: the Sessions view beside the editor area where chats open. */
public class ChorusPerspective implements IPerspectiveFactory {

	public static final String ID = "dev.chorus.ui.perspective"; //$NON-NLS-1$

	@Override
	public void createInitialLayout(IPageLayout layout) {
		layout.setEditorAreaVisible(true);
		IFolderLayout left = layout.createFolder("left", IPageLayout.LEFT, 0.26f, layout.getEditorArea()); //$NON-NLS-1$
		left.addView(ChorusUI.SESSIONS_VIEW_ID);
		layout.getViewLayout(ChorusUI.SESSIONS_VIEW_ID).setCloseable(true);
		layout.addShowViewShortcut(ChorusUI.SESSIONS_VIEW_ID);
		layout.addShowViewShortcut(IPageLayout.ID_PROGRESS_VIEW);
	}
}
