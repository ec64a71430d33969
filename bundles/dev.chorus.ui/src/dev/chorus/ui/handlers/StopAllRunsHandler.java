package dev.chorus.ui.handlers;

import org.eclipse.core.commands.AbstractHandler;
import org.eclipse.core.commands.ExecutionEvent;

import dev.chorus.core.ChorusCore;
import dev.chorus.core.runs.Run;

/** Stops every run that is generating; the chats stay open. */
public class StopAllRunsHandler extends AbstractHandler {

	@Override
	public Object execute(ExecutionEvent event) {
		ChorusCore.getDefault().runs().list().stream().filter(Run::isGenerating).forEach(Run::stop);
		return null;
	}
}
