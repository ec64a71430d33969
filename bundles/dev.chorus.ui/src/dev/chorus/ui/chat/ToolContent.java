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
	private org.eclipse.swt.custom.StyledText result;
	private org.eclipse.swt.widgets.Link locations;
	private java.util.List<dev.chorus.core.transcript.ToolLocation> shownLocations = List.of();

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
		dev.chorus.core.transcript.TerminalOutput shown = call.terminal() != null ? call.terminal() : ownCommand(call);
		if (shown != null) {
			if (terminal == null) {
				terminal = new TerminalView(root, styles, shown);
			} else {
				terminal.show(shown);
			}
		}
		showLocations(call);
		showResult(call);
		boolean any = !diffs.isEmpty() || terminal != null || locations != null || result != null;
		root.setVisible(any);
		((org.eclipse.swt.layout.GridData) root.getLayoutData()).exclude = !any;
	}

	/** Hides it all (until the next {@link #show}). */
	void hide() {
		root.setVisible(false);
		((org.eclipse.swt.layout.GridData) root.getLayoutData()).exclude = true;
	}

	/** The most of a result shown in sight; the whole is under the details. */
	static final int RESULT_LINES = 6;
	private static final int RESULT_CHARS = 800;

	/**
	 * What a call Chorus ran returned (or why it failed), in sight: its first lines, the rest
	 * under the details. Calls the agent ran itself show what the agent reports instead.
	 */
	private void showResult(ToolCall call) {
		String preview = call.durationMillis() == null || call.output() == null || call.output().isBlank() || !call.diffList().isEmpty()
				? null : preview(call.output());
		if (preview == null) {
			if (result != null) {
				result.dispose();
				result = null;
			}
			return;
		}
		if (result == null) {
			result = new org.eclipse.swt.custom.StyledText(root, SWT.READ_ONLY | SWT.WRAP);
			result.setFont(styles.mono());
			result.setBackground(root.getBackground());
			result.setMargins(6, 2, 6, 2);
			GridDataFactory.fillDefaults().grab(true, false).hint(100, SWT.DEFAULT).applyTo(result);
		}
		result.setForeground(ToolCall.STATUS_FAILED.equals(call.status()) ? styles.error() : styles.muted());
		if (!preview.equals(result.getText())) {
			result.setText(preview);
		}
	}

	/** The first {@value #RESULT_LINES} lines of a result, and how much more there is. */
	static String preview(String output) {
		String text = output.strip();
		java.util.List<String> lines = text.lines().toList();
		String shown = String.join("\n", lines.subList(0, Math.min(RESULT_LINES, lines.size()))); //$NON-NLS-1$
		if (shown.length() > RESULT_CHARS) {
			shown = shown.substring(0, RESULT_CHARS);
		}
		if (shown.length() < text.length()) {
			int more = Math.max(0, lines.size() - RESULT_LINES);
			shown += '\n' + (more > 0 ? org.eclipse.osgi.util.NLS.bind(Messages.Chat_ResultMoreLines, more) : Messages.Chat_ResultMore);
		}
		return shown;
	}

	/** The files the call is about, beyond those its diffs show, as links that open them at their line. */
	private void showLocations(ToolCall call) {
		java.util.Set<String> diffPaths = new java.util.HashSet<>();
		call.diffList().forEach(diff -> diffPaths.add(diff.path()));
		List<dev.chorus.core.transcript.ToolLocation> places = call.locationList().stream()
				.filter(place -> !diffPaths.contains(place.path()) || place.line() != null).limit(20).toList();
		if (places.equals(shownLocations)) {
			return;
		}
		shownLocations = places;
		if (places.isEmpty()) {
			if (locations != null) {
				locations.dispose();
				locations = null;
			}
			return;
		}
		if (locations == null) {
			locations = new org.eclipse.swt.widgets.Link(root, SWT.WRAP);
			locations.setBackground(root.getBackground());
			GridDataFactory.fillDefaults().grab(true, false).applyTo(locations);
			locations.addListener(SWT.Selection, event -> {
				int index = Integer.parseInt(event.text);
				dev.chorus.core.transcript.ToolLocation place = shownLocations.get(index);
				dev.chorus.ui.tools.FileOpener.open(place.path(), place.line());
			});
		}
		StringBuilder text = new StringBuilder(dev.chorus.ui.tools.Messages.Locations_Label);
		for (int i = 0; i < places.size(); i++) {
			dev.chorus.core.transcript.ToolLocation place = places.get(i);
			String name = java.nio.file.Path.of(place.path()).getFileName() + (place.line() == null || place.line() <= 0 ? "" : ":" + place.line()); //$NON-NLS-1$ //$NON-NLS-2$
			text.append("  <a href=\"").append(i).append("\">").append(name.replace("&", "&&").replace("<", "\u2039")).append("</a>"); //$NON-NLS-1$ //$NON-NLS-2$ //$NON-NLS-3$ //$NON-NLS-4$ //$NON-NLS-5$ //$NON-NLS-6$ //$NON-NLS-7$
		}
		locations.setText(text.toString());
	}

	String getShownText() {
		StringBuilder text = new StringBuilder();
		if (locations != null) {
			text.append('\n').append(locations.getText());
		}
		for (DiffView diff : diffs) {
			text.append('\n').append(diff.getShownText());
		}
		if (result != null) {
			text.append('\n').append(result.getText());
		}
		if (terminal != null) {
			text.append('\n').append(terminal.getShownText());
		}
		return text.toString();
	}

	/**
	 * A command the agent ran itself (not in a terminal of Chorus's) shows its output as a
	 * terminal would, in sight rather than under the details.
	 */
	private static dev.chorus.core.transcript.TerminalOutput ownCommand(ToolCall call) {
		if (!"execute".equals(call.toolKind()) || call.output() == null || call.output().isBlank()) { //$NON-NLS-1$
			return null;
		}
		boolean running = !ToolCall.STATUS_COMPLETED.equals(call.status()) && !ToolCall.STATUS_FAILED.equals(call.status());
		// How it ended is the call's status (its mark); the agent gave no exit code.
		return new dev.chorus.core.transcript.TerminalOutput(call.id(), call.title(), call.output(), false, null, null, running);
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
