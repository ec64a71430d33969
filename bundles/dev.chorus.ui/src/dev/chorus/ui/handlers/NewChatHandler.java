package dev.chorus.ui.handlers;

import org.eclipse.core.commands.AbstractHandler;
import org.eclipse.core.commands.ExecutionEvent;
import org.eclipse.core.commands.ExecutionException;
import org.eclipse.ui.IWorkbenchPage;
import org.eclipse.ui.PartInitException;
import org.eclipse.ui.handlers.HandlerUtil;

import dev.chorus.ui.agents.ActiveAgent;
import dev.chorus.ui.chat.Chats;

/** Opens a chat with the agent named by the parameter, or with the active agent. */
public class NewChatHandler extends AbstractHandler {

	public static final String COMMAND_ID = "dev.chorus.ui.commands.newChat"; //$NON-NLS-1$
	public static final String AGENT_PARAMETER = "dev.chorus.ui.commands.agentId"; //$NON-NLS-1$

	@Override
	public Object execute(ExecutionEvent event) throws ExecutionException {
		IWorkbenchPage page = HandlerUtil.getActiveWorkbenchWindowChecked(event).getActivePage();
		String agentId = event.getParameter(AGENT_PARAMETER);
		if (agentId != null) {
			ActiveAgent.get().setId(agentId);
		}
		try {
			return Chats.newChat(page, agentId != null ? agentId : ActiveAgent.get().getId());
		} catch (PartInitException e) {
			throw new ExecutionException(e.getMessage(), e);
		}
	}
}
