package dev.chorus.ui.tests;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertNotNull;
import static org.junit.Assert.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import org.eclipse.jface.wizard.WizardDialog;
import org.eclipse.swt.SWT;
import org.eclipse.swt.widgets.Display;
import org.eclipse.swt.widgets.Event;
import org.eclipse.swt.widgets.Shell;
import org.eclipse.ui.IWorkbenchPage;
import org.eclipse.ui.PlatformUI;
import org.eclipse.ui.wizards.IWizardDescriptor;
import org.junit.After;
import org.junit.Before;
import org.junit.Test;

import dev.chorus.core.ChorusCore;
import dev.chorus.core.agents.AgentProfile;
import dev.chorus.core.sessions.SessionInfo;
import dev.chorus.tests.support.HermesFolder;
import dev.chorus.ui.ChorusUI;
import dev.chorus.ui.chat.ChatEditor;
import dev.chorus.ui.chat.Chats;
import dev.chorus.ui.imports.HermesImportWizard;
import dev.chorus.ui.views.SessionsView;

/**
 * File > Import > Chorus > Hermes Agents and Sessions in the real workbench, against a Hermes
 * folder with real state.db files: the profiles listed, imported, their sessions listed in the
 * Sessions view and resumed in a chat; importing again adds nothing.
 */
public class HermesImportWizardTest {

	private Display display;
	private IWorkbenchPage page;
	private final ChorusCore core = ChorusCore.getDefault();
	private Path hermes;

	@Before
	public void setUp() throws Exception {
		display = Display.getCurrent();
		page = PlatformUI.getWorkbench().getActiveWorkbenchWindow().getActivePage();
		hermes = HermesFolder.build(Files.createTempDirectory("chorus-hermes").resolve(".hermes"), "http://127.0.0.1:11434/v1");
	}

	@After
	public void tearDown() {
		page.closeAllEditors(false);
		core.runs().stopAll();
	}

	@Test
	public void theWizardIsAnImportWizardOfTheChorusCategory() {
		IWizardDescriptor wizard = PlatformUI.getWorkbench().getImportWizardRegistry().findWizard(HermesImportWizard.ID);
		assertNotNull(wizard);
		assertEquals("Hermes Agents and Sessions", wizard.getLabel());
		assertEquals("Chorus", wizard.getCategory().getLabel());
	}

	@Test
	public void importsTheProfilesAndTheirSessionsWhichListAndResume() throws Exception {
		String[] report = new String[2];
		ImportRun first = runWizard(report, "23-hermes-import-wizard", "24-hermes-import-report");
		assertEquals(2, first.rows);
		assertTrue(report[0], report[0].contains("Profile \"Hermes\" became the agent \"Hermes\"."));
		assertTrue(report[0], report[0].contains("3 sessions imported."));

		AgentProfile agent = core.agents().findByOrigin("hermes:" + hermes.toAbsolutePath().normalize()).get();
		assertEquals("#E84393", agent.color());
		assertNotNull(agent.avatar());
		List<SessionInfo> sessions = core.sessions().list(agent.id());
		assertEquals(3, sessions.size());
		SessionsView view = (SessionsView) page.showView(ChorusUI.SESSIONS_VIEW_ID);
		UiWait.processEvents(display, 300);
		SessionInfo garden = sessions.stream().filter(s -> s.title().equals("Plan the garden")).findFirst().get();
		assertTrue("listed in the Sessions view", view.getViewer().testFindItem(garden) != null);

		ChatEditor chat = Chats.resume(page, garden.id());
		UiWait.processEvents(display, 500);
		String shown = chat.getTranscript().getShownText();
		assertTrue(shown, shown.contains("Which vegetables grow well in shade?") && shown.contains("spinach and kale"));
		Screenshots.capture(page.getWorkbenchWindow().getShell(), "25-hermes-session-resumed");

		int count = core.sessions().list().size();
		runWizard(report, null, null);
		assertTrue(report[0], report[0].contains("Profile \"Hermes\" was imported before as the agent \"Hermes\"."));
		assertEquals("importing twice adds nothing", count, core.sessions().list().size());
	}

	private record ImportRun(int rows) {
	}

	private ImportRun runWizard(String[] report, String pageShot, String reportShot) {
		HermesImportWizard wizard = new HermesImportWizard();
		WizardDialog dialog = new WizardDialog(page.getWorkbenchWindow().getShell(), wizard);
		dialog.setBlockOnOpen(false);
		dialog.open();
		wizard.getProfilesPage().getFolderText().setText(hermes.toString());
		UiWait.processEvents(display, 200);
		int rows = wizard.getProfilesPage().getViewer().getTable().getItemCount();
		if (pageShot != null) {
			Screenshots.capture(dialog.getShell(), pageShot);
		}
		display.timerExec(50, new Runnable() {
			@Override
			public void run() {
				for (Shell shell : display.getShells()) {
					if ("Hermes Import".equals(shell.getText()) && shell.isVisible()) {
						report[0] = FindAgentsTest.allText(shell);
						if (reportShot != null) {
							Screenshots.capture(shell, reportShot);
						}
						UiWait.findButton(shell, "OK").notifyListeners(SWT.Selection, new Event());
						return;
					}
				}
				display.timerExec(50, this);
			}
		});
		UiWait.findButton(dialog.getShell(), "Finish").notifyListeners(SWT.Selection, new Event());
		UiWait.until(display, "the wizard to close", 20_000, () -> dialog.getShell() == null || dialog.getShell().isDisposed());
		return new ImportRun(rows);
	}
}
