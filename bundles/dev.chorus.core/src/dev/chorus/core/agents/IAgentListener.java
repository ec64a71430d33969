package dev.chorus.core.agents;

/** Learns of added, changed and removed agents; called on the thread that made the change. */
public interface IAgentListener {

	default void agentAdded(AgentProfile agent) {
	}

	default void agentChanged(AgentProfile agent) {
	}

	default void agentRemoved(AgentProfile agent) {
	}

	/** A listener that runs the action on any change (views that simply refresh). */
	static IAgentListener onAnyChange(Runnable action) {
		return new IAgentListener() {
			@Override
			public void agentAdded(AgentProfile agent) {
				action.run();
			}

			@Override
			public void agentChanged(AgentProfile agent) {
				action.run();
			}

			@Override
			public void agentRemoved(AgentProfile agent) {
				action.run();
			}
		};
	}
}
