package dev.chorus.ui.tests;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertNotNull;
import static org.junit.Assert.assertTrue;

import java.time.Instant;

import org.eclipse.swt.SWT;
import org.eclipse.swt.widgets.Composite;
import org.eclipse.swt.widgets.Control;
import org.eclipse.swt.widgets.Display;
import org.eclipse.swt.widgets.Event;
import org.eclipse.swt.widgets.Link;
import org.eclipse.ui.IWorkbenchPage;
import org.eclipse.ui.PlatformUI;
import org.junit.After;
import org.junit.Test;

import dev.chorus.core.ChorusCore;
import dev.chorus.core.sessions.SessionInfo;
import dev.chorus.core.sessions.SessionWriter;
import dev.chorus.core.transcript.EntryKind;
import dev.chorus.core.transcript.EntryState;
import dev.chorus.core.transcript.TranscriptEntry;
import dev.chorus.ui.chat.ChatEditor;
import dev.chorus.ui.chat.Chats;

/** A chat of hundreds of messages opens on its last hundred; a link brings the earlier ones in. */
public class LongChatTest {

	private final Display display = Display.getCurrent();
	private final IWorkbenchPage page = PlatformUI.getWorkbench().getActiveWorkbenchWindow().getActivePage();
	private final ChorusCore core = ChorusCore.getDefault();

	@After
	public void tearDown() {
		page.closeAllEditors(false);
	}

	private static Link findLink(Composite parent) {
		for (Control child : parent.getChildren()) {
			if (child instanceof Link link && link.isVisible() && link.getText().contains("earlier")) {
				return link;
			}
			if (child instanceof Composite composite) {
				Link found = findLink(composite);
				if (found != null) {
					return found;
				}
			}
		}
		return null;
	}

	@Test
	public void aLongChatOpensOnItsLastHundredMessagesAndShowsEarlierOnesOnRequest() throws Exception {
		String agent = core.agents().create("Chatty", "dev.chorus.backend.openai").id();
		SessionInfo session = core.sessions().create(agent);
		try (SessionWriter writer = core.sessions().openWriter(session.id())) {
			writer.title("A long chat");
			for (int i = 0; i < 250; i++) {
				writer.add(TranscriptEntry.text(i, i % 2 == 0 ? EntryKind.USER : EntryKind.ASSISTANT, Instant.now(),
						"message number " + i, EntryState.COMPLETE));
			}
		}
		ChatEditor chat = Chats.resume(page, session.id());
		UiWait.processEvents(display, 200);
		String shown = chat.getTranscript().getShownText();
		assertTrue(shown.contains("message number 249"));
		assertTrue(shown.contains("message number 150"));
		assertFalse(shown.contains("message number 149\n"));
		assertEquals(150, chat.getTranscript().getEarlierCount());
		Link earlier = findLink((Composite) chat.getTranscript().getControl());
		assertNotNull("a link offers the earlier messages", earlier);
		assertEquals("<a>Show 100 earlier messages (150 not shown)</a>", earlier.getText());
		Screenshots.capture(page.getWorkbenchWindow().getShell(), "09-long-chat");

		earlier.notifyListeners(SWT.Selection, new Event());
		UiWait.processEvents(display, 100);
		assertEquals(50, chat.getTranscript().getEarlierCount());
		assertTrue(chat.getTranscript().getShownText().contains("message number 50\n"));
		assertTrue("the messages stay in order", chat.getTranscript().getShownText().indexOf("message number 149\n")
				< chat.getTranscript().getShownText().indexOf("message number 150\n"));
		findLink((Composite) chat.getTranscript().getControl()).notifyListeners(SWT.Selection, new Event());
		UiWait.processEvents(display, 100);
		assertEquals(0, chat.getTranscript().getEarlierCount());
		assertTrue(chat.getTranscript().getShownText().startsWith("You"));
		assertTrue(chat.getTranscript().getShownText().contains("message number 0\n"));
		assertEquals("no link once everything shows", null, findLink((Composite) chat.getTranscript().getControl()));
	}

	@Test
	public void aLongStreamedAnswerShowsExactlyWhatItShowsWhenOpenedLater() throws Exception {
		// Many paragraphs, a list, and a code block with blank lines inside: streamed in small
		// pieces, the answer is rendered in frozen parts; opened later, all at once.
		StringBuilder answer = new StringBuilder();
		// 300 paragraphs (about 26,000 characters): opened later, the start is frozen in the big
		// pieces of a backlog, the end in the small pieces of a stream.
		for (int p = 0; p < 300; p++) {
			answer.append("Paragraph ").append(p).append(" says **something** about `code` and more words to make it long enough.\n\n");
			if (p == 13) {
				answer.append("```java\nint a = 1;\n\nint b = 2;\n\n\nint c = 3;\n```\n\n");
			}
			if (p == 27) {
				answer.append("1. first\n2. second\n\n3. third after a gap\n\n");
			}
		}
		String whole = answer.toString();
		java.util.List<String> pieces = new java.util.ArrayList<>();
		for (int i = 0; i < whole.length(); i += 7) {
			pieces.add(whole.substring(i, Math.min(whole.length(), i + 7)));
		}
		try (dev.chorus.tests.support.LoopbackOpenAiServer server = new dev.chorus.tests.support.LoopbackOpenAiServer()) {
			server.setReplies(request -> dev.chorus.tests.support.LoopbackOpenAiServer.textReply(1, pieces.toArray(String[]::new)));
			String agent = core.agents().create("Streamer", "dev.chorus.backend.openai").id();
			core.agents().updateSettings(agent, "dev.chorus.backend.openai", java.util.Map.of(
					dev.chorus.backend.openai.OpenAiBackend.BASE_URL, server.baseUrl(), dev.chorus.backend.openai.OpenAiBackend.MODEL, "m"));
			ChatEditor chat = Chats.newChat(page, agent);
			UiWait.send(chat, "Write a lot");
			dev.chorus.core.runs.Run run = chat.getRun();
			UiWait.until(display, "the whole answer", 30_000, () -> !run.isGenerating() && run.snapshot().size() > 1);
			UiWait.until(display, "the whole answer shown", 10_000,
					() -> chat.getTranscript().getShownText().contains("Tokens:") && !chat.getTranscript().isCatchingUp());
			String streamed = chat.getTranscript().getShownText();
			assertTrue(streamed.contains("Paragraph 299 says something"));
			assertTrue(streamed.contains("int a = 1;\n\nint b = 2;"));
			String session = run.getSessionId();
			page.closeAllEditors(false);
			ChatEditor reopened = Chats.resume(page, session);
			UiWait.until(display, "the reopened answer shown", 10_000, () -> !reopened.getTranscript().isCatchingUp());
			// The same words in the same order (pieces may be cut into widgets at other places).
			assertEquals(reopened.getTranscript().getShownText().replaceAll("\n+", "\n"), streamed.replaceAll("\n+", "\n"));
			assertTrue(streamed.replaceAll("\n+", "\n").contains("Paragraph 12 says something about code and more words to make it long enough.\nParagraph 13"));
		}
	}

	@Test
	public void chatsOutOfSightLongestGiveBackTheirWidgetsAndComeBackWhereTheUserLeftThem() throws Exception {
		String agent = core.agents().create("Many", "dev.chorus.backend.openai").id();
		java.util.List<ChatEditor> chats = new java.util.ArrayList<>();
		for (int c = 0; c < 10; c++) {
			SessionInfo session = core.sessions().create(agent);
			try (SessionWriter writer = core.sessions().openWriter(session.id())) {
				writer.title("Chat " + c);
				for (int i = 0; i < 150; i++) {
					writer.add(TranscriptEntry.text(i, i % 2 == 0 ? EntryKind.USER : EntryKind.ASSISTANT, Instant.now(),
							"chat " + c + " message " + i, EntryState.COMPLETE));
				}
			}
			chats.add(Chats.resume(page, session.id()));
			UiWait.processEvents(display, 100);
			if (c == 0) {
				// The user reads the start of the first chat.
				findLink((Composite) chats.get(0).getTranscript().getControl()).notifyListeners(SWT.Selection, new Event());
				UiWait.processEvents(display, 100);
				org.eclipse.swt.custom.ScrolledComposite scroller = (org.eclipse.swt.custom.ScrolledComposite) chats.get(0).getTranscript().getControl();
				scroller.setOrigin(0, 0);
				scroller.getVerticalBar().notifyListeners(SWT.Selection, new Event());
			}
		}
		ChatEditor first = chats.get(0);
		String shownBefore = "chat 0 message 0\n";
		// Given back once the workbench is idle.
		UiWait.until(display, "the first chat given back", 10_000, () -> first.getTranscript().isReleased());
		assertEquals("", first.getTranscript().getShownText());
		for (ChatEditor recent : chats.subList(2, 10)) {
			assertFalse("the chats shown last keep their widgets", recent.getTranscript().isReleased());
		}

		page.activate(first);
		UiWait.processEvents(display, 200);
		assertFalse(first.getTranscript().isReleased());
		String shown = first.getTranscript().getShownText();
		assertTrue("it shows its messages again from where the user was", shown.contains(shownBefore));
		assertTrue(shown.contains("chat 0 message 149\n"));
		assertFalse("and only its own", shown.contains("chat 1 "));
		assertEquals(0, first.getTranscript().getEarlierCount());
		org.eclipse.swt.custom.ScrolledComposite scroller = (org.eclipse.swt.custom.ScrolledComposite) first.getTranscript().getControl();
		assertTrue("at the top, not at the end: " + scroller.getOrigin().y, scroller.getOrigin().y < 200);
		Screenshots.capture(page.getWorkbenchWindow().getShell(), "10-chat-shown-again");
		assertTrue("the chat shown last but eight is given back in turn", chats.get(2).getTranscript().isReleased());
		assertFalse(chats.get(9).getTranscript().isReleased());

		// A turn that starts out of sight (not from the chat's own input) brings the widgets back,
		// and the answer streams into them.
		ChatEditor hidden = chats.get(2);
		try (dev.chorus.tests.support.LoopbackOpenAiServer server = new dev.chorus.tests.support.LoopbackOpenAiServer()) {
			server.setReplies(request -> dev.chorus.tests.support.LoopbackOpenAiServer.textReply(20, "An answer", " out of", " sight."));
			core.agents().updateSettings(agent, "dev.chorus.backend.openai", java.util.Map.of(
					dev.chorus.backend.openai.OpenAiBackend.BASE_URL, server.baseUrl(), dev.chorus.backend.openai.OpenAiBackend.MODEL, "m"));
			hidden.getRun().send("One more question");
			UiWait.until(display, "the widgets back", 10_000, () -> !hidden.getTranscript().isReleased());
			UiWait.until(display, "the answer", 10_000, () -> !hidden.getRun().isGenerating());
			page.activate(hidden);
			UiWait.until(display, "the answer shown", 10_000,
					() -> hidden.getTranscript().getShownText().contains("An answer out of sight.") && !hidden.getTranscript().isCatchingUp());
			String text = hidden.getTranscript().getShownText();
			assertTrue(text.contains("One more question"));
			assertTrue(text.contains("chat 2 message 149\n"));
			assertEquals("the question once", text.indexOf("One more question"), text.lastIndexOf("One more question"));
		}
	}
}
