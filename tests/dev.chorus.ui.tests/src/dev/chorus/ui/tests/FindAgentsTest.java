package dev.chorus.ui.tests;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertNotNull;
import static org.junit.Assert.assertNull;
import static org.junit.Assert.assertTrue;

import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

import org.eclipse.core.runtime.jobs.Job;
import org.eclipse.core.runtime.preferences.InstanceScope;
import org.eclipse.swt.SWT;
import org.eclipse.swt.widgets.Composite;
import org.eclipse.swt.widgets.Control;
import org.eclipse.swt.widgets.Display;
import org.eclipse.swt.widgets.Event;
import org.eclipse.swt.widgets.Shell;
import org.eclipse.ui.IWorkbenchPage;
import org.eclipse.ui.PlatformUI;
import org.junit.After;
import org.junit.Before;
import org.junit.Test;

import dev.chorus.backend.acp.AcpBackend;
import dev.chorus.backend.openai.OpenAiBackend;
import dev.chorus.core.ChorusCore;
import dev.chorus.core.agents.AgentProfile;
import dev.chorus.discovery.AgentFinder;
import dev.chorus.discovery.FindAgentsJob;
import dev.chorus.discovery.FoundAgent;
import dev.chorus.discovery.KnownAgents;
import dev.chorus.tests.support.FakeAcpPrograms;
import dev.chorus.tests.support.LoopbackOpenAiServer;
import dev.chorus.ui.ChorusUI;
import dev.chorus.ui.agents.ActiveAgent;
import dev.chorus.ui.chat.ChatEditor;
import dev.chorus.ui.chat.Chats;
import dev.chorus.ui.discovery.EmptyChatHint;
import dev.chorus.ui.discovery.FindAgents;
import dev.chorus.ui.discovery.FindAgentsDialog;
import dev.chorus.ui.discovery.FirstStartOffer;

/**
 * Finding installed agents in the real workbench: the first-start offer against a loopback server
 * on a chosen port and programs named like ACP agents on a temporary PATH (real processes), the
 * answer when nothing is found, and the empty chat's hint when its agent cannot answer.
 */
public class FindAgentsTest {

	private static final String OFFER_TITLE = "Agents Found on This Computer";

	private Display display;
	private IWorkbenchPage page;
	private final ChorusCore core = ChorusCore.getDefault();
	private LoopbackOpenAiServer server;
	private Path bin;

	@Before
	public void setUp() throws Exception {
		display = Display.getCurrent();
		page = PlatformUI.getWorkbench().getActiveWorkbenchWindow().getActivePage();
		bin = Files.createTempDirectory("chorus-path");
	}

	@After
	public void tearDown() {
		if (server != null) {
			server.close();
		}
		page.closeAllEditors(false);
		core.runs().stopAll();
	}

	private static int freePort() throws IOException {
		try (ServerSocket socket = new ServerSocket(0)) {
			return socket.getLocalPort();
		}
	}

	/** Runs the action on the shell with the title as soon as it opens (dialogs run their own event loop). */
	private void whenOpen(String title, Consumer<Shell> action) {
		display.timerExec(50, new Runnable() {
			@Override
			public void run() {
				for (Shell shell : display.getShells()) {
					if (title.equals(shell.getText()) && shell.isVisible()) {
						action.accept(shell);
						return;
					}
				}
				display.timerExec(50, this);
			}
		});
	}

	private static void press(Shell shell, String label) {
		UiWait.findButton(shell, label).notifyListeners(SWT.Selection, new Event());
	}

	/** As on a first start: nothing but the agent Chorus makes, never offered before. */
	private void firstStart() throws Exception {
		for (AgentProfile agent : core.agents().list()) {
			core.agents().delete(agent.id());
		}
		core.agents().ensureDefaultAgent();
		InstanceScope.INSTANCE.getNode(ChorusUI.PLUGIN_ID).remove(FirstStartOffer.OFFERED);
	}

	@Test
	public void theFirstStartOffersWhatItFindsAndAddsWhatTheUserChose() throws Exception {
		firstStart();
		int port = freePort();
		server = new LoopbackOpenAiServer(port);
		server.setModels(List.of("llama3.2", "qwen2.5-coder"));
		FakeAcpPrograms.answering(bin, "goose", "acp", "goose", "1.50.1");
		FakeAcpPrograms.silent(bin, "qwen");
		AgentFinder finder = new AgentFinder(new AgentFinder.Options(List.of(new KnownAgents.Server("Ollama", port)),
				KnownAgents.PROGRAMS, bin.toString(), Duration.ofMillis(1500), Duration.ofMillis(2000)));

		List<String> rows = new ArrayList<>();
		List<Boolean> checked = new ArrayList<>();
		boolean[] replaceOffered = new boolean[1];
		whenOpen(OFFER_TITLE, shell -> {
			FindAgentsDialog dialog = (FindAgentsDialog) shell.getData();
			for (Object element : (List<?>) dialog.getViewer().getInput()) {
				FoundAgent agent = (FoundAgent) element;
				rows.add(agent.name());
				checked.add(dialog.getViewer().getChecked(agent));
			}
			replaceOffered[0] = UiWait.findButton(shell, "Remove the agent \"Assistant\", which points at a server that is not there") != null;
			FoundAgent ollama = (FoundAgent) dialog.getViewer().getElementAt(0);
			dialog.setModel(ollama, "qwen2.5-coder");
			Screenshots.capture(shell, "20-find-agents-offer");
			press(shell, "Add Agents");
		});
		FindAgentsJob job = FirstStartOffer.schedule(PlatformUI.getWorkbench(), finder);
		assertNotNull("due: nothing but the default agent", job);
		UiWait.until(display, "the offer, answered", 20_000, () -> core.agents().list().size() >= 2 && !rows.isEmpty());
		UiWait.processEvents(display, 300);

		assertEquals(List.of("Ollama", "Qwen Code", "Goose"), rows);
		assertEquals("what answered is checked; the silent one is not", List.of(true, false, true), checked);
		assertTrue(replaceOffered[0]);
		List<String> names = core.agents().list().stream().map(AgentProfile::displayName).toList();
		assertEquals("the two chosen, the default replaced", List.of("Goose", "Ollama"), names);
		AgentProfile ollama = core.agents().list().stream().filter(a -> a.displayName().equals("Ollama")).findFirst().get();
		AgentProfile goose = core.agents().list().stream().filter(a -> a.displayName().equals("Goose")).findFirst().get();
		assertEquals(server.baseUrl(), ollama.settings().get(OpenAiBackend.BASE_URL));
		assertEquals("qwen2.5-coder", ollama.settings().get(OpenAiBackend.MODEL));
		assertEquals(bin.resolve("goose") + " acp", goose.settings().get(AcpBackend.COMMAND));
		assertFalse("each its own colour", ollama.effectiveColor().equals(goose.effectiveColor()));
		assertEquals(ollama.id(), ActiveAgent.get().getId());
		assertNull("offered once, never again by itself", FirstStartOffer.schedule(PlatformUI.getWorkbench(), finder));

		// The agent made from what was found talks to its server.
		ChatEditor chat = Chats.newChat(page, ollama.id());
		UiWait.send(chat, "Hello?");
		UiWait.until(display, "the answer", 15_000, () -> chat.getTranscript().getShownText().contains("from the server."));
		String request = String.valueOf(server.requests().stream().filter(r -> r.body() != null).reduce((a, b) -> b).get().body());
		assertTrue(request, request.contains("\"model\":\"qwen2.5-coder\""));
		Job.getJobManager().join(FindAgentsJob.FAMILY, null);
		assertTrue("no program of the PATH left running",
				ProcessHandle.current().descendants().noneMatch(p -> p.info().commandLine().orElse("").contains(bin.toString())));
	}

	@Test
	public void findAgentsSaysWhatToInstallWhenNothingIsFound() throws Exception {
		AgentFinder nothing = new AgentFinder(new AgentFinder.Options(List.of(new KnownAgents.Server("Ollama", freePort())),
				KnownAgents.PROGRAMS, bin.toString(), Duration.ofMillis(500), Duration.ofMillis(500)));
		String[] message = new String[1];
		whenOpen("No Agents Found", shell -> {
			message[0] = allText(shell);
			Screenshots.capture(shell, "21-find-agents-nothing-found");
			press(shell, "OK");
		});
		int before = core.agents().list().size();
		FindAgents.run(page.getWorkbenchWindow().getShell(), nothing);
		assertNotNull(message[0]);
		assertTrue(message[0], message[0].contains("Ollama 11434") && message[0].contains("Gemini CLI"));
		assertEquals(before, core.agents().list().size());
	}

	@Test
	public void theEmptyChatSaysWhatToDoWhenItsAgentCannotAnswerAndNothingWhenItCan() throws Exception {
		AgentProfile nowhere = core.agents().create("Nowhere", "dev.chorus.backend.openai",
				Map.of(OpenAiBackend.BASE_URL, "http://127.0.0.1:" + freePort() + "/v1", OpenAiBackend.MODEL, "llama3.2"), null);
		ChatEditor chat = Chats.newChat(page, nowhere.id());
		UiWait.until(display, "the hint", 10_000, () -> hint(chat.getTranscript().getEmptyStateArea()) != null);
		UiWait.processEvents(display, 300);
		Composite hint = hint(chat.getTranscript().getEmptyStateArea());
		assertTrue(allText(hint), allText(hint).contains("Nothing answers at http://127.0.0.1:"));
		assertTrue(hint.isVisible());
		Screenshots.capture(page.getWorkbenchWindow().getShell(), "22-empty-chat-hint");

		server = new LoopbackOpenAiServer();
		AgentProfile local = core.agents().create("Answering", "dev.chorus.backend.openai",
				Map.of(OpenAiBackend.BASE_URL, server.baseUrl(), OpenAiBackend.MODEL, "llama3.2"), null);
		ChatEditor answering = Chats.newChat(page, local.id());
		Job.getJobManager().join(EmptyChatHint.FAMILY, null);
		UiWait.processEvents(display, 300);
		assertNull("an agent that can answer gets no hint", hint(answering.getTranscript().getEmptyStateArea()));
	}

	private static Composite hint(Composite parent) {
		for (Control child : parent.getChildren()) {
			if (child.getData(EmptyChatHint.DATA_KEY) != null) {
				return (Composite) child;
			}
			if (child instanceof Composite composite && hint(composite) != null) {
				return hint(composite);
			}
		}
		return null;
	}

	static String allText(Composite parent) {
		StringBuilder text = new StringBuilder();
		for (Control child : parent.getChildren()) {
			if (child instanceof org.eclipse.swt.widgets.Label label) {
				text.append(label.getText()).append('\n');
			} else if (child instanceof org.eclipse.swt.widgets.Link link) {
				text.append(link.getText()).append('\n');
			} else if (child instanceof Composite composite) {
				text.append(allText(composite));
			}
		}
		return text.toString();
	}
}
