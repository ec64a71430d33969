package dev.chorus.ui.handlers;

import org.eclipse.core.commands.AbstractHandler;
import org.eclipse.core.commands.ExecutionEvent;

import dev.chorus.core.runs.Run;

/** Stops the answer of the active chat; the partial reply is kept. */
public class StopRunHandler extends AbstractHandler {

	@Override
	public Object execute(ExecutionEvent event) {
		Targets.activeRun(event).filter(Run::isGenerating).ifPresent(Run::stop);
		return null;
	}
}
