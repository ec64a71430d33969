package dev.chorus.ui.chat;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

import org.eclipse.swt.widgets.Display;

/**
 * Keeps the transcript widgets of only the chats shown most recently. With GTK 3, destroying a
 * native window costs time in proportion to all the windows the process has, so fifty long chats
 * kept whole made closing one of them take over ten seconds (and quitting, minutes) and held a
 * gigabyte and a half; a chat that has been out of sight longest gives its transcript widgets back
 * ({@link ChatEditor#releaseTranscript()}) and gets them again when it is shown. Chats that are
 * generating or waiting for an answer keep theirs. Used on the UI thread only.
 */
final class RecentChats {

	/** Chats that keep their widgets while hidden: switching among them costs nothing. */
	static final int KEPT = 8;

	/** Open chats, the one shown last at the end. */
	private static final Set<ChatEditor> chats = new LinkedHashSet<>();
	private static boolean trimScheduled;

	private RecentChats() {
	}

	/** Notes that the chat is shown; the chats beyond the most recent are released soon after. */
	static void shown(ChatEditor chat) {
		chats.remove(chat);
		chats.add(chat);
		if (chats.size() > KEPT && !trimScheduled) {
			trimScheduled = true;
			// After the chat now shown has painted: releasing takes a moment of its own.
			Display.getCurrent().asyncExec(RecentChats::trim);
		}
	}

	/** The chat shown last in that page, or {@code null} when it has none open. */
	static ChatEditor last(org.eclipse.ui.IWorkbenchPage page) {
		ChatEditor found = null;
		for (ChatEditor chat : chats) {
			if (chat.getSite().getPage() == page) {
				found = chat;
			}
		}
		return found;
	}

	static void closed(ChatEditor chat) {
		chats.remove(chat);
	}

	private static void trim() {
		trimScheduled = false;
		List<ChatEditor> oldestFirst = new ArrayList<>(chats);
		int kept = 0;
		for (int i = oldestFirst.size() - 1; i >= 0; i--) {
			ChatEditor chat = oldestFirst.get(i);
			if (kept < KEPT || chat.isShown()) {
				kept++;
			} else {
				chat.releaseTranscript();
			}
		}
	}
}
