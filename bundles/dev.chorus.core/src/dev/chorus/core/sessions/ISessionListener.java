package dev.chorus.core.sessions;

/** Learns of sessions created, changed (title, messages, activity) and deleted; called on any thread. */
public interface ISessionListener {

	default void sessionAdded(SessionInfo session) {
	}

	default void sessionChanged(SessionInfo session) {
	}

	default void sessionRemoved(SessionInfo session) {
	}

	/** A listener that runs the action on any change (views that simply refresh). */
	static ISessionListener onAnyChange(Runnable action) {
		return new ISessionListener() {
			@Override
			public void sessionAdded(SessionInfo session) {
				action.run();
			}

			@Override
			public void sessionChanged(SessionInfo session) {
				action.run();
			}

			@Override
			public void sessionRemoved(SessionInfo session) {
				action.run();
			}
		};
	}
}
