package dev.chorus.ui.tools;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import org.eclipse.jface.layout.GridDataFactory;
import org.eclipse.jface.layout.GridLayoutFactory;
import org.eclipse.osgi.util.NLS;
import org.eclipse.swt.SWT;
import org.eclipse.swt.custom.StyledText;
import org.eclipse.swt.widgets.Composite;
import org.eclipse.swt.widgets.Control;
import org.eclipse.swt.widgets.Link;

import dev.chorus.core.transcript.FileDiff;
import dev.chorus.core.transcript.UnifiedDiff;
import dev.chorus.ui.chat.ChatStyles;
import dev.chorus.ui.chat.ChatTranscript;

/**
 * A file change in the transcript: the file's name (a link to the change in the Compare editor),
 * how many lines it adds and removes, and the changed lines with a little context, removed and
 * added lines on the theme's red and green. A long change shows its first
 * {@value #SHOWN_LINES} lines; the Compare editor shows all of it.
 */
public final class DiffView {

	/** The most diff lines shown in the transcript. */
	public static final int SHOWN_LINES = 400;

	private final Composite root;
	private final StyledText lines;
	private final Link header;
	private FileDiff diff;

	public DiffView(Composite parent, ChatStyles styles, FileDiff diff) {
		root = new Composite(parent, SWT.NONE);
		root.setBackground(parent.getBackground());
		GridLayoutFactory.fillDefaults().spacing(0, 2).applyTo(root);
		GridDataFactory.fillDefaults().grab(true, false).applyTo(root);
		header = new Link(root, SWT.NONE);
		header.setBackground(root.getBackground());
		GridDataFactory.fillDefaults().grab(true, false).applyTo(header);
		header.addListener(SWT.Selection, event -> CompareDiff.open(this.diff));
		lines = new StyledText(root, SWT.READ_ONLY | SWT.MULTI | SWT.H_SCROLL);
		lines.setFont(styles.mono());
		lines.setForeground(styles.foreground());
		lines.setBackground(styles.tint(0.02));
		lines.setCaret(null);
		lines.setAlwaysShowScrollBars(false);
		GridDataFactory.fillDefaults().grab(true, false).applyTo(lines);
		ChatTranscript.forwardWheel(lines);
		show(styles, diff);
	}

	public Control getControl() {
		return root;
	}

	/** Shows another state of the change (a tool call updated). */
	public void show(ChatStyles styles, FileDiff newDiff) {
		if (newDiff.equals(diff)) {
			return;
		}
		diff = newDiff;
		String name = name(diff.path());
		List<UnifiedDiff.Line> all = UnifiedDiff.of(diff.oldText(), diff.newText());
		StringBuilder text = new StringBuilder();
		List<int[]> added = new ArrayList<>();
		List<int[]> removed = new ArrayList<>();
		String summary;
		if (all == null) {
			summary = Messages.Diff_TooLarge;
		} else {
			int[] counts = UnifiedDiff.counts(all);
			summary = diff.isNewFile() ? NLS.bind(Messages.Diff_NewFile, counts[0]) : NLS.bind(Messages.Diff_Counts, counts[0], counts[1]);
			int line = 0;
			for (UnifiedDiff.Line entry : all.subList(0, Math.min(all.size(), SHOWN_LINES))) {
				switch (entry.kind()) {
				case ADDED -> {
					text.append("+ ").append(entry.text()); //$NON-NLS-1$
					added.add(new int[] { line });
				}
				case REMOVED -> {
					text.append("- ").append(entry.text()); //$NON-NLS-1$
					removed.add(new int[] { line });
				}
				case GAP -> text.append("\u22EF"); //$NON-NLS-1$
				case CONTEXT -> text.append("  ").append(entry.text()); //$NON-NLS-1$
				}
				text.append('\n');
				line++;
			}
			if (all.size() > SHOWN_LINES) {
				text.append(NLS.bind(Messages.Diff_MoreLines, all.size() - SHOWN_LINES)).append('\n');
			}
		}
		if (diff.truncated()) {
			summary += "  " + Messages.Diff_Truncated; //$NON-NLS-1$
		}
		header.setText("<a>" + escape(name) + "</a>  " + escape(summary)); //$NON-NLS-1$ //$NON-NLS-2$
		header.setToolTipText(NLS.bind(Messages.Diff_OpenInCompare, diff.path()));
		String shown = text.length() == 0 ? "" : text.substring(0, text.length() - 1); //$NON-NLS-1$
		lines.setText(shown);
		for (int[] line : added) {
			lines.setLineBackground(line[0], 1, styles.addedBackground());
		}
		for (int[] line : removed) {
			lines.setLineBackground(line[0], 1, styles.removedBackground());
		}
		((org.eclipse.swt.layout.GridData) lines.getLayoutData()).exclude = shown.isEmpty();
		lines.setVisible(!shown.isEmpty());
	}

	/** The text shown, for tests and accessibility. */
	public String getShownText() {
		return header.getText() + '\n' + lines.getText();
	}

	private static String name(String path) {
		try {
			Path file = Path.of(path).getFileName();
			return file == null ? path : file.toString();
		} catch (RuntimeException e) {
			return path;
		}
	}

	static String escape(String text) {
		return text.replace("&", "&&").replace("<", "\u2039"); //$NON-NLS-1$ //$NON-NLS-2$ //$NON-NLS-3$ //$NON-NLS-4$
	}
}
