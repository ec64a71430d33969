package dev.chorus.ui.chat;

import java.util.ArrayList;
import java.util.List;

import org.eclipse.jface.layout.GridDataFactory;
import org.eclipse.jface.layout.GridLayoutFactory;
import org.eclipse.swt.SWT;
import org.eclipse.swt.widgets.Composite;

import dev.chorus.core.transcript.FileDiff;
import dev.chorus.core.transcript.ToolCall;
import dev.chorus.ui.tools.DiffView;
import dev.chorus.ui.tools.TerminalView;

/**
 * What a tool call shows beyond its title, always in sight: the changes it makes (as diffs) and
 * the command it runs (as a live terminal). Its raw input and output stay behind "Show details".
 * Used by the tool-call entries and by permission questions.
 */
final class ToolContent {

	private final Composite root;
	private final ChatStyles styles;
	private final List<DiffView> diffs = new ArrayList<>();
	private TerminalView terminal;

	ToolContent(Composite parent, ChatStyles styles) {
		this.styles = styles;
		root = new Composite(parent, SWT.NONE);
		root.setBackground(parent.getBackground());
		GridLayoutFactory.fillDefaults().spacing(0, 6).applyTo(root);
		GridDataFactory.fillDefaults().span(2, 1).grab(true, false).exclude(true).applyTo(root);
		root.setVisible(false);
	}

	void show(ToolCall call) {
		List<FileDiff> changes = call.diffList();
		for (int i = 0; i < changes.size(); i++) {
			if (i < diffs.size()) {
				diffs.get(i).show(styles, changes.get(i));
			} else {
				diffs.add(new DiffView(root, styles, changes.get(i)));
			}
		}
		while (diffs.size() > changes.size()) {
			diffs.remove(diffs.size() - 1).getControl().dispose();
		}
		if (call.terminal() != null) {
			if (terminal == null) {
				terminal = new TerminalView(root, styles, call.terminal());
			} else {
				terminal.show(call.terminal());
			}
		}
		boolean any = !diffs.isEmpty() || terminal != null;
		root.setVisible(any);
		((org.eclipse.swt.layout.GridData) root.getLayoutData()).exclude = !any;
	}

	String getShownText() {
		StringBuilder text = new StringBuilder();
		for (DiffView diff : diffs) {
			text.append('\n').append(diff.getShownText());
		}
		if (terminal != null) {
			text.append('\n').append(terminal.getShownText());
		}
		return text.toString();
	}

	/** The raw input and output of a call, for its details. */
	static String details(ToolCall call) {
		StringBuilder text = new StringBuilder();
		if (call.input() != null && !call.input().isBlank()) {
			text.append(Messages.Chat_ToolInput).append('\n').append(call.input().strip()).append('\n');
		}
		if (call.output() != null && !call.output().isBlank()) {
			text.append(text.length() > 0 ? "\n" : "").append(Messages.Chat_ToolOutput).append('\n') //$NON-NLS-1$ //$NON-NLS-2$
					.append(call.output().strip());
		}
		return text.toString().strip();
	}
}
