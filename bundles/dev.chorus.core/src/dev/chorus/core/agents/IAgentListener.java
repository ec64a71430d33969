package dev.chorus.core.agents;

/** Learns of added, changed and removed agents; called on the thread that made the change. */
public interface IAgentListener {

	default void agentAdded(AgentProfile agent) {
	}

	default void agentChanged(AgentProfile agent) {
	}

	default void agentRemoved(AgentProfile agent) {
	}
}
