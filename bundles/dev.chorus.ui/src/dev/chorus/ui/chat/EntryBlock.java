package dev.chorus.ui.chat;

import java.util.List;

import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.time.format.FormatStyle;

import org.eclipse.jface.layout.GridDataFactory;
import org.eclipse.jface.layout.GridLayoutFactory;
import org.eclipse.osgi.util.NLS;
import org.eclipse.swt.SWT;
import org.eclipse.swt.custom.StyledText;
import org.eclipse.swt.graphics.Image;
import org.eclipse.swt.widgets.Composite;
import org.eclipse.swt.widgets.Control;
import org.eclipse.swt.widgets.Label;
import org.eclipse.swt.widgets.Link;

import dev.chorus.core.transcript.EntryState;
import dev.chorus.core.transcript.PlanStep;
import dev.chorus.core.transcript.ToolCall;
import dev.chorus.core.transcript.TranscriptEntry;
import dev.chorus.core.transcript.Usage;

/** The widgets of one transcript entry. */
abstract class EntryBlock {

	private static final DateTimeFormatter TIME = DateTimeFormatter.ofLocalizedTime(FormatStyle.SHORT)
			.withZone(ZoneId.systemDefault());

	protected final ChatStyles styles;
	protected final Composite root;
	protected TranscriptEntry entry;

	EntryBlock(Composite parent, ChatStyles styles, TranscriptEntry entry) {
		this.styles = styles;
		this.entry = entry;
		this.root = new Composite(parent, SWT.NONE);
		root.setData(this);
		GridDataFactory.fillDefaults().grab(true, false).applyTo(root);
	}

	static EntryBlock create(Composite parent, ChatStyles styles, TranscriptEntry entry, String agentName, Image agentImage) {
		EntryBlock block = switch (entry.kind()) {
		case USER, ASSISTANT -> new MessageBlock(parent, styles, entry, agentName, agentImage);
		case REASONING -> new ReasoningBlock(parent, styles, entry);
		case TOOL_CALL -> new ToolCallBlock(parent, styles, entry);
		case PLAN -> new PlanBlock(parent, styles, entry);
		case USAGE -> new UsageBlock(parent, styles, entry);
		case ERROR -> new ErrorBlock(parent, styles, entry);
		};
		block.update(entry);
		return block;
	}

	Control getControl() {
		return root;
	}

	void dispose() {
		root.dispose();
	}

	void setAgent(String name, Image image) {
		// Only messages show the agent.
	}

	/** Shows the entry's new snapshot. */
	abstract void update(TranscriptEntry newEntry);

	/** Adds streamed text. */
	void appendText(String delta) {
		update(entry.withText(entry.text() + delta));
	}

	abstract String getShownText();

	/** Whether some of the entry's text is still to be shown (a burst larger than one repaint). */
	boolean isBehind() {
		return false;
	}

	/** Shows more of the text still to be shown, within one repaint's budget. */
	void catchUp() {
		// Only Markdown bodies fall behind.
	}

	/**
	 * The controls that changed since the last call, for a layout that measures only them; by
	 * default the whole block, measured again in full.
	 */
	List<Control> takeChangedControls() {
		root.layout(true, true);
		return List.of(root);
	}

	static String time(TranscriptEntry entry) {
		return entry.time() == null ? "" : TIME.format(entry.time()); //$NON-NLS-1$
	}

	static String stateSuffix(EntryState state) {
		return switch (state) {
		case STOPPED -> Messages.Chat_Stopped;
		case FAILED -> Messages.Chat_Failed;
		default -> ""; //$NON-NLS-1$
		};
	}

	PaintedLabel label(Composite parent, String text, boolean muted) {
		PaintedLabel label = new PaintedLabel(parent);
		label.setText(text);
		label.setFont(muted ? styles.small() : styles.base());
		if (muted) {
			label.setForeground(styles.muted());
		}
		return label;
	}

	StyledText plainText(Composite parent, boolean mono) {
		StyledText text = new StyledText(parent, SWT.WRAP | SWT.READ_ONLY | SWT.MULTI);
		text.setFont(mono ? styles.mono() : styles.base());
		text.setForeground(styles.foreground());
		text.setCaret(null);
		text.setBackground(parent.getBackground());
		GridDataFactory.fillDefaults().grab(true, false).applyTo(text);
		ChatTranscript.wrapAtTranscriptWidth(text);
		ChatTranscript.forwardWheel(text);
		return text;
	}

	/** A message of the user or of the agent: a header, then the Markdown. */
	static final class MessageBlock extends EntryBlock {
		private final MessageHeader header;
		private final MarkdownView body;
		private PaintedLabel attachments;

		MessageBlock(Composite parent, ChatStyles styles, TranscriptEntry entry, String agentName, Image agentImage) {
			super(parent, styles, entry);
			boolean user = entry.kind() == dev.chorus.core.transcript.EntryKind.USER;
			if (user) {
				root.setBackground(styles.tint(0.05));
			}
			GridLayoutFactory.fillDefaults().margins(user ? 10 : 0, user ? 8 : 0).spacing(0, 4).applyTo(root);
			header = new MessageHeader(root, styles);
			header.setBackground(root.getBackground());
			GridDataFactory.fillDefaults().grab(true, false).applyTo(header);
			body = new MarkdownView(root, styles);
			body.setBackground(root.getBackground());
			GridDataFactory.fillDefaults().grab(true, false).applyTo(body);
			if (user) {
				header.setName(Messages.Chat_You);
				if (!entry.attachments().isEmpty()) {
					attachments = label(root, AttachmentTray.describe(entry.attachments()), true);
					attachments.setBackground(root.getBackground());
					GridDataFactory.fillDefaults().grab(true, false).applyTo(attachments);
				}
			} else {
				setAgent(agentName, agentImage);
			}
		}

		@Override
		void setAgent(String agentName, Image image) {
			if (entry.kind() == dev.chorus.core.transcript.EntryKind.ASSISTANT) {
				header.setName(agentName);
				header.setAvatar(image);
			}
		}

		@Override
		void update(TranscriptEntry newEntry) {
			entry = newEntry;
			body.setMarkdown(newEntry.text());
			String suffix = stateSuffix(newEntry.state());
			header.setMeta(suffix.isEmpty() ? time(newEntry) : time(newEntry) + "  \u2014  " + suffix, //$NON-NLS-1$
					newEntry.state() == EntryState.FAILED ? styles.error() : null);
		}

		@Override
		String getShownText() {
			return header.getName() + ' ' + header.getMeta() + '\n' + body.getShownText()
					+ (attachments == null ? "" : '\n' + attachments.getText()); //$NON-NLS-1$
		}

		@Override
		boolean isBehind() {
			return body.isBehind();
		}

		@Override
		void catchUp() {
			body.catchUp();
		}

		@Override
		List<Control> takeChangedControls() {
			List<Control> changed = new java.util.ArrayList<>(body.takeChanged());
			changed.add(header);
			return changed;
		}
	}

	/** The agent's reasoning: collapsed by default, one click to read it. */
	static final class ReasoningBlock extends EntryBlock {
		private final Link toggle;
		private final StyledText text;
		private boolean expanded;

		ReasoningBlock(Composite parent, ChatStyles styles, TranscriptEntry entry) {
			super(parent, styles, entry);
			GridLayoutFactory.fillDefaults().spacing(0, 4).applyTo(root);
			toggle = new Link(root, SWT.NONE);
			toggle.setFont(styles.small());
			text = plainText(root, false);
			text.setFont(styles.italic());
			text.setForeground(styles.muted());
			setExpanded(false);
			toggle.addListener(SWT.Selection, event -> {
				setExpanded(!expanded);
				root.getParent().getParent().notifyListeners(SWT.Resize, new org.eclipse.swt.widgets.Event());
			});
		}

		void setExpanded(boolean expand) {
			expanded = expand;
			text.setVisible(expand);
			((org.eclipse.swt.layout.GridData) text.getLayoutData()).exclude = !expand;
			updateToggle();
		}

		boolean isExpanded() {
			return expanded;
		}

		private void updateToggle() {
			String label = entry.state() == EntryState.STREAMING ? Messages.Chat_Thinking : Messages.Chat_Reasoning;
			toggle.setText((expanded ? "\u25BE " : "\u25B8 ") + "<a>" + label + "</a>"); //$NON-NLS-1$ //$NON-NLS-2$ //$NON-NLS-3$ //$NON-NLS-4$
		}

		@Override
		void update(TranscriptEntry newEntry) {
			entry = newEntry;
			text.setText(newEntry.text());
			updateToggle();
		}

		@Override
		String getShownText() {
			return toggle.getText() + (expanded ? "\n" + text.getText() : ""); //$NON-NLS-1$ //$NON-NLS-2$
		}
	}

	/** A tool call: status, title, and on demand what went in and what came out. */
	static final class ToolCallBlock extends EntryBlock {
		private final PaintedLabel status;
		private final Link title;
		private final StyledText details;
		private final ToolContent content;
		private boolean expanded;
		/** Whether a question about this call waits below: it shows the change, so the entry does not. */
		private boolean asked;

		ToolCallBlock(Composite parent, ChatStyles styles, TranscriptEntry entry) {
			super(parent, styles, entry);
			root.setBackground(styles.tint(0.04));
			GridLayoutFactory.fillDefaults().numColumns(2).margins(8, 6).spacing(6, 4).applyTo(root);
			status = new PaintedLabel(root);
			status.setBackground(root.getBackground());
			status.setFont(styles.bold());
			title = new Link(root, SWT.NONE);
			title.setBackground(root.getBackground());
			GridDataFactory.fillDefaults().grab(true, false).applyTo(title);
			content = new ToolContent(root, styles);
			details = plainText(root, true);
			details.setBackground(root.getBackground());
			GridDataFactory.fillDefaults().span(2, 1).grab(true, false).exclude(true).applyTo(details);
			details.setVisible(false);
			title.addListener(SWT.Selection, event -> {
				expanded = !expanded;
				details.setVisible(expanded);
				((org.eclipse.swt.layout.GridData) details.getLayoutData()).exclude = !expanded;
				update(this.entry);
				root.getParent().getParent().notifyListeners(SWT.Resize, new org.eclipse.swt.widgets.Event());
			});
		}

		@Override
		void update(TranscriptEntry newEntry) {
			entry = newEntry;
			ToolCall call = newEntry.toolCall();
			if (call == null) {
				return;
			}
			String state = call.status() == null ? ToolCall.STATUS_PENDING : call.status();
			status.setText(switch (state) {
			case ToolCall.STATUS_COMPLETED -> "\u2713"; //$NON-NLS-1$
			case ToolCall.STATUS_FAILED -> "\u2717"; //$NON-NLS-1$
			case ToolCall.STATUS_IN_PROGRESS -> "\u25CC"; //$NON-NLS-1$
			default -> "\u2026"; //$NON-NLS-1$
			});
			status.setForeground(switch (state) {
			case ToolCall.STATUS_COMPLETED -> styles.success();
			case ToolCall.STATUS_FAILED -> styles.error();
			default -> styles.muted();
			});
			String name = call.title() == null || call.title().isBlank() ? Messages.Chat_ToolCall : call.title();
			String kind = (call.toolKind() == null ? "" : "  \u00B7 " + call.toolKind()) //$NON-NLS-1$ //$NON-NLS-2$
					+ (call.durationMillis() == null ? "" : "  \u00B7 " + duration(call.durationMillis())); //$NON-NLS-1$ //$NON-NLS-2$
			String text = ToolContent.details(call);
			title.setText(escape(name) + kind + (text.isEmpty() ? "" //$NON-NLS-1$
					: "  <a>" + (expanded ? Messages.Chat_HideDetails : Messages.Chat_ShowDetails) + "</a>")); //$NON-NLS-1$ //$NON-NLS-2$
			content.show(call);
			if (asked) {
				content.hide();
			}
			details.setText(text.isEmpty() ? Messages.Chat_ToolNoDetails : text);
		}

		/** The id of the call shown, or {@code null}. */
		String callId() {
			return entry.toolCall() == null ? null : entry.toolCall().id();
		}

		/** Leaves the change to the question about the call while it waits; shows it again after. */
		void setAsked(boolean waiting) {
			if (asked != waiting) {
				asked = waiting;
				update(entry);
			}
		}

		/** 850 ms, 1.2 s, 2 min 5 s. */
		static String duration(long millis) {
			if (millis < 1000) {
				return millis + " ms"; //$NON-NLS-1$
			}
			if (millis < 60_000) {
				return String.format(java.util.Locale.ROOT, "%.1f s", millis / 1000.0); //$NON-NLS-1$
			}
			return millis / 60_000 + " min " + millis / 1000 % 60 + " s"; //$NON-NLS-1$ //$NON-NLS-2$
		}

		private static String escape(String text) {
			return text.replace("&", "&&").replace("<", "\u2039"); //$NON-NLS-1$ //$NON-NLS-2$ //$NON-NLS-3$ //$NON-NLS-4$
		}

		@Override
		String getShownText() {
			return status.getText() + ' ' + title.getText() + (asked ? "" : content.getShownText()); //$NON-NLS-1$
		}
	}

	/** The agent's plan as a checklist. */
	static final class PlanBlock extends EntryBlock {
		private final StyledText steps;

		PlanBlock(Composite parent, ChatStyles styles, TranscriptEntry entry) {
			super(parent, styles, entry);
			GridLayoutFactory.fillDefaults().spacing(0, 4).applyTo(root);
			label(root, Messages.Chat_Plan, true);
			steps = plainText(root, false);
		}

		@Override
		void update(TranscriptEntry newEntry) {
			entry = newEntry;
			StringBuilder text = new StringBuilder();
			for (PlanStep step : newEntry.plan()) {
				String box = switch (step.status() == null ? "" : step.status()) { //$NON-NLS-1$
				case "completed" -> "\u2611 "; //$NON-NLS-1$ //$NON-NLS-2$
				case "in_progress" -> "\u25D0 "; //$NON-NLS-1$ //$NON-NLS-2$
				default -> "\u2610 "; //$NON-NLS-1$
				};
				text.append(box).append(step.content()).append('\n');
			}
			steps.setText(text.toString().stripTrailing());
		}

		@Override
		String getShownText() {
			return steps.getText();
		}
	}

	/** Tokens used by a turn, quietly. */
	static final class UsageBlock extends EntryBlock {
		private final PaintedLabel figures;

		UsageBlock(Composite parent, ChatStyles styles, TranscriptEntry entry) {
			super(parent, styles, entry);
			GridLayoutFactory.fillDefaults().applyTo(root);
			figures = label(root, "", true); //$NON-NLS-1$
			GridDataFactory.fillDefaults().grab(true, false).applyTo(figures);
		}

		@Override
		void update(TranscriptEntry newEntry) {
			entry = newEntry;
			Usage usage = newEntry.usage();
			if (usage != null) {
				figures.setText(NLS.bind(Messages.Chat_Usage, new Object[] { count(usage.promptTokens()),
						count(usage.completionTokens()), count(usage.totalTokens()) }));
			}
		}

		private static String count(long value) {
			return value < 0 ? "?" : String.format("%,d", value); //$NON-NLS-1$ //$NON-NLS-2$
		}

		@Override
		String getShownText() {
			return figures.getText();
		}
	}

	/** An error, what it means and what to do about it. */
	static final class ErrorBlock extends EntryBlock {
		private final Label message;
		private final Label hint;

		ErrorBlock(Composite parent, ChatStyles styles, TranscriptEntry entry) {
			super(parent, styles, entry);
			root.setBackground(styles.errorBackground());
			GridLayoutFactory.fillDefaults().margins(10, 8).spacing(0, 4).applyTo(root);
			message = new Label(root, SWT.WRAP);
			message.setFont(styles.bold());
			message.setForeground(styles.error());
			message.setBackground(root.getBackground());
			GridDataFactory.fillDefaults().grab(true, false).applyTo(message);
			hint = new Label(root, SWT.WRAP);
			hint.setBackground(root.getBackground());
			GridDataFactory.fillDefaults().grab(true, false).applyTo(hint);
		}

		@Override
		void update(TranscriptEntry newEntry) {
			entry = newEntry;
			if (newEntry.problem() != null) {
				message.setText(newEntry.problem().message());
				String what = newEntry.problem().hint();
				hint.setText(what == null ? "" : what); //$NON-NLS-1$
				hint.setVisible(what != null);
				((org.eclipse.swt.layout.GridData) hint.getLayoutData()).exclude = what == null;
			}
		}

		@Override
		String getShownText() {
			return message.getText() + '\n' + hint.getText();
		}
	}
}
