package dev.chorus.ui.tests;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertNotNull;
import static org.junit.Assert.assertSame;
import static org.junit.Assert.assertTrue;

import java.util.Arrays;
import java.util.List;
import java.util.Map;

import org.eclipse.jface.viewers.StructuredSelection;
import org.eclipse.swt.SWT;
import org.eclipse.swt.widgets.Display;
import org.eclipse.swt.widgets.Event;
import org.eclipse.ui.IEditorReference;
import org.eclipse.ui.IWorkbenchPage;
import org.eclipse.ui.PlatformUI;
import org.eclipse.jface.resource.ImageDescriptor;
import org.eclipse.ui.handlers.IHandlerService;
import org.eclipse.ui.progress.IProgressConstants;
import org.junit.After;
import org.junit.Before;
import org.junit.Test;

import dev.chorus.backend.openai.OpenAiBackend;
import dev.chorus.core.ChorusCore;
import dev.chorus.core.agents.AgentProfile;
import dev.chorus.core.runs.Run;
import dev.chorus.core.runs.RunState;
import dev.chorus.core.sessions.SessionInfo;
import dev.chorus.core.transcript.EntryState;
import dev.chorus.core.transcript.TranscriptEntry;
import dev.chorus.tests.support.LoopbackOpenAiServer;
import dev.chorus.ui.ChorusUI;
import dev.chorus.ui.agents.ActiveAgent;
import dev.chorus.ui.agents.AgentEditDialog;
import dev.chorus.ui.chat.ChatEditor;
import dev.chorus.ui.chat.Chats;
import dev.chorus.ui.views.SessionsView;

/**
 * The main flow in the real workbench, against a real loopback server: two chats with different
 * agents stream at once, tabs switch, one is stopped, one closed, a session is resumed twice in a
 * row into one editor, an agent is deleted through its confirmations.
 */
public class ChatFlowTest {

	private LoopbackOpenAiServer server;
	private Display display;
	private IWorkbenchPage page;
	private final ChorusCore core = ChorusCore.getDefault();

	@Before
	public void setUp() throws Exception {
		server = new LoopbackOpenAiServer();
		server.setReplies(request -> {
			String message = request.lastUserMessage();
			if (message.startsWith("Write")) {
				return LoopbackOpenAiServer.textReply(100, "# A short poem\n\n", "Streams ", "run ", "side ", "by ", "side,\n\n",
						"- **one** ", "for ", "you\n", "- *one* ", "for ", "me\n\n", "```java\n", "System.out.println(\"chorus\");\n", "```\n");
			}
			return new LoopbackOpenAiServer.Endless("tick ", 20);
		});
		display = Display.getCurrent();
		page = PlatformUI.getWorkbench().getActiveWorkbenchWindow().getActivePage();
	}

	@After
	public void tearDown() {
		page.closeAllEditors(false);
		core.runs().stopAll();
		server.close();
	}

	private AgentProfile agent(String name, String color) throws Exception {
		AgentProfile agent = core.agents().create(name, "dev.chorus.backend.openai");
		core.agents().updateSettings(agent.id(), "dev.chorus.backend.openai",
				Map.of(OpenAiBackend.BASE_URL, server.baseUrl(), OpenAiBackend.MODEL, "llama3.2"));
		if (color != null) {
			core.agents().setColor(agent.id(), color);
		}
		return core.agents().get(agent.id()).get();
	}


	private long chatEditorsOf(Run run) {
		return Arrays.stream(page.getEditorReferences()).filter(r -> ChatEditor.ID.equals(r.getId()))
				.map(r -> r.getEditor(false)).filter(e -> e instanceof ChatEditor chat && chat.getRun() == run).count();
	}

	@Test
	public void twoChatsStreamAtOnceStopCloseResumeAndDeleteAnAgent() throws Exception {
		AgentProfile writer = agent("Writer", "#9B59B6");
		AgentProfile ticker = agent("Ticker", null);

		ChatEditor writerChat = Chats.newChat(page, writer.id());
		ChatEditor tickerChat = Chats.newChat(page, ticker.id());
		assertFalse(writerChat == tickerChat);
		UiWait.send(tickerChat, "Count for me");
		page.activate(writerChat);
		UiWait.send(writerChat, "Write a poem about chats");
		Run writerRun = writerChat.getRun();
		Run tickerRun = tickerChat.getRun();

		UiWait.until(display, "both runs to generate at once", 10_000, () -> writerRun.isGenerating() && tickerRun.isGenerating()
				&& tickerRun.snapshot().size() > 1 && tickerRun.snapshot().get(1).text().contains("tick tick")
				&& "Stop".equals(writerChat.getSendOrStopButton().getText()));
		assertEquals("Activating a chat makes its agent the active one", writer.id(), ActiveAgent.get().getId());
		assertEquals("Stop", writerChat.getSendOrStopButton().getText());
		assertTrue("each turn carries its agent's avatar for the Progress view",
				tickerRun.getJob().getProperty(IProgressConstants.ICON_PROPERTY) instanceof ImageDescriptor);
		Screenshots.capture(page.getWorkbenchWindow().getShell(), "02-two-chats-streaming");

		UiWait.until(display, "the poem to end", 15_000, () -> !writerRun.isGenerating());
		UiWait.processEvents(display, 200);
		String shown = writerChat.getTranscript().getShownText();
		assertTrue(shown, shown.contains("A short poem"));
		assertTrue(shown, shown.contains("\u2022 one for you"));
		assertTrue(shown, shown.contains("System.out.println(\"chorus\");"));
		assertFalse("no Markdown syntax left in view: " + shown, shown.contains("**"));
		assertEquals("the tab shows the session's title", "Write a poem about chats", writerChat.getPartName());
		assertTrue("the ticker streams on in the background", tickerRun.isGenerating());

		page.activate(tickerChat);
		assertEquals(ticker.id(), ActiveAgent.get().getId());
		UiWait.until(display, "the ticker's chat to show what it streamed in the background", 2000, () -> {
			String ticks = tickerRun.snapshot().get(1).text();
			return tickerChat.getTranscript().getShownText().contains(ticks.substring(0, ticks.lastIndexOf("tick")));
		});
		IHandlerService handlers = tickerChat.getSite().getService(IHandlerService.class);
		handlers.executeCommand("dev.chorus.ui.commands.stopRun", null);
		UiWait.until(display, "the ticker to stop", 2000, () -> tickerRun.getState() == RunState.IDLE);
		TranscriptEntry partial = tickerRun.snapshot().get(1);
		assertEquals(EntryState.STOPPED, partial.state());
		assertTrue(partial.text().startsWith("tick tick"));
		UiWait.processEvents(display, 200);
		assertTrue(tickerChat.getTranscript().getShownText().contains("stopped"));
		assertEquals("Send", tickerChat.getSendOrStopButton().getText());

		// Sessions view lists both, newest first, with the agents' avatars.
		SessionsView sessions = (SessionsView) page.showView(ChorusUI.SESSIONS_VIEW_ID);
		UiWait.until(display, "both sessions listed", 5000, () -> sessions.getViewer().getTable().getItemCount() >= 2);
		assertNotNull(sessions.getViewer().getTable().getItem(0).getImage());
		Screenshots.capture(page.getWorkbenchWindow().getShell(), "03-stopped-and-sessions");

		// The filter searches titles and messages in the background and narrows the list.
		sessions.getFilterText().setText("tick tick");
		UiWait.until(display, "the search", 10_000, () -> {
			org.eclipse.swt.widgets.Table table = sessions.getViewer().getTable();
			return table.getItemCount() > 0 && Arrays.stream(table.getItems()).allMatch(item -> item.getText().equals("Count for me"));
		});
		sessions.getFilterText().setText("");
		UiWait.until(display, "the whole list", 10_000, () -> sessions.getViewer().getTable().getItemCount() >= 2);

		// Closing a chat closes its run; the session stays.
		String writerSession = writerRun.getSessionId();
		page.closeEditor(writerChat, false);
		assertEquals(RunState.CLOSED, writerRun.getState());
		assertFalse(core.runs().isLive(writerSession));

		// Resume twice in a row from the Sessions view: one editor.
		SessionInfo info = core.sessions().get(writerSession).get();
		sessions.getViewer().setSelection(new StructuredSelection(info), true);
		page.activate(sessions);
		IHandlerService viewHandlers = sessions.getSite().getService(IHandlerService.class);
		viewHandlers.executeCommand("dev.chorus.ui.commands.resumeSession", null);
		Run resumed = core.runs().findBySession(writerSession).get();
		assertEquals(1, chatEditorsOf(resumed));
		// A double-click, twice before anything repaints, still shows the one editor.
		page.activate(sessions);
		sessions.getViewer().getTable().notifyListeners(SWT.DefaultSelection, new Event());
		sessions.getViewer().getTable().notifyListeners(SWT.DefaultSelection, new Event());
		assertSame(resumed, core.runs().findBySession(writerSession).get());
		assertEquals(1, chatEditorsOf(resumed));
		ChatEditor resumedChat = (ChatEditor) page.getActiveEditor();
		assertSame(resumed, resumedChat.getRun());
		UiWait.processEvents(display, 200);
		assertTrue(resumedChat.getTranscript().getShownText().contains("A short poem"));

		// Delete the ticker through its two confirmations: its chat closes, its sessions go.
		String tickerSession = tickerRun.getSessionId();
		UiWait.pressWhenOpen(display, "Delete Agent", "OK");
		UiWait.pressWhenOpen(display, "Delete Agent", "Delete Permanently");
		assertTrue(AgentEditDialog.confirmAndDelete(page.getWorkbenchWindow().getShell(), ticker));
		UiWait.processEvents(display, 300);
		assertTrue(core.agents().get(ticker.id()).isEmpty());
		assertTrue(core.sessions().get(tickerSession).isEmpty());
		assertEquals(RunState.CLOSED, tickerRun.getState());
		List<IEditorReference> left = Arrays.asList(page.getEditorReferences());
		assertTrue(left.stream().noneMatch(r -> r.getEditor(false) instanceof ChatEditor chat && chat.getRun() == tickerRun));
		Screenshots.capture(page.getWorkbenchWindow().getShell(), "04-resumed-after-delete");
	}
}
