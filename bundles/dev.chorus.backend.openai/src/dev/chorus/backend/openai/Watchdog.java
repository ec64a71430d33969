package dev.chorus.backend.openai;

import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;

/**
 * One daemon thread that checks every streaming conversation twice a second and closes the ones
 * that stalled. It stops when nothing streams, so an idle Chorus keeps no thread for it.
 */
final class Watchdog {

	private static final Set<OpenAiConversation> WATCHED = ConcurrentHashMap.newKeySet();
	private static ScheduledExecutorService executor;
	private static ScheduledFuture<?> task;

	private Watchdog() {
	}

	static synchronized void watch(OpenAiConversation conversation) {
		WATCHED.add(conversation);
		if (executor == null) {
			executor = Executors.newSingleThreadScheduledExecutor(runnable -> {
				Thread thread = new Thread(runnable, "Chorus OpenAI stream watchdog"); //$NON-NLS-1$
				thread.setDaemon(true);
				return thread;
			});
			task = executor.scheduleWithFixedDelay(Watchdog::check, 500, 500, TimeUnit.MILLISECONDS);
		}
	}

	static synchronized void unwatch(OpenAiConversation conversation) {
		WATCHED.remove(conversation);
		if (WATCHED.isEmpty() && executor != null) {
			task.cancel(false);
			executor.shutdown();
			executor = null;
		}
	}

	private static void check() {
		long now = System.nanoTime();
		WATCHED.removeIf(conversation -> conversation.checkStall(now));
	}
}
