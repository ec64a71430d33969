package dev.chorus.ui.tests;

import static org.junit.Assert.assertTrue;

import java.util.Map;

import org.eclipse.swt.SWT;
import org.eclipse.swt.graphics.RGB;
import org.eclipse.swt.widgets.Display;
import org.eclipse.swt.widgets.Event;
import org.eclipse.ui.IWorkbenchPage;
import org.eclipse.ui.PlatformUI;
import org.junit.After;
import org.junit.Before;
import org.junit.Test;

import dev.chorus.backend.openai.OpenAiBackend;
import dev.chorus.core.ChorusCore;
import dev.chorus.core.agents.AgentProfile;
import dev.chorus.core.runs.Run;
import dev.chorus.tests.support.LoopbackOpenAiServer;
import dev.chorus.ui.chat.ChatEditor;
import dev.chorus.ui.chat.Chats;

/**
 * The workbench started in Eclipse's dark theme (its own test run, see the pom): a chat with
 * Markdown, code and reasoning is dark with light text, not a light island in a dark window.
 */
public class DarkThemeTest {

	private LoopbackOpenAiServer server;
	private Display display;
	private IWorkbenchPage page;

	@Before
	public void setUp() throws Exception {
		server = new LoopbackOpenAiServer();
		server.setReplies(request -> LoopbackOpenAiServer.textReply(5, "## In the dark\n\n", "Chats follow the **theme**: ",
				"text, `code`, links and\n\n", "| kind | colour |\n|---|---|\n| text | light |\n\n", "```python\n",
				"print('chorus')\n", "```\n"));
		display = Display.getCurrent();
		page = PlatformUI.getWorkbench().getActiveWorkbenchWindow().getActivePage();
	}

	@After
	public void tearDown() {
		page.closeAllEditors(false);
		ChorusCore.getDefault().runs().stopAll();
		server.close();
	}

	private static double luminance(RGB rgb) {
		return (0.2126 * rgb.red + 0.7152 * rgb.green + 0.0722 * rgb.blue) / 255;
	}

	@Test
	public void chatsAreDarkWithLightTextInTheDarkTheme() throws Exception {
		AgentProfile agent = ChorusCore.getDefault().agents().create("Night Owl", "dev.chorus.backend.openai");
		ChorusCore.getDefault().agents().updateSettings(agent.id(), "dev.chorus.backend.openai",
				Map.of(OpenAiBackend.BASE_URL, server.baseUrl(), OpenAiBackend.MODEL, "llama3.2"));
		ChatEditor chat = Chats.newChat(page, agent.id());
		Run run = chat.getRun();
		UiWait.send(chat, "Show me the dark theme");
		UiWait.until(display, "the answer", 10_000, () -> !run.isGenerating() && run.snapshot().size() >= 2);
		UiWait.processEvents(display, 500);
		Screenshots.capture(page.getWorkbenchWindow().getShell(), "08-dark-theme-chat");

		double background = luminance(chat.getTranscript().getControl().getBackground().getRGB());
		double text = luminance(chat.getTranscript().getControl().getForeground().getRGB());
		assertTrue("the transcript is dark: " + background, background < 0.3);
		assertTrue("its text is light: " + text, text > 0.6);
		for (String shown : new String[] { "Show me the dark theme", "Chats follow the theme" }) {
			org.eclipse.swt.custom.StyledText piece = textShowing((org.eclipse.swt.widgets.Composite) chat.getTranscript().getControl(), shown);
			double pieceText = luminance(piece.getForeground().getRGB());
			assertTrue("\"" + shown + "\" is light on dark: " + pieceText, pieceText > 0.6);
		}
		double input = luminance(chat.getInput().getBackground().getRGB());
		assertTrue("the input is dark too: " + input, input < 0.35);
	}

	private static org.eclipse.swt.custom.StyledText textShowing(org.eclipse.swt.widgets.Composite parent, String text) {
		for (org.eclipse.swt.widgets.Control child : parent.getChildren()) {
			if (child instanceof org.eclipse.swt.custom.StyledText styled && styled.getText().contains(text)) {
				return styled;
			}
			if (child instanceof org.eclipse.swt.widgets.Composite composite) {
				org.eclipse.swt.custom.StyledText found = textShowing(composite, text);
				if (found != null) {
					return found;
				}
			}
		}
		return null;
	}
}
