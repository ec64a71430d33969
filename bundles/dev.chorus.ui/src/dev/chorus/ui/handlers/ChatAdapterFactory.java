package dev.chorus.ui.handlers;

import org.eclipse.core.runtime.IAdapterFactory;

import dev.chorus.core.runs.Run;
import dev.chorus.ui.chat.ChatEditor;

/** Lets expressions and handlers reach the run of a chat editor. */
public class ChatAdapterFactory implements IAdapterFactory {

	@Override
	public <T> T getAdapter(Object adaptable, Class<T> adapterType) {
		if (adaptable instanceof ChatEditor editor && adapterType == Run.class) {
			return adapterType.cast(editor.getRun());
		}
		return null;
	}

	@Override
	public Class<?>[] getAdapterList() {
		return new Class<?>[] { Run.class };
	}
}
