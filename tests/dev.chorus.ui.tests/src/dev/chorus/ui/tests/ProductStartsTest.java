package dev.chorus.ui.tests;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertNotNull;
import static org.junit.Assert.assertTrue;

import java.io.File;
import java.util.ArrayList;
import java.util.List;

import org.eclipse.core.runtime.ILogListener;
import org.eclipse.core.runtime.IStatus;
import org.eclipse.core.runtime.Platform;
import org.eclipse.ui.IViewPart;
import org.eclipse.ui.IWorkbenchPage;
import org.eclipse.ui.IWorkbenchWindow;
import org.eclipse.ui.PlatformUI;
import org.junit.After;
import org.junit.Before;
import org.junit.Test;

import dev.chorus.ui.ChorusPerspective;
import dev.chorus.ui.ChorusUI;

/**
 * The product, started by its own application under the UI harness, opens a real workbench in the
 * Chorus perspective with the Sessions view beside the editor area, and logs no error.
 */
public class ProductStartsTest {

	private final List<IStatus> errors = new ArrayList<>();
	private final ILogListener listener = (status, plugin) -> {
		if (status.matches(IStatus.ERROR)) {
			errors.add(status);
		}
	};

	@Before
	public void listenToLog() {
		Platform.addLogListener(listener);
	}

	@After
	public void stopListening() {
		Platform.removeLogListener(listener);
	}

	@Test
	public void startsInTheChorusPerspectiveWithTheSessionsView() {
		assertEquals("the product's own application runs", "dev.chorus.app.product", Platform.getProduct().getId()); //$NON-NLS-1$ //$NON-NLS-2$
		IWorkbenchWindow window = PlatformUI.getWorkbench().getActiveWorkbenchWindow();
		assertNotNull("a workbench window is open", window); //$NON-NLS-1$
		IWorkbenchPage page = window.getActivePage();
		assertEquals(ChorusPerspective.ID, page.getPerspective().getId());
		IViewPart sessions = page.findView(ChorusUI.SESSIONS_VIEW_ID);
		assertNotNull("the Sessions view is open", sessions); //$NON-NLS-1$
		assertTrue("the editor area is visible", page.isEditorAreaVisible()); //$NON-NLS-1$
		assertTrue(sessions.getViewSite().getShell().isVisible());

		File shot = Screenshots.capture(window.getShell(), "01-started"); //$NON-NLS-1$
		assertTrue(shot.length() > 0);
		assertTrue("no error was logged: " + errors, errors.isEmpty()); //$NON-NLS-1$
	}
}
