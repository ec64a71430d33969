package dev.chorus.ui.tests;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertNotNull;
import static org.junit.Assert.assertNull;
import static org.junit.Assert.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import org.eclipse.swt.SWT;
import org.eclipse.swt.custom.StyledText;
import org.eclipse.swt.widgets.Button;
import org.eclipse.swt.widgets.Composite;
import org.eclipse.swt.widgets.Control;
import org.eclipse.swt.widgets.Display;
import org.eclipse.swt.widgets.Event;
import org.eclipse.swt.widgets.Label;
import org.eclipse.swt.widgets.Link;
import org.eclipse.ui.IWorkbenchPage;
import org.eclipse.ui.PlatformUI;
import org.junit.After;
import org.junit.Before;
import org.junit.Test;

import com.google.gson.JsonArray;
import com.google.gson.JsonObject;

import dev.chorus.backend.openai.OpenAiBackend;
import dev.chorus.core.ChorusCore;
import dev.chorus.core.agents.AgentProfile;
import dev.chorus.core.mcp.McpServerConfig;
import dev.chorus.core.mcp.McpServerStore;
import dev.chorus.core.runs.Run;
import dev.chorus.tests.support.LoopbackOpenAiServer;
import dev.chorus.tests.support.LoopbackOpenAiServer.CallSpec;
import dev.chorus.tests.support.LoopbackOpenAiServer.Request;
import dev.chorus.tests.support.TestMcpServers;
import dev.chorus.ui.chat.ChatEditor;
import dev.chorus.ui.chat.Chats;

/**
 * An OpenAI-compatible agent with tools, in the real workbench: the loopback server asks for tool
 * calls (of the MCP test server, a real Node.js child process, and of Chorus's own file tools),
 * the chat asks the user in a permission block, shows each call with its status, duration and
 * result, sends the result back to the model and shows the answer that follows.
 */
public class ToolCallInChatTest {

	private static final String SERVER_ID = "chat-test-tools";
	private static final String SERVER_NAME = "test-tools";
	/** Nine more lines of the second echo (JSON-escaped): more than the entry shows in sight. */
	private static final String LINES = "\\nline 2\\nline 3\\nline 4\\nline 5\\nline 6\\nline 7\\nline 8\\nline 9\\nline 10";

	private LoopbackOpenAiServer server;
	private Display display;
	private IWorkbenchPage page;
	private Path folder;
	private McpServerStore store;
	private final List<String> agents = new ArrayList<>();
	private final ChorusCore core = ChorusCore.getDefault();

	@Before
	public void setUp() throws Exception {
		server = new LoopbackOpenAiServer();
		display = Display.getCurrent();
		page = PlatformUI.getWorkbench().getActiveWorkbenchWindow().getActivePage();
		folder = Files.createTempDirectory("chorus-tool-chat");
		Files.writeString(folder.resolve("notes.txt"), "Buy milk\nCall Anna\nWater the plants\n");
		store = core.mcp().store();
		store.save(new McpServerConfig(SERVER_ID, SERVER_NAME, TestMcpServers.commandLine(), Map.of(), null, Map.of(), 30));
	}

	@After
	public void tearDown() throws Exception {
		page.closeAllEditors(false);
		core.runs().stopAll();
		server.close();
		store.remove(SERVER_ID);
		for (String id : agents) {
			try {
				core.agents().delete(id);
			} catch (Exception e) {
				// Gone already.
			}
		}
	}

	private AgentProfile agent(String name, boolean withMcp) throws Exception {
		AgentProfile agent = core.agents().create(name, "dev.chorus.backend.openai");
		agents.add(agent.id());
		Map<String, String> settings = new HashMap<>();
		settings.put(OpenAiBackend.BASE_URL, server.baseUrl());
		settings.put(OpenAiBackend.MODEL, "llama3.2");
		settings.put(OpenAiBackend.BUILT_IN_TOOLS, "true");
		settings.put(OpenAiBackend.WORKING_DIRECTORY, folder.toString());
		if (withMcp) {
			settings.put(OpenAiBackend.MCP_SERVERS, SERVER_ID);
		}
		core.agents().updateSettings(agent.id(), "dev.chorus.backend.openai", settings);
		return core.agents().get(agent.id()).get();
	}

	/** Whether the request's last message is a tool's result: the model is to answer it. */
	private static boolean answersATool(Request request) {
		JsonArray messages = request.body().getAsJsonArray("messages");
		return "tool".equals(messages.get(messages.size() - 1).getAsJsonObject().get("role").getAsString());
	}

	/** The content of the request's last user message (the turn's prompt). */
	private static String lastUserMessage(Request request) {
		JsonArray messages = request.body().getAsJsonArray("messages");
		for (int i = messages.size() - 1; i >= 0; i--) {
			JsonObject message = messages.get(i).getAsJsonObject();
			if ("user".equals(message.get("role").getAsString())) {
				return message.get("content").getAsString();
			}
		}
		return "";
	}

	private static Composite transcript(ChatEditor chat) {
		return (Composite) chat.getTranscript().getControl();
	}

	/** The permission question shown in the chat, or {@code null}. */
	private static Composite permissionBlock(Composite parent) {
		for (Control child : parent.getChildren()) {
			if (child.getData() != null && "PermissionBlock".equals(child.getData().getClass().getSimpleName())
					&& !child.isDisposed()) {
				return (Composite) child;
			}
			if (child instanceof Composite composite) {
				Composite found = permissionBlock(composite);
				if (found != null) {
					return found;
				}
			}
		}
		return null;
	}

	/** The texts of the labels, links, texts and buttons under the control, in order. */
	private static String shownText(Control control) {
		StringBuilder text = new StringBuilder();
		collect(control, text);
		return text.toString();
	}

	private static void collect(Control control, StringBuilder text) {
		if (!control.isVisible()) {
			return;
		}
		String own = switch (control) {
		case Label label -> label.getText();
		case Link link -> link.getText();
		case StyledText styled -> styled.getText();
		case Button button -> "[" + button.getText() + "]";
		default -> null;
		};
		if (own != null) {
			text.append(own).append('\n');
		}
		if (control instanceof Composite composite) {
			for (Control child : composite.getChildren()) {
				collect(child, text);
			}
		}
	}

	private void press(ChatEditor chat, String button) {
		Button found = UiWait.findButton(transcript(chat), button);
		assertNotNull("a button " + button + " in the chat", found);
		found.notifyListeners(SWT.Selection, new Event());
	}

	/** A screenshot of the workbench, named for the theme (this class runs in the light and in the dark workbench). */
	private void shot(String name) {
		org.eclipse.swt.widgets.Shell shell = page.getWorkbenchWindow().getShell();
		org.eclipse.swt.graphics.RGB background = shell.getBackground().getRGB();
		boolean dark = background.red + background.green + background.blue < 3 * 128;
		Screenshots.capture(shell, dark ? name + "-dark" : name);
	}

	private static List<ProcessHandle> mcpServerProcesses() {
		return ProcessHandle.current().descendants().filter(ProcessHandle::isAlive)
				.filter(process -> process.info().commandLine().orElse("").contains("server.mjs")).toList();
	}

	/** The next chat request the loopback server got (the chat may also ask it for its models). */
	private Request nextChat() throws InterruptedException {
		while (true) {
			Request request = server.requests().poll(5, TimeUnit.SECONDS);
			assertNotNull("another chat request", request);
			if (request.path().endsWith("/chat/completions")) {
				return request;
			}
		}
	}

	private static String content(JsonObject toolMessage) {
		return toolMessage.get("content").getAsString();
	}

	@Test
	public void anMcpToolCallIsAllowedAlwaysShownWithItsResultAndAnswered() throws Exception {
		server.setReplies(request -> {
			boolean again = lastUserMessage(request).startsWith("Once more");
			if (answersATool(request)) {
				return again ? LoopbackOpenAiServer.textReply(20, "It said ", "`echo: again`", ".")
						: LoopbackOpenAiServer.textReply(20, "The test server answered **", "echo: hello from the chat", "**.\n\n",
								"- it ran on the MCP server\n", "- its result came back to me\n");
			}
			return again ? LoopbackOpenAiServer.toolCallReply(null, new CallSpec("call_echo_2", SERVER_NAME + "__echo", "{\"text\": \"again", LINES, "\"}"))
					: LoopbackOpenAiServer.toolCallReply("Let me ask the test server.",
							new CallSpec("call_echo", SERVER_NAME + "__echo", "{\"text\":", " \"hello from the chat\"}"));
		});
		AgentProfile agent = agent("Tool User", true);

		ChatEditor chat = Chats.newChat(page, agent.id());
		Run run = chat.getRun();
		UiWait.send(chat, "Ask the test server to echo something");

		String always = "Always allow echo in this chat";
		UiWait.until(display, "the question about the MCP call", 30_000, () -> UiWait.findButton(transcript(chat), always) != null);
		UiWait.processEvents(display, 200);
		assertTrue("the turn waits for the answer", run.isGenerating());
		String question = shownText(permissionBlock(transcript(chat)));
		assertTrue(question, question.contains("The agent asks permission: " + SERVER_NAME + ": echo"));
		assertTrue("the arguments are shown: " + question, question.contains("hello from the chat"));
		assertTrue(question, question.contains("[Allow]") && question.contains("[Reject]"));

		press(chat, always);
		UiWait.until(display, "the answer after the tool call", 30_000, () -> !run.isGenerating());
		UiWait.processEvents(display, 300);
		assertNull("the question is gone", permissionBlock(transcript(chat)));
		String shown = chat.getTranscript().getShownText();
		assertTrue(shown, shown.contains("\u2713 " + SERVER_NAME + ": echo"));
		assertTrue("the call shows its duration: " + shown, shown.matches("(?s).*\u2713 " + SERVER_NAME + ": echo[^\n]*\u00B7 \\d+(\\.\\d)? m?s.*"));
		assertTrue("the result is in sight: " + shown, shown.contains("\necho: hello from the chat\n"));
		assertTrue(shown, shown.contains("Let me ask the test server."));
		assertTrue(shown, shown.contains("The test server answered echo: hello from the chat."));
		assertTrue(shown, shown.contains("\u2022 its result came back to me"));
		assertFalse("no Markdown syntax left: " + shown, shown.contains("**"));

		Request first = nextChat();
		assertTrue("the model is offered the server's tools: " + first.toolNames(), first.toolNames().contains(SERVER_NAME + "__echo"));
		assertTrue("and Chorus's own: " + first.toolNames(), first.toolNames().contains("write_file"));
		assertTrue(first.toolResults().isEmpty());
		Request second = nextChat();
		assertEquals(1, second.toolResults().size());
		assertEquals("call_echo", second.toolResults().get(0).get("tool_call_id").getAsString());
		assertEquals("echo: hello from the chat", content(second.toolResults().get(0)));
		shot("30-tool-call-mcp");

		// Allowed always: the next call of the tool in this chat runs without asking.
		UiWait.send(chat, "Once more, please");
		UiWait.until(display, "the second turn to end without a question", 30_000, () -> {
			assertNull("not asked again", permissionBlock(transcript(chat)));
			return !run.isGenerating() && run.snapshot().stream().anyMatch(entry -> entry.text() != null && entry.text().contains("It said"));
		});
		UiWait.processEvents(display, 300);
		shown = chat.getTranscript().getShownText();
		assertTrue("a long result shows its first lines: " + shown,
				shown.contains("\necho: again\nline 2\nline 3\nline 4\nline 5\nline 6\n\u2026 4 more lines under the details\n"));
		assertFalse("and not the rest: " + shown, shown.contains("line 7"));
		assertTrue(shown, shown.contains("It said echo: again."));
		nextChat();
		Request fourth = nextChat();
		assertEquals("the model gets all of it", "echo: again\nline 2\nline 3\nline 4\nline 5\nline 6\nline 7\nline 8\nline 9\nline 10",
				content(fourth.toolResults().get(fourth.toolResults().size() - 1)));
		shot("33-tool-call-long-result");

		page.closeAllEditors(false);
		UiWait.until(display, "the MCP server to stop with the chat", 15_000, () -> mcpServerProcesses().isEmpty());
	}

	@Test
	public void aWriteShowsItsDiffInTheQuestionAndChangesTheFileOnceAllowed() throws Exception {
		Path notes = folder.resolve("notes.txt");
		server.setReplies(request -> answersATool(request)
				? LoopbackOpenAiServer.textReply(20, "I crossed off ", "**Call Anna**", " and added the bread.")
				: LoopbackOpenAiServer.toolCallReply("I will update your list.", new CallSpec("call_write", "write_file",
						"{\"path\": \"notes.txt\", ", "\"content\": \"Buy milk\\nBuy bread\\nWater the plants\\n\"}")));
		AgentProfile agent = agent("File Writer", false);

		ChatEditor chat = Chats.newChat(page, agent.id());
		Run run = chat.getRun();
		UiWait.send(chat, "Update my notes: Anna is called, bread is needed");

		UiWait.until(display, "the question about the write", 30_000, () -> UiWait.findButton(transcript(chat), "Allow") != null);
		UiWait.processEvents(display, 200);
		String question = shownText(permissionBlock(transcript(chat)));
		assertTrue(question, question.contains("The agent asks permission: Write notes.txt"));
		assertTrue("the question shows the change: " + question, question.contains("- Call Anna"));
		assertTrue(question, question.contains("+ Buy bread"));
		assertTrue(question, question.contains("  Buy milk"));
		assertTrue(question, question.contains("[Always allow write_file in this chat]"));
		String transcript = chat.getTranscript().getShownText();
		assertTrue("the waiting entry leaves the change to the question: " + transcript,
				transcript.indexOf("+ Buy bread") >= 0 && transcript.indexOf("+ Buy bread") == transcript.lastIndexOf("+ Buy bread"));
		assertTrue(transcript, transcript.contains("\u2026 Write notes.txt"));
		assertEquals("nothing written before the answer", "Buy milk\nCall Anna\nWater the plants\n",
				Files.readString(notes, StandardCharsets.UTF_8));
		shot("31-tool-write-permission");

		press(chat, "Allow");
		UiWait.until(display, "the answer after the write", 30_000, () -> !run.isGenerating());
		UiWait.processEvents(display, 300);
		assertEquals("Buy milk\nBuy bread\nWater the plants\n", Files.readString(notes, StandardCharsets.UTF_8));
		String shown = chat.getTranscript().getShownText();
		assertTrue(shown, shown.contains("\u2713 Write notes.txt"));
		assertTrue("the change stays in sight: " + shown, shown.contains("+ Buy bread"));
		assertTrue(shown, shown.contains("I crossed off Call Anna and added the bread."));
		nextChat();
		String told = content(nextChat().toolResults().get(0));
		assertTrue(told, told.contains("notes.txt"));
	}

	@Test
	public void aCrashingMcpServerFailsTheCallAndTheChatGoesOn() throws Exception {
		server.setReplies(request -> answersATool(request)
				? LoopbackOpenAiServer.textReply(20, "The tool server crashed; ", "I will answer without it.")
				: LoopbackOpenAiServer.toolCallReply(null, new CallSpec("call_crash", SERVER_NAME + "__crash", "{}")));
		AgentProfile agent = agent("Crash Tester", true);

		ChatEditor chat = Chats.newChat(page, agent.id());
		Run run = chat.getRun();
		UiWait.send(chat, "Try the crash tool");

		UiWait.until(display, "the question about the crash call", 30_000, () -> UiWait.findButton(transcript(chat), "Allow") != null);
		assertFalse("the server is running for the call", mcpServerProcesses().isEmpty());
		press(chat, "Allow");
		UiWait.until(display, "the answer after the failed call", 30_000, () -> !run.isGenerating());
		UiWait.processEvents(display, 300);
		String shown = chat.getTranscript().getShownText();
		assertTrue(shown, shown.contains("\u2717 " + SERVER_NAME + ": crash"));
		assertTrue("the failure names the server and its exit: " + shown,
				shown.contains("The MCP server " + SERVER_NAME + " stopped answering") && shown.contains("exited with code 3"));
		assertTrue(shown, shown.contains("The tool server crashed; I will answer without it."));
		nextChat();
		String told = content(nextChat().toolResults().get(0));
		assertTrue("the model is told what happened: " + told, told.contains("exited with code 3"));
		shot("32-tool-call-failed");

		page.closeAllEditors(false);
		UiWait.until(display, "no MCP server left after the chat closed", 15_000, () -> mcpServerProcesses().isEmpty());
	}
}
