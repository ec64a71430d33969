package dev.chorus.ui.chat;

import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

import org.eclipse.swt.widgets.Display;

import dev.chorus.ui.agents.AgentImages;

/**
 * Animates the tabs of the chats that are generating. One timer moves them all in the same frame,
 * so that the tab row is repainted once per frame however many chats are busy (a timer per chat
 * repainted it once per chat: with sixteen busy chats that was a fifth of the UI thread). Used on
 * the UI thread only.
 */
final class BusyTabs {

	private static final Set<ChatEditor> busy = new LinkedHashSet<>();
	private static int frame;
	private static boolean ticking;

	private BusyTabs() {
	}

	static void start(ChatEditor chat) {
		if (busy.add(chat)) {
			chat.showBusyFrame(frame);
		}
		if (!ticking) {
			ticking = true;
			Display.getCurrent().timerExec(AgentImages.BUSY_FRAME_MILLIS, BusyTabs::tick);
		}
	}

	static void stop(ChatEditor chat) {
		busy.remove(chat);
	}

	private static void tick() {
		if (busy.isEmpty()) {
			ticking = false;
			return;
		}
		frame++;
		for (ChatEditor chat : List.copyOf(busy)) {
			chat.showBusyFrame(frame);
		}
		Display.getCurrent().timerExec(AgentImages.BUSY_FRAME_MILLIS, BusyTabs::tick);
	}
}
