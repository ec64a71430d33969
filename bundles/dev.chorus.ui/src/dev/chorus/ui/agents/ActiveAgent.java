package dev.chorus.ui.agents;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;

import org.eclipse.core.runtime.preferences.IEclipsePreferences;
import org.eclipse.core.runtime.preferences.InstanceScope;

import dev.chorus.core.ChorusCore;
import dev.chorus.core.agents.AgentProfile;
import dev.chorus.ui.ChorusUI;

/**
 * The agent that New Chat talks to: the one the user chose in the switcher or whose chat they
 * activated last. Remembered across restarts; falls back to the first agent when it is gone.
 */
public final class ActiveAgent {

	private static final String PREFERENCE = "activeAgent"; //$NON-NLS-1$
	private static final ActiveAgent INSTANCE = new ActiveAgent();

	private final List<Consumer<String>> listeners = new CopyOnWriteArrayList<>();

	private ActiveAgent() {
	}

	public static ActiveAgent get() {
		return INSTANCE;
	}

	/** The active agent's id; an existing agent whenever there is one. */
	public String getId() {
		String stored = preferences().get(PREFERENCE, null);
		if (stored != null && ChorusCore.getDefault().agents().get(stored).isPresent()) {
			return stored;
		}
		List<AgentProfile> agents = ChorusCore.getDefault().agents().list();
		if (agents.isEmpty()) {
			return ChorusCore.getDefault().agents().ensureDefaultAgent().id();
		}
		return agents.get(0).id();
	}

	public void setId(String agentId) {
		if (agentId.equals(preferences().get(PREFERENCE, null))) {
			return;
		}
		preferences().put(PREFERENCE, agentId);
		listeners.forEach(listener -> listener.accept(agentId));
	}

	public void addListener(Consumer<String> listener) {
		listeners.add(listener);
	}

	public void removeListener(Consumer<String> listener) {
		listeners.remove(listener);
	}

	private static IEclipsePreferences preferences() {
		return InstanceScope.INSTANCE.getNode(ChorusUI.PLUGIN_ID);
	}
}
