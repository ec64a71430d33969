package dev.chorus.ide.tests;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertNotNull;
import static org.junit.Assert.assertNull;
import static org.junit.Assert.assertTrue;

import java.io.File;
import java.nio.file.Files;
import java.util.Map;

import org.eclipse.core.resources.IProject;
import org.eclipse.core.resources.IWorkspaceRoot;
import org.eclipse.core.resources.ResourcesPlugin;
import org.eclipse.core.runtime.NullProgressMonitor;
import org.eclipse.jface.preference.PreferenceDialog;
import org.eclipse.jface.preference.PreferencePage;
import org.eclipse.jface.viewers.StructuredSelection;
import org.eclipse.swt.SWT;
import org.eclipse.swt.widgets.Combo;
import org.eclipse.swt.widgets.Composite;
import org.eclipse.swt.widgets.Control;
import org.eclipse.swt.widgets.Display;
import org.eclipse.swt.widgets.Text;
import org.eclipse.ui.IWorkbenchPage;
import org.eclipse.ui.PlatformUI;
import org.eclipse.ui.dialogs.PreferencesUtil;
import org.eclipse.ui.handlers.IHandlerService;
import org.eclipse.ui.navigator.CommonNavigator;
import org.junit.After;
import org.junit.Before;
import org.junit.Test;

import dev.chorus.backend.openai.OpenAiBackend;
import dev.chorus.core.ChorusCore;
import dev.chorus.core.agents.AgentProfile;
import dev.chorus.core.runs.Run;
import dev.chorus.ide.ProjectChatSettings;
import dev.chorus.tests.support.LoopbackOpenAiServer;
import dev.chorus.ui.chat.ChatEditor;
import dev.chorus.ui.handlers.NewChatHandler;
import dev.chorus.ui.tests.Screenshots;
import dev.chorus.ui.tests.UiWait;

/**
 * In the Eclipse IDE workbench: a project's Chorus property page names the agent and the folder,
 * and New Chat, run while the project is selected in the Project Explorer, opens the chat with
 * that agent in that folder; elsewhere New Chat stays a plain chat with the active agent.
 */
public class ProjectChatTest {

	private static final String PAGE_ID = "dev.chorus.ide.projectPropertyPage";
	private static final String PROJECT_EXPLORER = "org.eclipse.ui.navigator.ProjectExplorer";
	private static final String PROGRESS_VIEW = "org.eclipse.ui.views.ProgressView";

	private LoopbackOpenAiServer server;
	private Display display;
	private IWorkbenchPage page;
	private IProject project;
	private final ChorusCore core = ChorusCore.getDefault();

	@Before
	public void setUp() throws Exception {
		server = new LoopbackOpenAiServer();
		server.setReplies(request -> LoopbackOpenAiServer.textReply(250, "Looking ", "at ", "the ", "project."));
		display = Display.getCurrent();
		page = PlatformUI.getWorkbench().getActiveWorkbenchWindow().getActivePage();
		IWorkspaceRoot root = ResourcesPlugin.getWorkspace().getRoot();
		project = root.getProject("web-shop");
		if (!project.exists()) {
			project.create(new NullProgressMonitor());
		}
		project.open(new NullProgressMonitor());
	}

	@After
	public void tearDown() throws Exception {
		page.closeAllEditors(false);
		core.runs().stopAll();
		server.close();
		project.delete(true, new NullProgressMonitor());
	}

	private AgentProfile agent(String name) throws Exception {
		AgentProfile agent = core.agents().create(name, "dev.chorus.backend.openai");
		core.agents().updateSettings(agent.id(), "dev.chorus.backend.openai",
				Map.of(OpenAiBackend.BASE_URL, server.baseUrl(), OpenAiBackend.MODEL, "llama3.2"));
		return core.agents().get(agent.id()).get();
	}

	@Test
	public void theProjectsAgentAndFolderAreSetOnItsPageAndNewChatUsesThem() throws Exception {
		AgentProfile active = agent("Generalist");
		AgentProfile coder = agent("Project Coder");
		dev.chorus.ui.agents.ActiveAgent.get().setId(active.id());
		File folder = Files.createTempDirectory("chorus-project-folder").toFile();

		// Project > Properties > Chorus, filled in as a user does.
		PreferenceDialog dialog = PreferencesUtil.createPropertyDialogOn(page.getWorkbenchWindow().getShell(), project,
				PAGE_ID, new String[] { PAGE_ID }, null);
		assertNotNull("the Chorus page is offered for projects", dialog);
		dialog.setBlockOnOpen(false);
		dialog.open();
		PreferencePage chorusPage = (PreferencePage) dialog.getSelectedPage();
		Combo agents = find((Composite) chorusPage.getControl(), Combo.class);
		Text folderField = find((Composite) chorusPage.getControl(), Text.class);
		assertEquals("The active agent (as in the toolbar)", agents.getText());
		// The first item is the active agent, then every agent in the registry's order.
		int coderItem = 1 + core.agents().list().stream().map(AgentProfile::id).toList().indexOf(coder.id());
		assertEquals("every agent is offered", core.agents().list().size() + 1, agents.getItemCount());
		assertEquals(coder.displayName(), agents.getItem(coderItem));
		agents.select(coderItem);
		folderField.setText(folder.getPath() + "-missing");
		UiWait.processEvents(display, 100);
		assertEquals("a folder that does not exist is refused", "The folder " + folder.getPath() + "-missing does not exist.",
				chorusPage.getErrorMessage());
		folderField.setText(folder.getPath());
		UiWait.processEvents(display, 100);
		assertNull(chorusPage.getErrorMessage());
		Screenshots.capture(dialog.getShell(), "ide-project-properties");
		UiWait.findButton(dialog.getShell(), "Apply and Close").notifyListeners(SWT.Selection, new org.eclipse.swt.widgets.Event());
		UiWait.processEvents(display, 100);

		ProjectChatSettings stored = ProjectChatSettings.of(project);
		assertEquals(coder.id(), stored.agentId());
		assertEquals(folder.getPath(), stored.workingDirectory());
		assertTrue("kept with the project, for the team", project.getFile(".settings/dev.chorus.ide.prefs").exists());

		// The project selected in the Project Explorer: New Chat is the project's chat.
		CommonNavigator explorer = (CommonNavigator) page.showView(PROJECT_EXPLORER);
		explorer.selectReveal(new StructuredSelection(project));
		page.activate(explorer);
		UiWait.processEvents(display, 200);
		IHandlerService handlers = PlatformUI.getWorkbench().getService(IHandlerService.class);
		handlers.executeCommand(NewChatHandler.COMMAND_ID, null);
		ChatEditor chat = (ChatEditor) page.getActiveEditor();
		Run run = chat.getRun();
		assertEquals("the project's agent", coder.id(), run.getAgentId());
		assertEquals("the project's folder", folder.getPath(), run.getWorkingDirectory());

		UiWait.send(chat, "What is in this project?");
		// While it answers, the Progress view shows the turn with the agent's avatar.
		page.showView(PROGRESS_VIEW, null, IWorkbenchPage.VIEW_VISIBLE);
		UiWait.until(display, "the first words", 5_000, () -> run.snapshot().size() >= 2 && !run.snapshot().get(1).text().isEmpty());
		Screenshots.capture(page.getWorkbenchWindow().getShell(), "ide-project-chat-streaming");
		UiWait.until(display, "the answer", 10_000, () -> !run.isGenerating() && run.snapshot().size() >= 2);
		assertEquals("Looking at the project.", run.snapshot().get(1).text());
		assertEquals("the session keeps the folder for its resumes", folder.getPath(),
				core.sessions().get(run.getSessionId()).get().workingDirectory());
		Screenshots.capture(page.getWorkbenchWindow().getShell(), "ide-project-chat");

		// With the chat itself active there is no project in view: a plain chat with the active agent.
		page.activate(chat);
		dev.chorus.ui.agents.ActiveAgent.get().setId(active.id());
		UiWait.processEvents(display, 200);
		handlers.executeCommand(NewChatHandler.COMMAND_ID, null);
		Run plain = ((ChatEditor) page.getActiveEditor()).getRun();
		assertEquals(active.id(), plain.getAgentId());
		assertNull(plain.getWorkingDirectory());
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
}
