package dev.chorus.ui.handlers;

import org.eclipse.core.commands.AbstractHandler;
import org.eclipse.core.commands.ExecutionEvent;
import org.eclipse.core.expressions.IEvaluationContext;
import org.eclipse.ui.ISources;
import org.eclipse.ui.handlers.HandlerUtil;

import dev.chorus.ui.chat.ChatEditor;

/** Log Out of Agent: for the active chat's agent, where it offers that (ACP {@code logout}). */
public class LogOutHandler extends AbstractHandler {

	@Override
	public Object execute(ExecutionEvent event) {
		if (HandlerUtil.getActiveEditor(event) instanceof ChatEditor chat) {
			chat.getRun().logOut();
		}
		return null;
	}

	@Override
	public void setEnabled(Object evaluationContext) {
		Object editor = evaluationContext instanceof IEvaluationContext context ? context.getVariable(ISources.ACTIVE_EDITOR_NAME) : null;
		setBaseEnabled(editor instanceof ChatEditor chat && chat.getRun().canLogOut());
	}
}
