package dev.chorus.core.runs;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;

/**
 * Events of one run on their way from the threads that stream them to the one that shows them.
 * Text appended to the same entry one event after another is merged as it arrives, so that the
 * reader handles one event per burst, not one per token: a server at full speed sends hundreds of
 * thousands of tokens a second, which no UI thread can take one by one. Order is kept; only
 * neighbouring text of the same entry is merged. Safe for any number of writers and one reader.
 */
public final class RunEventBuffer {

	private final ArrayDeque<Object> events = new ArrayDeque<>();
	/** The text event at the end of the queue, still open to more text of its entry. */
	private Text openText;
	/** When the events now waiting started to wait (System.nanoTime()); meaningless when empty. */
	private long waitingSince;

	private static final class Text {
		final String runId;
		final int entryIndex;
		final StringBuilder delta;

		Text(RunEvent.TextAppended first) {
			runId = first.runId();
			entryIndex = first.entryIndex();
			delta = new StringBuilder(first.delta());
		}
	}

	/**
	 * Adds an event.
	 *
	 * @return whether the buffer was empty, so that the caller asks the reader to come
	 */
	public synchronized boolean add(RunEvent event) {
		boolean wasEmpty = events.isEmpty();
		if (wasEmpty) {
			waitingSince = System.nanoTime();
		}
		if (event instanceof RunEvent.TextAppended text) {
			if (openText != null && openText.entryIndex == text.entryIndex()) {
				openText.delta.append(text.delta());
			} else {
				openText = new Text(text);
				events.add(openText);
			}
		} else {
			openText = null;
			events.add(event);
		}
		return wasEmpty;
	}

	/** Takes up to {@code max} events, oldest first, with neighbouring text merged. */
	public synchronized List<RunEvent> take(int max) {
		List<RunEvent> taken = new ArrayList<>(Math.min(max, events.size()));
		while (taken.size() < max && !events.isEmpty()) {
			Object next = events.poll();
			if (next == openText) {
				openText = null;
			}
			taken.add(next instanceof Text text ? new RunEvent.TextAppended(text.runId, text.entryIndex, text.delta.toString())
					: (RunEvent) next);
		}
		// What is left was not forgotten: the reader came and will come again.
		waitingSince = System.nanoTime();
		return taken;
	}

	/** How long the events now waiting have waited for the reader; 0 when none wait. */
	public synchronized long waitingNanos() {
		return events.isEmpty() ? 0 : System.nanoTime() - waitingSince;
	}

	public synchronized boolean isEmpty() {
		return events.isEmpty();
	}

	public synchronized void clear() {
		events.clear();
		openText = null;
	}
}
