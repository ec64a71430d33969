package dev.chorus.ui.chat;

import java.util.ArrayList;
import java.util.List;

import org.eclipse.jface.layout.GridDataFactory;
import org.eclipse.jface.layout.GridLayoutFactory;
import org.eclipse.swt.SWT;
import org.eclipse.swt.custom.StyleRange;
import org.eclipse.swt.custom.StyledText;
import org.eclipse.swt.dnd.Clipboard;
import org.eclipse.swt.dnd.TextTransfer;
import org.eclipse.swt.dnd.Transfer;
import org.eclipse.swt.graphics.Cursor;
import org.eclipse.swt.widgets.Composite;
import org.eclipse.swt.widgets.Control;
import org.eclipse.swt.widgets.Link;
import org.eclipse.ui.PlatformUI;

import dev.chorus.ui.markdown.MarkdownDocument;
import dev.chorus.ui.markdown.MarkdownDocument.Code;
import dev.chorus.ui.markdown.MarkdownDocument.Prose;
import dev.chorus.ui.markdown.MarkdownDocument.Segment;
import dev.chorus.ui.markdown.MarkdownDocument.Span;
import dev.chorus.ui.markdown.MarkdownParser;

/**
 * Shows Markdown as read-only, selectable text: prose in a wrapping {@link StyledText}, code
 * blocks in monospace panels with a Copy action. While a reply streams, {@link #setMarkdown} is
 * called again with the longer text; widgets of unchanged segments are reused, so that the view
 * does not flicker or lose the user's selection.
 */
final class MarkdownView extends Composite {

	private final ChatStyles styles;
	private final List<Control> segmentControls = new ArrayList<>();
	private final List<Segment> shown = new ArrayList<>();
	/** Controls made or changed since {@link #takeChanged()} was last called. */
	private final List<Control> changed = new ArrayList<>();
	private String markdown = ""; //$NON-NLS-1$
	/** Characters at the start of the Markdown that are shown by frozen segments. */
	private int frozenLength;
	/** Segments (and controls) at the start that show the frozen characters. */
	private int frozenCount;
	/** A streamed answer is frozen in pieces of at least this many characters. */
	static final int FREEZE_CHARS = 1000;
	/** Text further than this from the end is frozen in pieces of {@value #BIG_PIECE_CHARS} characters. */
	static final int BIG_BACKLOG_CHARS = 8 * FREEZE_CHARS;
	static final int BIG_PIECE_CHARS = 16 * FREEZE_CHARS;
	/** How long one repaint may spend making widgets for a burst of text. */
	static final int BUDGET_MILLIS = 20;
	/** Whether some of {@link #markdown} is not shown yet. */
	private boolean behind;

	MarkdownView(Composite parent, ChatStyles styles) {
		super(parent, SWT.NONE);
		this.styles = styles;
		GridLayoutFactory.fillDefaults().spacing(0, 6).applyTo(this);
		setForeground(styles.foreground());
	}

	String getMarkdown() {
		return markdown;
	}

	/** Text shown in the plain widgets, for tests and accessibility. */
	String getShownText() {
		StringBuilder out = new StringBuilder();
		for (Control control : segmentControls) {
			if (control instanceof StyledText text) {
				out.append(text.getText()).append('\n');
			} else if (control instanceof Composite panel) {
				for (Control child : panel.getChildren()) {
					if (child instanceof StyledText text) {
						out.append(text.getText()).append('\n');
					}
				}
			}
		}
		return out.toString();
	}

	/**
	 * Shows the Markdown. While an answer streams in, each call brings the text so far: the part
	 * before the last finished block (a blank line outside code) is frozen in pieces of about
	 * {@value #FREEZE_CHARS} characters, so that each repaint parses and lays out only the last few
	 * paragraphs, not the whole answer. A burst larger than one repaint can lay out in
	 * {@value #BUDGET_MILLIS} ms (a very fast server, a background chat brought to front) is shown
	 * in order over several repaints: see {@link #isBehind()} and {@link #catchUp()}.
	 */
	void setMarkdown(String newMarkdown) {
		if (newMarkdown.equals(markdown)) {
			return;
		}
		if (!newMarkdown.startsWith(markdown)) {
			// Not a continuation (an edited or replaced entry): render it all again.
			disposeFrom(0);
			frozenLength = 0;
			frozenCount = 0;
		}
		markdown = newMarkdown;
		behind = true;
		catchUp();
	}

	/** Whether text given to {@link #setMarkdown} is not all shown yet. */
	boolean isBehind() {
		return behind;
	}

	/** Shows more of the text not shown yet, for at most {@value #BUDGET_MILLIS} ms. */
	void catchUp() {
		if (!behind) {
			return;
		}
		long deadline = System.nanoTime() + BUDGET_MILLIS * 1_000_000L;
		int start = frozenLength;
		boolean outOfTime = false;
		for (int end : finishedBlockEnds(markdown, frozenLength)) {
			// Far from the end of a big backlog (a chat that streamed out of sight, a long answer
			// opened), text is frozen in bigger pieces: the same characters in a sixteenth of the
			// widgets, each of which costs the toolkit more to make and destroy than its text
			// costs to lay out. Near the end, where a stream goes on, pieces stay small.
			boolean farFromTheEnd = markdown.length() - end > BIG_BACKLOG_CHARS;
			if (end - start < (farFromTheEnd ? BIG_PIECE_CHARS : FREEZE_CHARS)) {
				continue;
			}
			if (outOfTime = System.nanoTime() > deadline) {
				break;
			}
			if (start == frozenLength) {
				disposeFrom(frozenCount);
			}
			for (Segment segment : MarkdownParser.parse(markdown.substring(start, end)).segments()) {
				segmentControls.add(create(segment));
				shown.add(segment);
				spaceAfterProse(shown.size() - 1);
			}
			start = end;
		}
		if (start > frozenLength) {
			frozenLength = start;
			frozenCount = shown.size();
		}
		if (outOfTime) {
			// The rest is shown by the next repaints; until then the text ends at the frozen part.
			return;
		}
		List<Segment> segments = MarkdownParser.parse(markdown.substring(frozenLength)).segments();
		for (int i = 0; i < segments.size(); i++) {
			Segment segment = segments.get(i);
			int at = frozenCount + i;
			if (at < shown.size() && shown.get(at).equals(segment)) {
				continue;
			}
			if (at < shown.size() && sameKind(shown.get(at), segment)) {
				update(segmentControls.get(at), segment);
				shown.set(at, segment);
				changed.add(segmentControls.get(at));
			} else {
				disposeFrom(at);
				segmentControls.add(create(segment));
				shown.add(segment);
				spaceAfterProse(at);
			}
		}
		disposeFrom(frozenCount + segments.size());
		behind = false;
	}

	/**
	 * The controls that were made or changed since the last call (this view itself when a segment
	 * went away), so that only they are measured again.
	 */
	List<Control> takeChanged() {
		List<Control> result = List.copyOf(changed);
		changed.clear();
		return result;
	}

	/** Prose that follows frozen prose keeps the blank line a paragraph break shows as. */
	private void spaceAfterProse(int index) {
		if (index > 0 && shown.get(index) instanceof Prose && shown.get(index - 1) instanceof Prose
				&& segmentControls.get(index) instanceof StyledText text
				&& text.getLayoutData() instanceof org.eclipse.swt.layout.GridData data) {
			data.verticalIndent = Math.max(0, text.getLineHeight() - 6);
		}
	}

	private void disposeFrom(int index) {
		if (shown.size() > index) {
			changed.add(this);
		}
		while (shown.size() > index) {
			segmentControls.remove(shown.size() - 1).dispose();
			shown.remove(shown.size() - 1);
		}
	}

	/**
	 * The ends of the finished blocks after {@code from}, in order: just after each blank line that
	 * is not inside a code fence. The last line is still being written and ends none.
	 */
	static List<Integer> finishedBlockEnds(String text, int from) {
		List<Integer> ends = new ArrayList<>();
		boolean inFence = false;
		int lineStart = from;
		boolean previousBlank = false;
		while (lineStart < text.length()) {
			int lineEnd = text.indexOf('\n', lineStart);
			if (lineEnd < 0) {
				break;
			}
			String line = text.substring(lineStart, lineEnd).strip();
			if (line.startsWith("```") || line.startsWith("~~~")) { //$NON-NLS-1$ //$NON-NLS-2$
				inFence = !inFence;
			}
			boolean blank = line.isEmpty();
			if (blank && !previousBlank && !inFence && lineStart > from) {
				ends.add(lineEnd + 1);
			}
			previousBlank = blank;
			lineStart = lineEnd + 1;
		}
		return ends;
	}

	private static boolean sameKind(Segment a, Segment b) {
		return a.getClass() == b.getClass();
	}

	private Control create(Segment segment) {
		Control control = segment instanceof Prose ? createProse() : createCode();
		update(control, segment);
		styles.keepColors(control);
		changed.add(control);
		return control;
	}

	private StyledText createProse() {
		StyledText text = new StyledText(this, SWT.WRAP | SWT.READ_ONLY | SWT.MULTI);
		text.setFont(styles.base());
		text.setBackground(getBackground());
		text.setForeground(styles.foreground());
		text.setCaret(null);
		text.setLineSpacing(2);
		GridDataFactory.fillDefaults().grab(true, false).applyTo(text);
		ChatTranscript.wrapAtTranscriptWidth(text);
		text.addListener(SWT.MouseUp, event -> openLinkAt(text, event.x, event.y));
		text.addListener(SWT.MouseMove, event -> {
			boolean overLink = linkAt(text, event.x, event.y) != null;
			text.setCursor(overLink ? getDisplay().getSystemCursor(SWT.CURSOR_HAND) : (Cursor) null);
		});
		ChatTranscript.forwardWheel(text);
		return text;
	}

	private Composite createCode() {
		Composite panel = new Composite(this, SWT.NONE);
		panel.setBackground(styles.tint(0.07));
		GridLayoutFactory.fillDefaults().numColumns(2).margins(8, 6).spacing(4, 4).applyTo(panel);
		GridDataFactory.fillDefaults().grab(true, false).applyTo(panel);
		PaintedLabel language = new PaintedLabel(panel);
		language.setFont(styles.small());
		language.setForeground(styles.muted());
		language.setBackground(panel.getBackground());
		GridDataFactory.fillDefaults().grab(true, false).applyTo(language);
		Link copy = new Link(panel, SWT.NONE);
		copy.setText("<a>" + Messages.Chat_CopyCode + "</a>"); //$NON-NLS-1$ //$NON-NLS-2$
		copy.setBackground(panel.getBackground());
		copy.setFont(styles.small());
		StyledText code = new StyledText(panel, SWT.READ_ONLY | SWT.MULTI | SWT.H_SCROLL);
		code.setFont(styles.mono());
		code.setBackground(panel.getBackground());
		code.setForeground(styles.foreground());
		code.setCaret(null);
		code.setAlwaysShowScrollBars(false);
		GridDataFactory.fillDefaults().span(2, 1).grab(true, false).applyTo(code);
		ChatTranscript.forwardWheel(code);
		copy.addListener(SWT.Selection, event -> copyToClipboard(code.getText(), copy));
		return panel;
	}

	private void copyToClipboard(String text, Link source) {
		Clipboard clipboard = new Clipboard(getDisplay());
		try {
			clipboard.setContents(new Object[] { text }, new Transfer[] { TextTransfer.getInstance() });
		} finally {
			clipboard.dispose();
		}
		source.setText("<a>" + Messages.Chat_Copied + "</a>"); //$NON-NLS-1$ //$NON-NLS-2$
		source.getParent().layout();
		getDisplay().timerExec(1500, () -> {
			if (!source.isDisposed()) {
				source.setText("<a>" + Messages.Chat_CopyCode + "</a>"); //$NON-NLS-1$ //$NON-NLS-2$
				source.getParent().layout();
			}
		});
	}

	private void update(Control control, Segment segment) {
		if (segment instanceof Prose prose) {
			StyledText text = (StyledText) control;
			text.setText(prose.text());
			text.setStyleRanges(toStyleRanges(prose.spans().stream()
					.filter(span -> span.start() >= 0 && span.start() + span.length() <= prose.text().length()).toList()));
			text.setData(prose);
		} else if (segment instanceof Code code) {
			Composite panel = (Composite) control;
			PaintedLabel language = (PaintedLabel) panel.getChildren()[0];
			language.setText(code.language().isEmpty() ? Messages.Chat_Code : code.language());
			StyledText text = (StyledText) panel.getChildren()[2];
			text.setText(code.code());
		}
	}

	private StyleRange[] toStyleRanges(List<Span> spans) {
		List<StyleRange> ranges = new ArrayList<>();
		for (Span span : spans) {
			StyleRange range = new StyleRange();
			range.start = span.start();
			range.length = span.length();
			switch (span.style()) {
			case BOLD -> range.font = styles.bold();
			case ITALIC -> range.font = styles.italic();
			case STRIKE -> range.strikeout = true;
			case CODE -> {
				range.font = styles.mono();
				range.background = styles.tint(0.09);
			}
			case LINK -> {
				range.underline = true;
				range.underlineStyle = SWT.UNDERLINE_LINK;
				range.foreground = styles.link();
				range.data = span.url();
			}
			case HEADING_1 -> range.font = styles.heading(1);
			case HEADING_2 -> range.font = styles.heading(2);
			case HEADING_3 -> range.font = styles.heading(3);
			case QUOTE -> range.foreground = styles.muted();
			case TABLE -> range.font = styles.mono();
			}
			ranges.add(range);
		}
		// StyledText wants ranges ordered and not overlapping: split overlaps into pieces.
		return StyleRanges.flatten(ranges);
	}

	private static String linkAt(StyledText text, int x, int y) {
		int offset = text.getOffsetAtPoint(new org.eclipse.swt.graphics.Point(x, y));
		if (offset < 0) {
			return null;
		}
		StyleRange range = text.getStyleRangeAtOffset(offset);
		return range != null && range.data instanceof String url ? url : null;
	}

	private void openLinkAt(StyledText text, int x, int y) {
		if (text.getSelectionCount() > 0) {
			return;
		}
		String url = linkAt(text, x, y);
		if (url != null) {
			try {
				PlatformUI.getWorkbench().getBrowserSupport().getExternalBrowser().openURL(new java.net.URI(url).toURL());
			} catch (Exception e) {
				org.eclipse.swt.program.Program.launch(url);
			}
		}
	}
}
