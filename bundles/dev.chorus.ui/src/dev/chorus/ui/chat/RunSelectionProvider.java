package dev.chorus.ui.chat;

import java.util.function.Supplier;

import org.eclipse.core.runtime.ListenerList;
import org.eclipse.jface.viewers.ISelection;
import org.eclipse.jface.viewers.ISelectionChangedListener;
import org.eclipse.jface.viewers.ISelectionProvider;
import org.eclipse.jface.viewers.SelectionChangedEvent;
import org.eclipse.jface.viewers.StructuredSelection;

import dev.chorus.core.runs.Run;

/**
 * A chat editor's selection: its run. With it, the workbench's selection follows the user into a
 * chat, instead of keeping whatever was selected in the part before (a project, say), so that
 * commands and property pages work on the chat in front of the user.
 */
final class RunSelectionProvider implements ISelectionProvider {

	private final Supplier<Run> run;
	private final ListenerList<ISelectionChangedListener> listeners = new ListenerList<>();

	RunSelectionProvider(Supplier<Run> run) {
		this.run = run;
	}

	@Override
	public ISelection getSelection() {
		Run current = run.get();
		return current == null ? StructuredSelection.EMPTY : new StructuredSelection(current);
	}

	@Override
	public void setSelection(ISelection selection) {
		// The selection is the run itself; nothing else can be selected.
	}

	/** Tells listeners that the editor shows another run. */
	void runChanged() {
		SelectionChangedEvent event = new SelectionChangedEvent(this, getSelection());
		listeners.forEach(listener -> listener.selectionChanged(event));
	}

	@Override
	public void addSelectionChangedListener(ISelectionChangedListener listener) {
		listeners.add(listener);
	}

	@Override
	public void removeSelectionChangedListener(ISelectionChangedListener listener) {
		listeners.remove(listener);
	}
}
