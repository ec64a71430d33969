package dev.chorus.ui.tests;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertNotNull;
import static org.junit.Assert.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

import org.eclipse.swt.SWT;
import org.eclipse.swt.widgets.Button;
import org.eclipse.swt.widgets.Composite;
import org.eclipse.swt.widgets.Display;
import org.eclipse.swt.widgets.Event;
import org.eclipse.ui.IWorkbenchPage;
import org.eclipse.ui.PlatformUI;
import org.junit.After;
import org.junit.Before;
import org.junit.Test;

import dev.chorus.backend.acp.AcpBackend;
import dev.chorus.core.ChorusCore;
import dev.chorus.core.agents.AgentProfile;
import dev.chorus.core.runs.Run;
import dev.chorus.tests.support.TestAgentProgram;
import dev.chorus.ui.chat.ChatEditor;
import dev.chorus.ui.chat.Chats;

/**
 * An ACP agent (a real child process) asks for permission in the middle of a turn: the chat shows
 * the question with the agent's options, the turn waits, and the user's click reaches the agent.
 */
public class PermissionInChatTest {

	private Display display;
	private IWorkbenchPage page;
	private Path folder;
	private final ChorusCore core = ChorusCore.getDefault();

	@Before
	public void setUp() throws Exception {
		display = Display.getCurrent();
		page = PlatformUI.getWorkbench().getActiveWorkbenchWindow().getActivePage();
		folder = Files.createTempDirectory("chorus-acp-agent");
	}

	@After
	public void tearDown() {
		page.closeAllEditors(false);
		core.runs().stopAll();
	}

	private static boolean hasLabelContaining(Composite parent, String text) {
		for (org.eclipse.swt.widgets.Control child : parent.getChildren()) {
			if (child instanceof org.eclipse.swt.widgets.Label label && label.getText().contains(text)) {
				return true;
			}
			if (child instanceof Composite composite && hasLabelContaining(composite, text)) {
				return true;
			}
		}
		return false;
	}

	@Test
	public void anAgentsQuestionIsAnsweredInTheChatAndTheTurnWaitsForIt() throws Exception {
		Path agentProgram = TestAgentProgram.copyTo(folder);
		AgentProfile agent = core.agents().create("Careful Coder", "dev.chorus.backend.acp");
		core.agents().updateSettings(agent.id(), "dev.chorus.backend.acp", Map.of(
				AcpBackend.COMMAND, TestAgentProgram.commandLine(agentProgram, "permission", folder.resolve("agent.log")),
				AcpBackend.WORKING_DIRECTORY, folder.toString()));

		ChatEditor chat = Chats.newChat(page, agent.id());
		Run run = chat.getRun();
		UiWait.send(chat, "Clean the build folder");

		UiWait.until(display, "the agent's question", 30_000,
				() -> UiWait.findButton((Composite) chat.getTranscript().getControl(), "Allow once") != null);
		UiWait.processEvents(display, 300);
		assertTrue("the turn waits for the answer", run.isGenerating());
		Button reject = UiWait.findButton((Composite) chat.getTranscript().getControl(), "Reject");
		assertNotNull("every option the agent offers is a button", reject);
		assertTrue("the question names what the agent wants to do",
				hasLabelContaining((Composite) chat.getTranscript().getControl(), "Run rm -rf build"));
		Screenshots.capture(page.getWorkbenchWindow().getShell(), "05-acp-permission");

		UiWait.findButton((Composite) chat.getTranscript().getControl(), "Allow once").notifyListeners(SWT.Selection, new Event());
		UiWait.until(display, "the agent to act on the answer", 10_000, () -> !run.isGenerating());
		UiWait.processEvents(display, 200);
		String shown = chat.getTranscript().getShownText();
		assertTrue(shown, shown.contains("You chose yes"));
		assertEquals("the agent was asked once", 1,
				Files.readAllLines(folder.resolve("agent.log")).stream().filter(line -> line.contains("\"optionId\":\"yes\"")).count());
	}
}
