package dev.chorus.core.tests;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;

import org.junit.Test;

import dev.chorus.core.runs.RunEvent;
import dev.chorus.core.runs.RunEventBuffer;
import dev.chorus.core.runs.RunState;

public class RunEventBufferTest {

	private static RunEvent text(int entry, String delta) {
		return new RunEvent.TextAppended("run", entry, delta);
	}

	@Test
	public void neighbouringTextOfOneEntryIsMergedAndOrderIsKept() {
		RunEventBuffer buffer = new RunEventBuffer();
		assertTrue("the first event asks for the reader", buffer.add(text(1, "Hel")));
		assertFalse(buffer.add(text(1, "lo")));
		buffer.add(text(2, "thinking"));
		buffer.add(text(1, " world"));
		RunEvent state = new RunEvent.StateChanged("run", RunState.GENERATING, RunState.IDLE);
		buffer.add(state);
		buffer.add(text(1, "!"));

		List<RunEvent> taken = buffer.take(100);
		assertEquals(List.of(text(1, "Hello"), text(2, "thinking"), text(1, " world"), state, text(1, "!")), taken);
		assertTrue(buffer.isEmpty());
	}

	@Test
	public void textAfterATakeStartsANewEventAndTakeIsBounded() {
		RunEventBuffer buffer = new RunEventBuffer();
		buffer.add(text(1, "a"));
		buffer.add(new RunEvent.TitleChanged("run", "Title"));
		buffer.add(text(1, "b"));
		assertEquals(List.of(text(1, "a")), buffer.take(1));
		buffer.add(text(1, "c"));
		assertEquals(List.of(new RunEvent.TitleChanged("run", "Title"), text(1, "bc")), buffer.take(10));
		buffer.add(text(1, "d"));
		assertEquals("text added after a take is not lost", List.of(text(1, "d")), buffer.take(10));
	}

	@Test
	public void writersOnManyThreadsLoseNothing() throws Exception {
		RunEventBuffer buffer = new RunEventBuffer();
		int writers = 4;
		int tokens = 50_000;
		CountDownLatch done = new CountDownLatch(writers);
		for (int w = 0; w < writers; w++) {
			int entry = w;
			new Thread(() -> {
				for (int i = 0; i < tokens; i++) {
					buffer.add(text(entry, "x"));
				}
				done.countDown();
			}).start();
		}
		int[] received = new int[writers];
		List<RunEvent> events = new ArrayList<>();
		while (done.getCount() > 0 || !buffer.isEmpty()) {
			events.addAll(buffer.take(1000));
		}
		for (RunEvent event : events) {
			RunEvent.TextAppended appended = (RunEvent.TextAppended) event;
			received[appended.entryIndex()] += appended.delta().length();
		}
		for (int w = 0; w < writers; w++) {
			assertEquals(tokens, received[w]);
		}
		assertTrue("merged: far fewer events than tokens (" + events.size() + ")", events.size() < writers * tokens);
	}

	@Test
	public void tellsHowLongEventsHaveWaitedForTheReader() throws Exception {
		RunEventBuffer buffer = new RunEventBuffer();
		assertEquals("nothing waits", 0, buffer.waitingNanos());
		buffer.add(text(1, "a"));
		Thread.sleep(30);
		buffer.add(text(1, "b"));
		assertTrue("counted from the first event that waits", buffer.waitingNanos() >= 30_000_000);
		buffer.take(10);
		assertEquals(0, buffer.waitingNanos());
		buffer.add(text(1, "c"));
		assertTrue("a new wait starts with the next event", buffer.waitingNanos() < 30_000_000);
	}
}
