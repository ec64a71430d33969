package dev.chorus.ui.discovery;

import org.eclipse.core.commands.AbstractHandler;
import org.eclipse.core.commands.ExecutionEvent;
import org.eclipse.core.commands.ExecutionException;
import org.eclipse.ui.handlers.HandlerUtil;

/** Find Agents...: looks for installed agents and offers them. */
public class FindAgentsHandler extends AbstractHandler {

	@Override
	public Object execute(ExecutionEvent event) throws ExecutionException {
		FindAgents.run(HandlerUtil.getActiveShellChecked(event));
		return null;
	}
}
