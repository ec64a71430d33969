package dev.chorus.ui.chat;

import java.util.Objects;

import org.eclipse.core.runtime.PlatformObject;
import org.eclipse.jface.resource.ImageDescriptor;
import org.eclipse.ui.IEditorInput;
import org.eclipse.ui.IPersistableElement;

import dev.chorus.core.runs.Run;

/**
 * The input of a chat editor: one live run. Two inputs are equal when they hold the same run, so
 * that the workbench activates the open editor instead of opening a second one.
 */
public final class ChatEditorInput extends PlatformObject implements IEditorInput {

	private final Run run;

	public ChatEditorInput(Run run) {
		this.run = Objects.requireNonNull(run);
	}

	public Run getRun() {
		return run;
	}

	@Override
	public boolean exists() {
		return false;
	}

	@Override
	public ImageDescriptor getImageDescriptor() {
		return null;
	}

	@Override
	public String getName() {
		String title = run.getTitle();
		return title == null || title.isBlank() ? Messages.Chat_NewChat : title;
	}

	@Override
	public IPersistableElement getPersistable() {
		// Runs are live objects; sessions are resumed from the Sessions view after a restart.
		return null;
	}

	@Override
	public String getToolTipText() {
		return getName();
	}

	@Override
	public <T> T getAdapter(Class<T> adapter) {
		if (adapter == Run.class) {
			return adapter.cast(run);
		}
		return super.getAdapter(adapter);
	}

	@Override
	public boolean equals(Object other) {
		return other instanceof ChatEditorInput input && input.run.getRunId().equals(run.getRunId());
	}

	@Override
	public int hashCode() {
		return run.getRunId().hashCode();
	}
}
