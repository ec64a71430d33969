package dev.chorus.ui.chat;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.eclipse.jface.layout.GridDataFactory;
import org.eclipse.jface.layout.GridLayoutFactory;
import org.eclipse.swt.SWT;
import org.eclipse.swt.custom.ScrolledComposite;
import org.eclipse.swt.graphics.Image;
import org.eclipse.swt.graphics.Point;
import org.eclipse.swt.graphics.Rectangle;
import org.eclipse.swt.widgets.Composite;
import org.eclipse.swt.widgets.Control;
import org.eclipse.swt.widgets.Event;
import org.eclipse.swt.widgets.ScrollBar;

import dev.chorus.core.runs.RunEvent;
import dev.chorus.core.transcript.TranscriptEntry;

/**
 * The scrolling transcript of one run: one block per entry, fed by the run's events on the UI
 * thread. Streamed text is coalesced: deltas are collected and the affected blocks repainted at
 * most every {@value #FLUSH_MILLIS} ms, so that hundreds of tokens per second stay smooth. The view
 * follows the end of the stream unless the user has scrolled up.
 */
public final class ChatTranscript {

	static final int FLUSH_MILLIS = 40;

	private final ScrolledComposite scroller;
	private final Composite content;
	private final ChatStyles styles;
	private final Map<Integer, EntryBlock> blocks = new HashMap<>();
	private final Map<Integer, StringBuilder> pendingText = new HashMap<>();
	private final Map<RunEvent.PendingPermission, PermissionBlock> permissions = new HashMap<>();
	private final Composite emptyState;
	private boolean flushScheduled;
	private boolean followEnd = true;
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

	/** Replaces everything shown with the given entries. */
	public void setEntries(List<TranscriptEntry> entries) {
		for (EntryBlock block : blocks.values()) {
			block.dispose();
		}
		blocks.clear();
		pendingText.clear();
		for (TranscriptEntry entry : entries) {
			add(entry);
		}
		boolean empty = entries.isEmpty();
		emptyState.setVisible(empty);
		((org.eclipse.swt.layout.GridData) emptyState.getLayoutData()).exclude = !empty;
		followEnd = true;
		relayout();
	}

	public boolean isEmpty() {
		return blocks.isEmpty();
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
			if (block == null) {
				add(updated.entry());
			} else {
				block.update(updated.entry());
			}
			scheduleFlush();
		}
		case RunEvent.Cleared cleared -> setEntries(List.of());
		case RunEvent.PermissionRequested requested -> {
			PermissionBlock block = new PermissionBlock(content, styles, requested.pending());
			styles.keepColors(block.getControl());
			permissions.put(requested.pending(), block);
			followEnd = true;
			scheduleFlush();
		}
		case RunEvent.PermissionClosed closed -> {
			PermissionBlock block = permissions.remove(closed.pending());
			if (block != null) {
				block.dispose();
				scheduleFlush();
			}
		}
		case RunEvent.StateChanged changed -> {
			// The editor shows the state; the transcript has nothing to redraw.
		}
		case RunEvent.TitleChanged titled -> {
			// Shown by the editor tab.
		}
		}
	}

	private void add(TranscriptEntry entry) {
		EntryBlock block = EntryBlock.create(content, styles, entry, agentName, agentImage);
		styles.keepColors(block.getControl());
		EntryBlock old = blocks.put(entry.index(), block);
		if (old != null) {
			old.dispose();
		}
		emptyState.setVisible(false);
		((org.eclipse.swt.layout.GridData) emptyState.getLayoutData()).exclude = true;
		// New blocks go last, but above a permission question that is still waiting.
		Control question = firstPermissionControl();
		if (question != null) {
			block.getControl().moveAbove(question);
		}
	}

	private Control firstPermissionControl() {
		for (Control child : content.getChildren()) {
			if (child.getData() instanceof PermissionBlock) {
				return child;
			}
		}
		return null;
	}

	private void scheduleFlush() {
		if (!flushScheduled && !scroller.isDisposed()) {
			flushScheduled = true;
			scroller.getDisplay().timerExec(FLUSH_MILLIS, this::flush);
		}
	}

	private void flush() {
		flushScheduled = false;
		if (scroller.isDisposed()) {
			return;
		}
		flushPending();
		relayout();
	}

	private void flushPending() {
		if (pendingText.isEmpty()) {
			return;
		}
		for (Map.Entry<Integer, StringBuilder> pending : new ArrayList<>(pendingText.entrySet())) {
			EntryBlock block = blocks.get(pending.getKey());
			if (block != null) {
				block.appendText(pending.getValue().toString());
			}
		}
		pendingText.clear();
	}

	private void relayout() {
		if (scroller.isDisposed()) {
			return;
		}
		boolean follow = followEnd;
		Rectangle area = scroller.getClientArea();
		content.layout(true, true);
		Point size = content.computeSize(area.width, SWT.DEFAULT);
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
			}
		}
		return out.toString();
	}

	/**
	 * Child StyledTexts swallow the mouse wheel; hand it to the scrolling transcript instead,
	 * except when the control itself can scroll horizontally (wide code).
	 */
	static void forwardWheel(Control control) {
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
