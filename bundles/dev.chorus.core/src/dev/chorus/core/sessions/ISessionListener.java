package dev.chorus.core.sessions;

/** Learns of sessions created, changed (title, messages, activity) and deleted; called on any thread. */
public interface ISessionListener {

	default void sessionAdded(SessionInfo session) {
	}

	default void sessionChanged(SessionInfo session) {
	}

	default void sessionRemoved(SessionInfo session) {
	}
}
