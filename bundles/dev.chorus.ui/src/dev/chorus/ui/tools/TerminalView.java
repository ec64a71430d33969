package dev.chorus.ui.tools;

import org.eclipse.jface.layout.GridDataFactory;
import org.eclipse.jface.layout.GridLayoutFactory;
import org.eclipse.osgi.util.NLS;
import org.eclipse.swt.SWT;
import org.eclipse.swt.custom.StyledText;
import org.eclipse.swt.widgets.Composite;
import org.eclipse.swt.widgets.Control;
import org.eclipse.swt.widgets.Label;

import dev.chorus.core.transcript.TerminalOutput;
import dev.chorus.ui.chat.ChatStyles;
import dev.chorus.ui.chat.ChatTranscript;

/**
 * A command an agent runs, live in its tool call: the command line, its output in a monospace
 * box that scrolls on its own past {@value #VISIBLE_LINES} lines and follows the end while the
 * command runs, and how it ended.
 */
public final class TerminalView {

	static final int VISIBLE_LINES = 14;

	private final Composite root;
	private final Label command;
	private final StyledText output;
	private final Label status;
	private final ChatStyles styles;
	private TerminalOutput shown;

	public TerminalView(Composite parent, ChatStyles styles, TerminalOutput terminal) {
		this.styles = styles;
		root = new Composite(parent, SWT.NONE);
		root.setBackground(parent.getBackground());
		GridLayoutFactory.fillDefaults().spacing(0, 2).applyTo(root);
		GridDataFactory.fillDefaults().grab(true, false).applyTo(root);
		command = new Label(root, SWT.NONE);
		command.setFont(styles.mono());
		command.setBackground(root.getBackground());
		GridDataFactory.fillDefaults().grab(true, false).applyTo(command);
		output = new StyledText(root, SWT.READ_ONLY | SWT.MULTI | SWT.V_SCROLL | SWT.H_SCROLL);
		output.setFont(styles.mono());
		output.setForeground(styles.foreground());
		output.setBackground(styles.tint(0.05));
		output.setCaret(null);
		output.setAlwaysShowScrollBars(false);
		output.setMargins(6, 4, 6, 4);
		GridDataFactory.fillDefaults().grab(true, false).applyTo(output);
		status = new Label(root, SWT.NONE);
		status.setFont(styles.small());
		status.setBackground(root.getBackground());
		GridDataFactory.fillDefaults().grab(true, false).applyTo(status);
		ChatTranscript.forwardWheel(command);
		show(terminal);
	}

	public Control getControl() {
		return root;
	}

	public void show(TerminalOutput terminal) {
		if (terminal.equals(shown)) {
			return;
		}
		boolean following = shown == null || output.getTopIndex() + visibleLines() >= output.getLineCount() - 1;
		shown = terminal;
		command.setText("$ " + (terminal.command() == null ? terminal.terminalId() : terminal.command())); //$NON-NLS-1$
		String text = terminal.truncated() ? Messages.Terminal_Earlier + '\n' + terminal.output() : terminal.output();
		output.setText(text.endsWith("\n") ? text.substring(0, text.length() - 1) : text); //$NON-NLS-1$
		int lines = Math.max(1, Math.min(VISIBLE_LINES, output.getLineCount()));
		((org.eclipse.swt.layout.GridData) output.getLayoutData()).heightHint = lines * output.getLineHeight() + 8
				+ (output.getHorizontalBar() != null && output.getHorizontalBar().isVisible() ? output.getHorizontalBar().getSize().y : 0);
		if (following) {
			output.setTopIndex(Math.max(0, output.getLineCount() - VISIBLE_LINES));
		}
		if (terminal.running()) {
			status.setText(Messages.Terminal_Running);
			status.setForeground(styles.muted());
		} else if (terminal.signal() != null) {
			status.setText(NLS.bind(Messages.Terminal_Killed, terminal.signal()));
			status.setForeground(styles.error());
		} else if (terminal.exitCode() != null) {
			status.setText(NLS.bind(Messages.Terminal_Exited, terminal.exitCode()));
			status.setForeground(terminal.exitCode() == 0 ? styles.success() : styles.error());
		} else {
			status.setText(Messages.Terminal_Ended);
			status.setForeground(styles.muted());
		}
	}

	private int visibleLines() {
		int height = output.getClientArea().height;
		return height <= 0 ? VISIBLE_LINES : Math.max(1, height / output.getLineHeight());
	}

	public String getShownText() {
		return command.getText() + '\n' + output.getText() + '\n' + status.getText();
	}
}
