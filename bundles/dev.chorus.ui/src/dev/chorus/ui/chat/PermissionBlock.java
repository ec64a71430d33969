package dev.chorus.ui.chat;

import org.eclipse.jface.layout.GridDataFactory;
import org.eclipse.jface.layout.GridLayoutFactory;
import org.eclipse.osgi.util.NLS;
import org.eclipse.swt.SWT;
import org.eclipse.swt.widgets.Button;
import org.eclipse.swt.widgets.Composite;
import org.eclipse.swt.widgets.Control;
import org.eclipse.swt.widgets.Label;

import dev.chorus.core.backend.PermissionRequest;
import dev.chorus.core.runs.RunEvent.PendingPermission;

/**
 * An agent's question, asked in the chat where the user is looking: the tool call it is about and
 * one button per option. The turn waits until a button is pressed or the run is stopped.
 */
final class PermissionBlock {

	private final Composite root;
	private final Label question;
	private ToolContent content;
	private Label input;

	PermissionBlock(Composite parent, ChatStyles styles, PendingPermission pending) {
		PermissionRequest request = pending.request();
		root = new Composite(parent, SWT.BORDER);
		root.setData(this);
		GridLayoutFactory.fillDefaults().margins(10, 8).spacing(6, 6).applyTo(root);
		GridDataFactory.fillDefaults().grab(true, false).applyTo(root);
		question = new Label(root, SWT.WRAP);
		question.setFont(styles.bold());
		String title = request.toolCall() != null && request.toolCall().title() != null ? request.toolCall().title()
				: Messages.Chat_ToolCall;
		question.setText(request.form() != null ? Messages.Chat_AgentAsks : NLS.bind(Messages.Chat_PermissionQuestion, title));
		GridDataFactory.fillDefaults().grab(true, false).applyTo(question);
		FormFields fields = request.form() == null ? null : new FormFields(root, styles, request.form());
		if (request.toolCall() != null) {
			// The change or command itself, as the tool call shows it; the raw input only when
			// there is nothing better to show.
			content = new ToolContent(root, styles);
			content.show(request.toolCall());
			if (content.getShownText().isEmpty() && request.toolCall().input() != null) {
				input = new Label(root, SWT.WRAP);
				input.setFont(styles.mono());
				String raw = request.toolCall().input().strip();
				input.setText(raw.length() > 2000 ? raw.substring(0, 2000) + '\u2026' : raw);
				GridDataFactory.fillDefaults().grab(true, false).applyTo(input);
			}
		}
		Composite buttons = new Composite(root, SWT.NONE);
		GridLayoutFactory.fillDefaults().numColumns(Math.max(1, request.options().size())).applyTo(buttons);
		for (PermissionRequest.Option option : request.options()) {
			Button button = new Button(buttons, SWT.PUSH);
			button.setText(option.name());
			button.setData("optionId", option.optionId()); //$NON-NLS-1$
			button.addListener(SWT.Selection, event -> {
				if (fields != null && option.isAllow()) {
					String problem = fields.collect();
					if (problem != null) {
						question.setText(problem);
						question.setForeground(styles.error());
						return;
					}
				}
				for (org.eclipse.swt.widgets.Control b : buttons.getChildren()) {
					b.setEnabled(false);
				}
				pending.answer(option.optionId());
			});
		}
	}

	/** The question and what it is about, as shown. */
	String getShownText() {
		return question.getText() + (content == null ? "" : content.getShownText()) //$NON-NLS-1$
				+ (input == null ? "" : '\n' + input.getText()); //$NON-NLS-1$
	}

	Control getControl() {
		return root;
	}

	void dispose() {
		if (!root.isDisposed()) {
			root.dispose();
		}
	}
}
