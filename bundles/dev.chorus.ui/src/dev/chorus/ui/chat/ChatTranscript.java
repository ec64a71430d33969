package dev.chorus.ui.chat;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.eclipse.jface.layout.GridDataFactory;
import org.eclipse.jface.layout.GridLayoutFactory;
import org.eclipse.osgi.util.NLS;
import org.eclipse.swt.SWT;
import org.eclipse.swt.custom.ScrolledComposite;
import org.eclipse.swt.custom.StyledText;
import org.eclipse.swt.graphics.Image;
import org.eclipse.swt.graphics.Point;
import org.eclipse.swt.graphics.Rectangle;
import org.eclipse.swt.widgets.Composite;
import org.eclipse.swt.widgets.Control;
import org.eclipse.swt.widgets.Event;
import org.eclipse.swt.widgets.Link;
import org.eclipse.swt.widgets.ScrollBar;

import dev.chorus.core.runs.RunEvent;
import dev.chorus.core.transcript.TranscriptEntry;

/**
 * The scrolling transcript of one run: one block per entry, fed by the run's events on the UI
 * thread. Streamed text is coalesced: deltas are collected and the affected blocks repainted at
 * most every {@value #FLUSH_MILLIS} ms, so that hundreds of tokens per second stay smooth; only
 * the blocks that changed are laid out again, and a hidden transcript waits until it is shown
 * ({@link #shown()}). The view follows the end of the stream unless the
 * user has scrolled up. A long conversation shows its last {@value #WINDOW} entries, with a link
 * that brings earlier ones in, so that opening a chat of thousands of messages stays quick and
 * light.
 */
public final class ChatTranscript {

	static final int FLUSH_MILLIS = 40;
	/** The longest wait between repaints of a stream, however slow they are. */
	static final int MAX_FLUSH_MILLIS = 400;
	/** Entries shown when a chat opens, and added by each "show earlier" click. */
	static final int WINDOW = 100;

	private final ScrolledComposite scroller;
	private final Composite content;
	private final ChatStyles styles;
	private final Map<Integer, EntryBlock> blocks = new HashMap<>();
	private final Map<Integer, StringBuilder> pendingText = new HashMap<>();
	/** Blocks with text given but not all shown yet. */
	private final java.util.Set<EntryBlock> behind = new java.util.HashSet<>();
	/** Entries older than those shown, oldest first. */
	private final List<TranscriptEntry> earlier = new ArrayList<>();
	private Link showEarlier;
	private final Map<RunEvent.PendingPermission, PermissionBlock> permissions = new HashMap<>();
	private final Composite emptyState;
	private boolean flushScheduled;
	private int flushDelay = FLUSH_MILLIS;
	/** Whether a repaint was put off because the transcript was hidden. */
	private boolean deferred;
	/** Controls added or changed since the last layout; only they are measured again (a removal measures everything). */
	private final java.util.Set<Control> changed = new java.util.LinkedHashSet<>();
	private boolean structureChanged;
	private boolean followEnd = true;
	/** Whether the entries' widgets are given back ({@link #release()}). */
	private boolean released;
	/** The entry at the top of the view when the transcript was released, or -1 for the end. */
	private int topEntryIndex = -1;
	private String agentName = ""; //$NON-NLS-1$
	private Image agentImage;

	public ChatTranscript(Composite parent) {
		scroller = new ScrolledComposite(parent, SWT.V_SCROLL);
		scroller.setExpandHorizontal(true);
		scroller.setExpandVertical(true);
		content = new Composite(scroller, SWT.NONE);
		// Entries without a colour of their own show the transcript's, whatever the theme makes it.
		content.setBackgroundMode(SWT.INHERIT_DEFAULT);
		styles = new ChatStyles(content);
		GridLayoutFactory.fillDefaults().margins(16, 12).spacing(0, 14).applyTo(content);
		scroller.setContent(content);
		scroller.addListener(SWT.Resize, event -> relayout());
		ScrollBar bar = scroller.getVerticalBar();
		bar.setIncrement(24);
		bar.addListener(SWT.Selection, event -> followEnd = isAtEnd());
		emptyState = new Composite(content, SWT.NONE);
		GridLayoutFactory.fillDefaults().applyTo(emptyState);
		GridDataFactory.fillDefaults().grab(true, false).applyTo(emptyState);
	}

	public Control getControl() {
		return scroller;
	}

	/** Where the chat editor shows what to do when the transcript is empty. */
	public Composite getEmptyStateArea() {
		return emptyState;
	}

	/** The agent that speaks in this transcript, for the headers of its messages. */
	public void setAgent(String name, Image image) {
		this.agentName = name;
		this.agentImage = image;
		for (EntryBlock block : blocks.values()) {
			block.setAgent(name, image);
		}
	}

	/** Replaces everything shown with the given entries (the last {@value #WINDOW} of them). */
	public void setEntries(List<TranscriptEntry> entries) {
		setEntries(entries, Integer.MAX_VALUE);
	}

	/** Replaces everything shown with the given entries, from the one at {@code firstShown} at the latest. */
	private void setEntries(List<TranscriptEntry> entries, int firstShown) {
		released = false;
		disposeEntries();
		int first = Math.max(0, Math.min(firstShown, entries.size() - WINDOW));
		earlier.addAll(entries.subList(0, first));
		for (TranscriptEntry entry : entries.subList(first, entries.size())) {
			add(entry);
		}
		updateShowEarlier();
		boolean empty = entries.isEmpty();
		emptyState.setVisible(empty);
		((org.eclipse.swt.layout.GridData) emptyState.getLayoutData()).exclude = !empty;
		followEnd = true;
		structureChanged = true;
		relayout();
	}

	/** Entries not shown yet, older than those shown. */
	public int getEarlierCount() {
		return earlier.size();
	}

	/** Shows up to {@value #WINDOW} more of the earlier entries above those shown, keeping the view where it is. */
	public void showEarlier() {
		if (earlier.isEmpty()) {
			return;
		}
		int count = Math.min(WINDOW, earlier.size());
		List<TranscriptEntry> batch = new ArrayList<>(earlier.subList(earlier.size() - count, earlier.size()));
		earlier.subList(earlier.size() - count, earlier.size()).clear();
		Control anchor = firstControlOf(EntryBlock.class);
		int heightBefore = content.getSize().y;
		int originBefore = scroller.getOrigin().y;
		for (TranscriptEntry entry : batch) {
			EntryBlock block = createBlock(entry);
			blocks.put(entry.index(), block);
			noteBehind(block);
			if (anchor != null) {
				block.getControl().moveAbove(anchor);
			}
		}
		updateShowEarlier();
		followEnd = false;
		relayout();
		scroller.setOrigin(0, originBefore + Math.max(0, content.getSize().y - heightBefore));
	}

	/** The first control of the transcript that shows a block of that type, or null. */
	private Control firstControlOf(Class<?> blockType) {
		for (Control child : content.getChildren()) {
			if (blockType.isInstance(child.getData())) {
				return child;
			}
		}
		return null;
	}

	private void updateShowEarlier() {
		if (earlier.isEmpty()) {
			if (showEarlier != null) {
				showEarlier.dispose();
				showEarlier = null;
			}
			return;
		}
		if (showEarlier == null) {
			showEarlier = new Link(content, SWT.NONE);
			GridDataFactory.fillDefaults().align(SWT.CENTER, SWT.CENTER).applyTo(showEarlier);
			showEarlier.addListener(SWT.Selection, event -> showEarlier());
		}
		showEarlier.setText("<a>" + NLS.bind(Messages.Chat_ShowEarlier, Math.min(WINDOW, earlier.size()), earlier.size()) + "</a>"); //$NON-NLS-1$ //$NON-NLS-2$
		Control first = firstControlOf(EntryBlock.class);
		if (first != null) {
			showEarlier.moveAbove(first);
		}
	}

	public boolean isEmpty() {
		return blocks.isEmpty() && earlier.isEmpty();
	}

	/** Disposes the blocks of the entries and forgets the entries and text not shown. */
	private void disposeEntries() {
		for (EntryBlock block : blocks.values()) {
			block.dispose();
		}
		blocks.clear();
		pendingText.clear();
		behind.clear();
		earlier.clear();
	}

	/**
	 * Whether {@link #release()} would free something now: the transcript shows entries, and no
	 * question of the agent waits in it.
	 */
	boolean canRelease() {
		return !released && !blocks.isEmpty() && permissions.isEmpty();
	}

	/**
	 * Disposes the widgets of the entries, remembering which entry was at the top of the view.
	 * Every native window the toolkit destroys costs time in proportion to all the windows the
	 * process has (GTK 3 looks up each window's handlers among all of them), so dozens of long
	 * chats kept whole made closing one take seconds; a chat out of sight for a while gives its
	 * widgets back and gets them again from the run's entries with {@link #restore(List)}.
	 * Events of the run are not to be handed to a released transcript.
	 */
	void release() {
		if (!canRelease()) {
			return;
		}
		topEntryIndex = followEnd ? -1 : topVisibleEntryIndex();
		disposeEntries();
		changed.clear();
		updateShowEarlier();
		deferred = false;
		released = true;
	}

	public boolean isReleased() {
		return released;
	}

	/** Shows the entries again after {@link #release()}, at the entry the view was at. */
	void restore(List<TranscriptEntry> entries) {
		int top = topEntryIndex;
		int position = 0;
		while (top >= 0 && position < entries.size() && entries.get(position).index() < top) {
			position++;
		}
		setEntries(entries, top < 0 ? Integer.MAX_VALUE : position);
		EntryBlock block = top < 0 ? null : blocks.get(top);
		if (block != null) {
			followEnd = false;
			scroller.setOrigin(0, block.getControl().getLocation().y);
			followEnd = isAtEnd();
		}
	}

	/** The index of the entry shown at the top of the view, or -1. */
	private int topVisibleEntryIndex() {
		int origin = scroller.getOrigin().y;
		for (Control child : content.getChildren()) {
			if (child.getData() instanceof EntryBlock block) {
				Rectangle bounds = child.getBounds();
				if (bounds.y + bounds.height > origin) {
					return block.entry.index();
				}
			}
		}
		return -1;
	}

	/** Applies one event of the run; called on the UI thread. */
	public void handle(RunEvent event) {
		switch (event) {
		case RunEvent.EntryAdded added -> {
			flushPending();
			add(added.entry());
			scheduleFlush();
		}
		case RunEvent.TextAppended appended -> {
			pendingText.computeIfAbsent(appended.entryIndex(), i -> new StringBuilder()).append(appended.delta());
			scheduleFlush();
		}
		case RunEvent.EntryUpdated updated -> {
			flushPending();
			EntryBlock block = blocks.get(updated.entry().index());
			if (block != null) {
				block.update(updated.entry());
				changed.addAll(block.takeChangedControls());
				noteBehind(block);
			} else if (!replaceEarlier(updated.entry())) {
				add(updated.entry());
			}
			scheduleFlush();
		}
		case RunEvent.Cleared cleared -> setEntries(List.of());
		case RunEvent.PermissionRequested requested -> {
			// Asked once; a chat brought back from release may be told again.
			if (!permissions.containsKey(requested.pending())) {
				PermissionBlock block = new PermissionBlock(content, styles, requested.pending());
				styles.keepColors(block.getControl());
				permissions.put(requested.pending(), block);
				markAsked();
				structureChanged = true;
				followEnd = true;
				scheduleFlush();
			}
		}
		case RunEvent.PermissionClosed closed -> {
			PermissionBlock block = permissions.remove(closed.pending());
			if (block != null) {
				block.dispose();
				markAsked();
				structureChanged = true;
				scheduleFlush();
			}
		}
		case RunEvent.StateChanged changed -> {
			// The editor shows the state; the transcript has nothing to redraw.
		}
		case RunEvent.TitleChanged titled -> {
			// Shown by the editor tab.
		}
		case RunEvent.SessionStateChanged offered -> {
			// Shown by the chat's controls.
		}
		case RunEvent.FileWritten written -> {
			// The tool call that wrote it shows the change.
		}
		}
	}

	private EntryBlock createBlock(TranscriptEntry entry) {
		EntryBlock block = EntryBlock.create(content, styles, entry, agentName, agentImage);
		styles.keepColors(block.getControl());
		return block;
	}

	private void add(TranscriptEntry entry) {
		EntryBlock block = createBlock(entry);
		EntryBlock old = blocks.put(entry.index(), block);
		if (old != null) {
			old.dispose();
			behind.remove(old);
			structureChanged = true;
		}
		// A new block is measured on its own; the blocks above keep their sizes.
		changed.add(block.getControl());
		noteBehind(block);
		emptyState.setVisible(false);
		((org.eclipse.swt.layout.GridData) emptyState.getLayoutData()).exclude = true;
		// New blocks go last, but above a permission question that is still waiting.
		Control question = firstControlOf(PermissionBlock.class);
		if (question != null) {
			block.getControl().moveAbove(question);
			markAsked();
		}
	}

	/**
	 * Tells the tool-call blocks whether a question about their call waits: the question shows the
	 * change or command, so the block does not show it twice.
	 */
	private void markAsked() {
		java.util.Set<String> asked = new java.util.HashSet<>();
		for (RunEvent.PendingPermission pending : permissions.keySet()) {
			if (pending.request().toolCall() != null && pending.request().toolCall().id() != null) {
				asked.add(pending.request().toolCall().id());
			}
		}
		for (EntryBlock block : blocks.values()) {
			if (block instanceof EntryBlock.ToolCallBlock call) {
				call.setAsked(call.callId() != null && asked.contains(call.callId()));
			}
		}
	}

	private boolean replaceEarlier(TranscriptEntry entry) {
		for (int i = 0; i < earlier.size(); i++) {
			if (earlier.get(i).index() == entry.index()) {
				earlier.set(i, entry);
				return true;
			}
		}
		return false;
	}

	private void scheduleFlush() {
		if (!flushScheduled && !scroller.isDisposed()) {
			flushScheduled = true;
			scroller.getDisplay().timerExec(flushDelay, this::flush);
		}
	}

	private void flush() {
		flushScheduled = false;
		if (scroller.isDisposed()) {
			return;
		}
		if (!scroller.isVisible()) {
			// A chat in a background tab keeps its text and paints it when it is shown again:
			// sixteen streaming chats cost the screen only the one the user looks at.
			deferred = true;
			return;
		}
		repaint();
	}

	/** Whether text given to the transcript is still to be shown (it shows a big burst over several repaints). */
	public boolean isCatchingUp() {
		return !behind.isEmpty() || !pendingText.isEmpty() || deferred || flushScheduled;
	}

	/** Called when the chat comes into view: shows what streamed in while it was hidden. */
	public void shown() {
		if (deferred && !scroller.isDisposed()) {
			deferred = false;
			repaint();
		}
	}

	private void repaint() {
		long start = System.nanoTime();
		flushPending();
		relayout();
		// A repaint that took long (a huge burst, a slow machine) spaces out the next ones, so that
		// streaming never takes more than about a third of the UI thread from the user.
		long tookMillis = (System.nanoTime() - start) / 1_000_000;
		flushDelay = (int) Math.min(MAX_FLUSH_MILLIS, Math.max(FLUSH_MILLIS, 2 * tookMillis));
	}

	private void flushPending() {
		for (EntryBlock block : List.copyOf(behind)) {
			if (block.getControl().isDisposed()) {
				behind.remove(block);
			} else if (!pendingText.containsKey(block.entry.index())) {
				block.catchUp();
				changed.addAll(block.takeChangedControls());
				noteBehind(block);
			}
		}
		for (Map.Entry<Integer, StringBuilder> pending : new ArrayList<>(pendingText.entrySet())) {
			EntryBlock block = blocks.get(pending.getKey());
			if (block != null) {
				block.appendText(pending.getValue().toString());
				changed.addAll(block.takeChangedControls());
				noteBehind(block);
			}
		}
		pendingText.clear();
	}

	/** Keeps track of a block that has more text than one repaint could show; the next repaints show the rest. */
	private void noteBehind(EntryBlock block) {
		if (block.isBehind() && !block.getControl().isDisposed()) {
			behind.add(block);
			scheduleFlush();
		} else {
			behind.remove(block);
		}
	}

	private void relayout() {
		if (scroller.isDisposed()) {
			return;
		}
		boolean follow = followEnd;
		Rectangle area = scroller.getClientArea();
		if (area.width <= 1) {
			// Not sized yet (a chat being opened): its first Resize lays it all out. Laid out at no
			// width, every paragraph would wrap after each word, at ten times the cost, for nothing.
			structureChanged = true;
			return;
		}
		if (structureChanged || changed.isEmpty()) {
			content.layout(true, true);
		} else {
			// Only what changed is measured again (with its ancestors); the rest keeps its cached sizes.
			content.layout(changed.stream().filter(control -> !control.isDisposed()).toArray(Control[]::new));
		}
		changed.clear();
		structureChanged = false;
		// With the caches of what did not change: measuring every entry again each time was the cost.
		Point size = content.computeSize(area.width, SWT.DEFAULT, false);
		scroller.setMinSize(size);
		if (follow) {
			scroller.setOrigin(0, Math.max(0, size.y - area.height));
		}
	}

	private boolean isAtEnd() {
		ScrollBar bar = scroller.getVerticalBar();
		return bar == null || bar.getSelection() + bar.getThumb() >= bar.getMaximum() - 8;
	}

	/** Scrolls to the end and follows the stream again. */
	public void revealEnd() {
		followEnd = true;
		relayout();
	}

	/** Everything the transcript shows as plain text, in order (for tests and copy-all). */
	public String getShownText() {
		StringBuilder out = new StringBuilder();
		for (Control child : content.getChildren()) {
			if (child.getData() instanceof EntryBlock block && !child.isDisposed()) {
				out.append(block.getShownText()).append('\n');
			} else if (child.getData() instanceof PermissionBlock question && !child.isDisposed()) {
				out.append(question.getShownText()).append('\n');
			}
		}
		return out.toString();
	}

	/**
	 * Gives a new wrapping text about the width it will have, before its text is set: a text that
	 * is 0 pixels wide wraps after every word, and laying that out cost ten times more than the
	 * text at its real width (measured: 25 ms against 3 ms for a paragraph of 1,000 characters).
	 * The layout sets the exact width afterwards.
	 */
	public static void wrapAtTranscriptWidth(StyledText text) {
		for (Composite parent = text.getParent(); parent != null; parent = parent.getParent()) {
			int width = parent.getClientArea().width;
			if (width > 1) {
				text.setSize(width, text.getLineHeight());
				return;
			}
		}
	}

	/**
	 * Child StyledTexts swallow the mouse wheel; hand it to the scrolling transcript instead,
	 * except when the control itself can scroll horizontally (wide code).
	 */
	public static void forwardWheel(Control control) {
		control.addListener(SWT.MouseVerticalWheel, event -> {
			Control parent = control.getParent();
			while (parent != null && !(parent instanceof ScrolledComposite)) {
				parent = parent.getParent();
			}
			if (parent instanceof ScrolledComposite scrolled) {
				Point origin = scrolled.getOrigin();
				scrolled.setOrigin(origin.x, Math.max(0, origin.y - event.count * 16));
				Event selection = new Event();
				scrolled.getVerticalBar().notifyListeners(SWT.Selection, selection);
				event.doit = false;
			}
		});
	}
}
