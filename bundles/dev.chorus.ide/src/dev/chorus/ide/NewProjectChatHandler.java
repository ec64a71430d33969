package dev.chorus.ide;

import org.eclipse.core.commands.AbstractHandler;
import org.eclipse.core.commands.ExecutionEvent;
import org.eclipse.core.commands.ExecutionException;
import org.eclipse.core.resources.IProject;
import org.eclipse.core.resources.IResource;
import org.eclipse.jface.viewers.ISelection;
import org.eclipse.jface.viewers.IStructuredSelection;
import org.eclipse.osgi.util.NLS;
import org.eclipse.ui.IEditorInput;
import org.eclipse.ui.IWorkbenchPage;
import org.eclipse.ui.PartInitException;
import org.eclipse.ui.handlers.HandlerUtil;

import dev.chorus.core.ChorusCore;
import dev.chorus.ui.agents.ActiveAgent;
import dev.chorus.ui.chat.Chats;

/**
 * New Chat while the user works in a project (a resource selected, or a file's editor active):
 * the chat uses the project's default agent, or the active one, and works in the project's
 * folder, which its session keeps for every resume.
 */
public class NewProjectChatHandler extends AbstractHandler {

	@Override
	public Object execute(ExecutionEvent event) throws ExecutionException {
		IWorkbenchPage page = HandlerUtil.getActiveWorkbenchWindowChecked(event).getActivePage();
		IProject project = projectOf(HandlerUtil.getCurrentSelection(event), HandlerUtil.getActiveEditorInput(event));
		String requested = event.getParameter(dev.chorus.ui.handlers.NewChatHandler.AGENT_PARAMETER);
		if (project == null) {
			// Nothing to place the chat in: a plain chat, as Chorus's own handler opens.
			return open(page, requested != null ? requested : ActiveAgent.get().getId(), null);
		}
		ProjectChatSettings settings = ProjectChatSettings.of(project);
		String agentId = requested;
		if (agentId == null) {
			boolean known = !settings.agentId().isEmpty() && ChorusCore.getDefault().agents().get(settings.agentId()).isPresent();
			agentId = known ? settings.agentId() : ActiveAgent.get().getId();
		}
		String folder = settings.folderFor(project);
		if (folder == null) {
			throw new ExecutionException(NLS.bind(Messages.NewChat_NoFolder, project.getName()));
		}
		return open(page, agentId, folder);
	}

	private static Object open(IWorkbenchPage page, String agentId, String folder) throws ExecutionException {
		ActiveAgent.get().setId(agentId);
		try {
			return Chats.newChat(page, agentId, folder);
		} catch (PartInitException e) {
			throw new ExecutionException(e.getMessage(), e);
		}
	}

	/** The project of the selected resource, or else of the active editor's file. */
	static IProject projectOf(ISelection selection, IEditorInput editorInput) {
		if (selection instanceof IStructuredSelection structured && structured.size() == 1) {
			IResource resource = adapt(structured.getFirstElement());
			if (resource != null) {
				return resource.getProject();
			}
		}
		IResource resource = adapt(editorInput);
		return resource == null ? null : resource.getProject();
	}

	private static IResource adapt(Object element) {
		return element == null ? null : org.eclipse.core.runtime.Adapters.adapt(element, IResource.class);
	}
}
