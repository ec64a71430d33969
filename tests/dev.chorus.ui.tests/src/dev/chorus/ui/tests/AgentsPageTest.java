package dev.chorus.ui.tests;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;

import org.eclipse.jface.preference.PreferenceDialog;
import org.eclipse.jface.window.Window;
import org.eclipse.swt.SWT;
import org.eclipse.swt.widgets.Combo;
import org.eclipse.swt.widgets.Display;
import org.eclipse.swt.widgets.Shell;
import org.eclipse.swt.widgets.Text;
import org.eclipse.ui.PlatformUI;
import org.eclipse.ui.dialogs.PreferencesUtil;
import org.junit.After;
import org.junit.Before;
import org.junit.Test;

import dev.chorus.backend.openai.OpenAiBackend;
import dev.chorus.core.ChorusCore;
import dev.chorus.core.agents.AgentProfile;
import dev.chorus.tests.support.LoopbackOpenAiServer;
import dev.chorus.ui.agents.AgentEditDialog;
import dev.chorus.ui.agents.AgentsPreferencePage;

/**
 * The Agents preference page and the agent dialog, driven as a user does: type a name and the
 * backend's settings, list the server's models, press OK; the API key goes to secure storage and
 * into no Chorus file.
 */
public class AgentsPageTest {

	private LoopbackOpenAiServer server;
	private Display display;
	private Shell shell;

	@Before
	public void setUp() throws Exception {
		server = new LoopbackOpenAiServer();
		display = Display.getCurrent();
		shell = PlatformUI.getWorkbench().getActiveWorkbenchWindow().getShell();
	}

	@After
	public void tearDown() {
		server.close();
	}

	@Test
	public void createAnAgentThroughTheDialogWithItsSettingsAndKey() throws Exception {
		AgentEditDialog dialog = AgentEditDialog.forNewAgent(shell);
		dialog.setBlockOnOpen(false);
		dialog.open();
		dialog.getNameText().setText("Local Llama");
		((Text) dialog.getSettingEditor(OpenAiBackend.BASE_URL)).setText(server.baseUrl());
		((Text) dialog.getSettingEditor(OpenAiBackend.API_KEY)).setText("sk-ui-test-7d1e");
		((Text) dialog.getSettingEditor(OpenAiBackend.SYSTEM_PROMPT)).setText("You are terse.");
		Combo model = (Combo) dialog.getSettingEditor(OpenAiBackend.MODEL);
		// "List Models" asks the server in a job; the combo fills when it answers.
		org.eclipse.swt.widgets.Button listModels = UiWait.findButton(dialog.getShell(), "List Models");
		listModels.notifyListeners(SWT.Selection, new org.eclipse.swt.widgets.Event());
		UiWait.until(display, "the server's models", 10_000, () -> model.getItemCount() == 2);
		assertEquals("llama3.2", model.getText());
		Screenshots.capture(dialog.getShell(), "05-new-agent-dialog");
		UiWait.findButton(dialog.getShell(), "OK").notifyListeners(SWT.Selection, new org.eclipse.swt.widgets.Event());
		assertEquals(Window.OK, dialog.getReturnCode());

		AgentProfile agent = ChorusCore.getDefault().agents().get(dialog.getAgentId()).get();
		assertEquals("Local Llama", agent.displayName());
		assertEquals(server.baseUrl(), agent.settings().get(OpenAiBackend.BASE_URL));
		assertEquals("llama3.2", agent.settings().get(OpenAiBackend.MODEL));
		assertEquals("You are terse.", agent.settings().get(OpenAiBackend.SYSTEM_PROMPT));
		assertEquals("sk-ui-test-7d1e", ChorusCore.getDefault().secrets().get(agent.id(), OpenAiBackend.API_KEY).get());
		// Neither the Chorus data folder nor the workspace holds the key, in any file.
		assertNoFileHolds(ChorusCore.getDefault().dataFolder(), "sk-ui-test-7d1e");
		assertNoFileHolds(Path.of(org.eclipse.core.runtime.Platform.getInstanceLocation().getURL().toURI()), "sk-ui-test-7d1e");

		ChorusCore.getDefault().agents().setColor(agent.id(), "#E67E22");
		PreferenceDialog preferences = PreferencesUtil.createPreferenceDialogOn(shell, AgentsPreferencePage.ID, null, null);
		preferences.setBlockOnOpen(false);
		preferences.open();
		AgentsPreferencePage page = (AgentsPreferencePage) preferences.getSelectedPage();
		UiWait.processEvents(display, 200);
		int rows = page.getViewer().getTable().getItemCount();
		assertTrue(rows >= 2);
		boolean listed = false;
		for (int i = 0; i < rows; i++) {
			listed |= page.getViewer().getTable().getItem(i).getText().startsWith("Local Llama");
			assertTrue("every agent has its avatar", page.getViewer().getTable().getItem(i).getImage() != null);
		}
		assertTrue(listed);
		Screenshots.capture(preferences.getShell(), "06-agents-preference-page");
		preferences.close();

		AgentEditDialog edit = new AgentEditDialog(shell, agent.id());
		edit.setBlockOnOpen(false);
		edit.open();
		Screenshots.capture(edit.getShell(), "07-edit-agent-dialog");
		edit.close();
	}

	private static void assertNoFileHolds(Path folder, String secret) throws java.io.IOException {
		byte[] needle = secret.getBytes(java.nio.charset.StandardCharsets.UTF_8);
		try (Stream<Path> files = Files.walk(folder)) {
			for (Path file : (Iterable<Path>) files.filter(Files::isRegularFile)::iterator) {
				byte[] bytes = Files.readAllBytes(file);
				for (int i = 0; i + needle.length <= bytes.length; i++) {
					if (java.util.Arrays.equals(bytes, i, i + needle.length, needle, 0, needle.length)) {
						throw new AssertionError(file + " holds the key");
					}
				}
			}
		}
	}
}
