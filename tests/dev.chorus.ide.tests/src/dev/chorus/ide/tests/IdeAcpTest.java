package dev.chorus.ide.tests;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.util.Map;

import org.eclipse.core.resources.IFile;
import org.eclipse.core.resources.IProject;
import org.eclipse.core.resources.IResource;
import org.eclipse.core.resources.ResourcesPlugin;
import org.eclipse.core.runtime.NullProgressMonitor;
import org.eclipse.core.runtime.jobs.Job;
import org.eclipse.swt.SWT;
import org.eclipse.swt.widgets.Composite;
import org.eclipse.swt.widgets.Display;
import org.eclipse.swt.widgets.Event;
import org.eclipse.ui.IWorkbenchPage;
import org.eclipse.ui.PlatformUI;
import org.eclipse.ui.handlers.IHandlerService;
import org.eclipse.ui.ide.IDE;
import org.eclipse.ui.texteditor.ITextEditor;
import org.junit.After;
import org.junit.Before;
import org.junit.Test;

import dev.chorus.backend.acp.AcpBackend;
import dev.chorus.core.ChorusCore;
import dev.chorus.core.agents.AgentProfile;
import dev.chorus.core.transcript.Attachment;
import dev.chorus.ide.WorkspaceRefresher;
import dev.chorus.tests.support.SdkTestAgent;
import dev.chorus.ui.chat.ChatEditor;
import dev.chorus.ui.chat.Chats;
import dev.chorus.ui.tests.Screenshots;
import dev.chorus.ui.tests.UiWait;

/**
 * An ACP agent (on the official SDK, a real Node.js process) working in a project of the IDE: a
 * file it writes is refreshed in the workspace at once, and Send Selection to Chat from a text
 * editor attaches the selected lines to the chat.
 */
public class IdeAcpTest {

	private Display display;
	private IWorkbenchPage page;
	private IProject project;
	private SdkTestAgent agent;
	private final ChorusCore core = ChorusCore.getDefault();

	@Before
	public void setUp() throws Exception {
		display = Display.getCurrent();
		page = PlatformUI.getWorkbench().getActiveWorkbenchWindow().getActivePage();
		project = ResourcesPlugin.getWorkspace().getRoot().getProject("agent-work");
		if (!project.exists()) {
			project.create(new NullProgressMonitor());
		}
		project.open(new NullProgressMonitor());
		agent = SdkTestAgent.in(Files.createTempDirectory("chorus-ide-sdk-agent"));
	}

	@After
	public void tearDown() {
		page.closeAllEditors(false);
		core.runs().stopAll();
	}

	private ChatEditor chat() throws Exception {
		AgentProfile profile = core.agents().create("Project Agent", "dev.chorus.backend.acp");
		core.agents().updateSettings(profile.id(), "dev.chorus.backend.acp",
				Map.of(AcpBackend.COMMAND, agent.commandLine(), AcpBackend.ENVIRONMENT, agent.environmentSetting()));
		return Chats.newChat(page, profile.id(), project.getLocation().toOSString());
	}

	@Test
	public void aFileTheAgentWritesIsRefreshedInTheWorkspace() throws Exception {
		IFile file = project.getFile("notes.txt");
		if (!file.exists()) {
			file.create(new java.io.ByteArrayInputStream("hello\n".getBytes(StandardCharsets.UTF_8)), true, null);
		}
		ChatEditor chat = chat();
		UiWait.send(chat, "write notes.txt written by the agent");
		UiWait.until(display, "the agent's question", 30_000,
				() -> UiWait.findButton((Composite) chat.getTranscript().getControl(), "Allow once") != null);
		UiWait.findButton((Composite) chat.getTranscript().getControl(), "Allow once").notifyListeners(SWT.Selection, new Event());
		UiWait.until(display, "the turn to end", 30_000, () -> !chat.getRun().isGenerating());
		Job.getJobManager().join(WorkspaceRefresher.FAMILY, null);
		UiWait.until(display, "the refresh", 10_000, () -> {
			try {
				Job.getJobManager().join(WorkspaceRefresher.FAMILY, null);
			} catch (InterruptedException e) {
				Thread.currentThread().interrupt();
			}
			return file.isSynchronized(IResource.DEPTH_ZERO);
		});
		assertEquals("written by the agent", new String(file.getContents().readAllBytes(), StandardCharsets.UTF_8));
		agent.assertNoViolations();
	}

	@Test
	public void sendSelectionToChatAttachesTheLinesWithTheirFileAndRange() throws Exception {
		IFile file = project.getFile("Shop.java");
		String text = "class Shop {\n  int total;\n  void pay() {}\n}\n";
		if (!file.exists()) {
			file.create(new java.io.ByteArrayInputStream(text.getBytes(StandardCharsets.UTF_8)), true, null);
		}
		ChatEditor chat = chat();
		UiWait.processEvents(display, 300);
		ITextEditor editor = (ITextEditor) IDE.openEditor(page, file, "org.eclipse.ui.DefaultTextEditor");
		editor.selectAndReveal(text.indexOf("  int"), "  int total;\n  void pay() {}".length());
		UiWait.processEvents(display, 200);
		PlatformUI.getWorkbench().getService(IHandlerService.class).executeCommand("dev.chorus.ide.commands.sendSelection", null);
		UiWait.processEvents(display, 300);
		assertEquals("the chat comes to front", chat, page.getActiveEditor());
		assertEquals(1, chat.getPendingAttachments().size());
		Attachment selection = chat.getPendingAttachments().get(0);
		assertEquals(Attachment.Kind.SELECTION, selection.kind());
		assertEquals(Integer.valueOf(2), selection.startLine());
		assertEquals(Integer.valueOf(3), selection.endLine());
		assertTrue(selection.text(), selection.text().contains("void pay()"));
		assertEquals(file.getLocation().toOSString(), selection.path());
		Screenshots.capture(page.getWorkbenchWindow().getShell(), "ide-send-selection");
	}
}
