package dev.chorus.ui.tests;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertNotNull;
import static org.junit.Assert.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import org.eclipse.swt.SWT;
import org.eclipse.swt.widgets.Button;
import org.eclipse.swt.widgets.Combo;
import org.eclipse.swt.widgets.Composite;
import org.eclipse.swt.widgets.Control;
import org.eclipse.swt.widgets.Display;
import org.eclipse.swt.widgets.Event;
import org.eclipse.ui.IEditorPart;
import org.eclipse.ui.IWorkbenchPage;
import org.eclipse.ui.PlatformUI;
import org.junit.After;
import org.junit.Before;
import org.junit.Test;

import dev.chorus.backend.acp.AcpBackend;
import dev.chorus.core.ChorusCore;
import dev.chorus.core.agents.AgentProfile;
import dev.chorus.core.backend.ConfigOption;
import dev.chorus.core.runs.Run;
import dev.chorus.core.transcript.Attachment;
import dev.chorus.core.transcript.EntryKind;
import dev.chorus.core.transcript.FileDiff;
import dev.chorus.tests.support.SdkTestAgent;
import dev.chorus.ui.chat.ChatEditor;
import dev.chorus.ui.chat.Chats;
import dev.chorus.ui.tools.CompareDiff;

/**
 * A chat with an agent built on the official ACP SDK (a real Node.js process), in the product: the
 * pickers of its options, the slash-command assist, a write shown as a diff and asked for once, a
 * command's terminal in its tool call, attachments, and the Compare editor.
 */
public class AcpWorkbenchTest {

	private Display display;
	private IWorkbenchPage page;
	private Path folder;
	private SdkTestAgent agent;
	private final ChorusCore core = ChorusCore.getDefault();

	@Before
	public void setUp() throws Exception {
		display = Display.getCurrent();
		page = PlatformUI.getWorkbench().getActiveWorkbenchWindow().getActivePage();
		folder = Files.createTempDirectory("chorus-sdk-work");
		agent = SdkTestAgent.in(Files.createTempDirectory("chorus-sdk-agent"));
	}

	@After
	public void tearDown() {
		page.closeAllEditors(false);
		core.runs().stopAll();
	}

	private ChatEditor chat() throws Exception {
		AgentProfile profile = core.agents().create("SDK Agent", "dev.chorus.backend.acp");
		core.agents().updateSettings(profile.id(), "dev.chorus.backend.acp", Map.of(AcpBackend.COMMAND, agent.commandLine(),
				AcpBackend.ENVIRONMENT, agent.environmentSetting(), AcpBackend.WORKING_DIRECTORY, folder.toString()));
		ChatEditor chat = Chats.newChat(page, profile.id());
		UiWait.until(display, "the agent's options", 30_000, () -> chat.getOptionPickers().size() == 3);
		return chat;
	}

	private static String value(Run run, String id) {
		return run.getConfigOptions().stream().filter(option -> option.id().equals(id)).map(ConfigOption::currentValue).findFirst()
				.orElse(null);
	}

	private void waitIdle(Run run, int answers) {
		UiWait.until(display, "the answer", 30_000, () -> !run.isGenerating()
				&& run.snapshot().stream().filter(entry -> entry.kind() == EntryKind.ASSISTANT).count() >= answers);
		UiWait.processEvents(display, 300);
	}

	@Test
	public void theAgentsOptionsArePickersThatChangeItAndFollowIt() throws Exception {
		ChatEditor chat = chat();
		Run run = chat.getRun();
		List<Control> pickers = chat.getOptionPickers();
		Combo mode = (Combo) pickers.get(0);
		Combo model = (Combo) pickers.get(1);
		assertEquals("Ask", mode.getText());
		assertTrue(model.getText(), model.getText().endsWith("Small"));
		assertTrue(pickers.get(2) instanceof Button check && (check.getStyle() & SWT.CHECK) != 0);
		Screenshots.capture(page.getWorkbenchWindow().getShell(), "20-acp-pickers");

		model.select(1);
		model.notifyListeners(SWT.Selection, new Event());
		UiWait.until(display, "the agent to take the model", 15_000, () -> "large".equals(value(run, "model")));
		UiWait.until(display, "the picker to follow", 5_000,
				() -> ((Combo) chat.getOptionPickers().get(1)).getText().endsWith("Large"));

		// The agent changes its mode itself: the picker follows.
		UiWait.send(chat, "switch-mode architect");
		waitIdle(run, 1);
		UiWait.until(display, "the mode picker to follow", 5_000, () -> ((Combo) chat.getOptionPickers().get(0)).getText().equals("Architect"));
		agent.assertNoViolations();
	}

	@Test
	public void slashListsTheAgentsCommandsAndTheChosenOnesHintShows() throws Exception {
		ChatEditor chat = chat();
		UiWait.until(display, "the agent's commands", 15_000, () -> chat.getRun().getCommands().size() == 3);
		chat.getInput().setText("/re");
		chat.getInput().setSelection(3);
		chat.getCommandAssist().openProposalPopup();
		UiWait.processEvents(display, 300);
		assertTrue("the list is open", chat.getCommandAssist().isProposalPopupOpen());
		Screenshots.capture(page.getWorkbenchWindow().getShell(), "21-acp-slash-commands");
		chat.getCommandAssist().closeProposalPopup();
		chat.getInput().setText("/review ");
		UiWait.processEvents(display, 100);
		assertEquals("/review file to review", chat.getCommandHint());
	}

	@Test
	public void aWriteIsShownAsADiffAskedForOnceAndOpensInCompare() throws Exception {
		Files.writeString(folder.resolve("notes.txt"), "hello from chorus\n");
		ChatEditor chat = chat();
		Run run = chat.getRun();
		UiWait.send(chat, "write notes.txt goodbye from the agent");
		UiWait.until(display, "the agent's question", 30_000,
				() -> UiWait.findButton((Composite) chat.getTranscript().getControl(), "Allow once") != null);
		UiWait.processEvents(display, 300);
		String question = chat.getTranscript().getShownText();
		assertTrue(question, question.contains("- hello from chorus") && question.contains("+ goodbye from the agent"));
		Screenshots.capture(page.getWorkbenchWindow().getShell(), "22-acp-write-question");
		UiWait.findButton((Composite) chat.getTranscript().getControl(), "Allow once").notifyListeners(SWT.Selection, new Event());
		waitIdle(run, 1);
		assertEquals("goodbye from the agent", Files.readString(folder.resolve("notes.txt")));
		assertEquals("asked once", null, UiWait.findButton((Composite) chat.getTranscript().getControl(), "Allow once"));
		String shown = chat.getTranscript().getShownText();
		assertTrue(shown, shown.contains("wrote 22 characters"));
		Screenshots.capture(page.getWorkbenchWindow().getShell(), "23-acp-diff");

		FileDiff diff = run.snapshot().stream().filter(entry -> entry.toolCall() != null && !entry.toolCall().diffList().isEmpty())
				.findFirst().orElseThrow().toolCall().diffList().get(0);
		CompareDiff.open(diff);
		UiWait.until(display, "the Compare editor", 10_000, () -> page.getActiveEditor() != null
				&& page.getActiveEditor().getTitle().contains("notes.txt") && !(page.getActiveEditor() instanceof ChatEditor));
		UiWait.processEvents(display, 500);
		Screenshots.capture(page.getWorkbenchWindow().getShell(), "24-acp-compare");
		IEditorPart compare = page.getActiveEditor();
		page.closeEditor(compare, false);
		agent.assertNoViolations();
	}

	@Test
	public void anAgentsFormIsFilledInTheChatAndARequiredFieldIsChecked() throws Exception {
		ChatEditor chat = chat();
		UiWait.send(chat, "elicit");
		UiWait.until(display, "the form", 30_000, () -> UiWait.findButton((Composite) chat.getTranscript().getControl(), "Submit") != null);
		UiWait.processEvents(display, 300);
		org.eclipse.swt.widgets.Text name = find((Composite) chat.getTranscript().getControl(), org.eclipse.swt.widgets.Text.class);
		assertNotNull("a text field for the name", name);
		name.setText("Ada Lovelace");
		Screenshots.capture(page.getWorkbenchWindow().getShell(), "27-acp-elicitation");
		UiWait.findButton((Composite) chat.getTranscript().getControl(), "Submit").notifyListeners(SWT.Selection, new Event());
		waitIdle(chat.getRun(), 1);
		String shown = chat.getTranscript().getShownText();
		assertTrue(shown, shown.contains("elicitation accept") && shown.contains("Ada Lovelace"));
		agent.assertNoViolations();
	}

	private static <T extends Control> T find(Composite parent, Class<T> type) {
		for (Control child : parent.getChildren()) {
			if (type.isInstance(child) && child.isVisible()) {
				return type.cast(child);
			}
			if (child instanceof Composite composite) {
				T found = find(composite, type);
				if (found != null) {
					return found;
				}
			}
		}
		return null;
	}

	@Test
	public void aCommandsOutputShowsInItsToolCallWithItsExitCode() throws Exception {
		Files.writeString(folder.resolve("a.txt"), "x");
		ChatEditor chat = chat();
		UiWait.send(chat, "terminal ls -1");
		waitIdle(chat.getRun(), 1);
		String shown = chat.getTranscript().getShownText();
		assertTrue(shown, shown.contains("$ ls -1"));
		assertTrue(shown, shown.contains("a.txt"));
		assertTrue(shown, shown.contains("exit code 0"));
		Screenshots.capture(page.getWorkbenchWindow().getShell(), "25-acp-terminal");

		// A command the agent ran itself shows its output in sight too, not only under the details.
		UiWait.send(chat, "run-self make test");
		waitIdle(chat.getRun(), 2);
		String own = chat.getTranscript().getShownText();
		assertTrue(own, own.contains("$ make test") && own.contains("output of make test"));
		agent.assertNoViolations();
	}

	@Test
	public void attachmentsGoWithTheMessageAndShowInItAndAFileOutsideIsRefused() throws Exception {
		Path file = folder.resolve("Main.java");
		Files.writeString(file, "class Main {}");
		ChatEditor chat = chat();
		assertTrue(chat.attach(Attachment.file(file)));
		assertTrue(chat.attach(Attachment.selection(file, "class Main", 1, 1)));
		Path outside = Files.createTempFile("chorus-outside", ".txt");
		assertFalse("a file outside the agent's folder is refused", chat.attach(Attachment.file(outside)));
		assertEquals(2, chat.getPendingAttachments().size());
		UiWait.processEvents(display, 200);
		Screenshots.capture(page.getWorkbenchWindow().getShell(), "26-acp-attachments");
		UiWait.send(chat, "echo look");
		waitIdle(chat.getRun(), 1);
		assertTrue("sent, the tray empties", chat.getPendingAttachments().isEmpty());
		String shown = chat.getTranscript().getShownText();
		assertTrue(shown, shown.contains("[resource uri=" + file.toUri()));
		assertTrue("the message lists what it carried", shown.contains("Main.java:1"));
		assertEquals(2, chat.getRun().snapshot().get(0).attachments().size());
		agent.assertNoViolations();
		assertNotNull(agent.received("session/prompt").get(0));
	}
}
