package dev.chorus.ui.chat;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.function.Supplier;

import org.eclipse.jface.bindings.keys.KeyStroke;
import org.eclipse.jface.fieldassist.ContentProposalAdapter;
import org.eclipse.jface.fieldassist.IContentProposal;
import org.eclipse.jface.fieldassist.IContentProposalProvider;
import org.eclipse.jface.fieldassist.TextContentAdapter;
import org.eclipse.jface.layout.GridDataFactory;
import org.eclipse.jface.layout.RowLayoutFactory;
import org.eclipse.osgi.util.NLS;
import org.eclipse.swt.SWT;
import org.eclipse.swt.widgets.Button;
import org.eclipse.swt.widgets.Combo;
import org.eclipse.swt.widgets.Composite;
import org.eclipse.swt.widgets.Control;
import org.eclipse.swt.widgets.Label;
import org.eclipse.swt.widgets.Text;

import dev.chorus.core.backend.ConfigOption;
import dev.chorus.core.backend.ContextUsage;
import dev.chorus.core.backend.SlashCommand;
import dev.chorus.core.runs.Run;

/**
 * What a chat shows of its conversation beyond the transcript, above and in its input: a picker
 * for each option its agent offers (mode, model, thought level...) with the value in force, the
 * context used, and content assist for the agent's slash commands as the user types {@code /}.
 * Nothing the agent does not offer is shown.
 */
final class ChatControls {

	private final Composite row;
	private final Composite pickers;
	private final Label usage;
	private final Label commandHint;
	private final Text input;
	private final Supplier<Run> run;
	private List<ConfigOption> shown = List.of();
	private final ContentProposalAdapter assist;

	ChatControls(Composite parent, Text input, Supplier<Run> run) {
		this.input = input;
		this.run = run;
		row = new Composite(parent, SWT.NONE);
		org.eclipse.jface.layout.GridLayoutFactory.fillDefaults().numColumns(2).applyTo(row);
		GridDataFactory.fillDefaults().span(2, 1).grab(true, false).exclude(true).applyTo(row);
		row.setVisible(false);
		pickers = new Composite(row, SWT.NONE);
		RowLayoutFactory.fillDefaults().spacing(10).center(true).wrap(true).applyTo(pickers);
		GridDataFactory.fillDefaults().grab(true, false).applyTo(pickers);
		usage = new Label(row, SWT.RIGHT);
		GridDataFactory.fillDefaults().align(SWT.END, SWT.CENTER).applyTo(usage);
		commandHint = new Label(parent, SWT.NONE);
		commandHint.setForeground(parent.getDisplay().getSystemColor(SWT.COLOR_WIDGET_DARK_SHADOW));
		GridDataFactory.fillDefaults().span(2, 1).grab(true, false).exclude(true).applyTo(commandHint);
		commandHint.setVisible(false);
		assist = new ContentProposalAdapter(input, new TextContentAdapter(), new Commands(),
				KeyStroke.getInstance(SWT.CTRL, ' '), new char[] { '/' });
		assist.setProposalAcceptanceStyle(ContentProposalAdapter.PROPOSAL_REPLACE);
		assist.setPropagateKeys(true);
		assist.setPopupSize(new org.eclipse.swt.graphics.Point(480, 180));
		input.addListener(SWT.Modify, event -> showCommandHint());
	}

	/** Control whose layout follows what is shown. */
	Control getControl() {
		return row;
	}

	/** The pickers' controls, for tests: one {@link Combo} or check {@link Button} per option. */
	List<Control> getPickers() {
		return List.of(pickers.getChildren()).stream().filter(c -> c instanceof Combo || c instanceof Button).toList();
	}

	/** The slash-command assist of the input, for tests. */
	ContentProposalAdapter getAssist() {
		return assist;
	}

	/** Whether the list of commands is open: Enter then takes a command rather than sending. */
	boolean isAssisting() {
		return assist.isProposalPopupOpen();
	}

	String getUsageText() {
		return usage.getText();
	}

	String getCommandHint() {
		return commandHint.isVisible() ? commandHint.getText() : ""; //$NON-NLS-1$
	}

	/** Shows the run's options and usage as they are now. */
	void refresh() {
		if (row.isDisposed()) {
			return;
		}
		Run current = run.get();
		List<ConfigOption> options = current.getConfigOptions();
		boolean rebuilt = !options.equals(shown);
		if (rebuilt) {
			shown = options;
			for (Control child : pickers.getChildren()) {
				child.dispose();
			}
			for (ConfigOption option : options) {
				addPicker(option);
			}
		}
		ContextUsage context = current.getContextUsage();
		usage.setText(context == null ? "" : describe(context)); //$NON-NLS-1$
		usage.setToolTipText(context == null ? null : NLS.bind(Messages.Chat_ContextTooltip, context.used(), context.size()));
		boolean any = !options.isEmpty() || context != null;
		boolean toggled = any != row.getVisible();
		row.setVisible(any);
		((org.eclipse.swt.layout.GridData) row.getLayoutData()).exclude = !any;
		showCommandHint();
		if (rebuilt || toggled) {
			// Only the chat's bottom and its ancestors: the transcript is not measured again.
			row.getShell().layout(new Control[] { row }, SWT.DEFER);
		} else {
			row.layout(true);
		}
	}

	private void addPicker(ConfigOption option) {
		if (option.type() == ConfigOption.Type.BOOLEAN) {
			Button check = new Button(pickers, SWT.CHECK);
			check.setText(option.name());
			check.setSelection(Boolean.parseBoolean(option.currentValue()));
			check.setToolTipText(option.description());
			check.setData(option);
			check.addListener(SWT.Selection, event -> run.get().setConfigOption(option.id(), String.valueOf(check.getSelection())));
			return;
		}
		Label label = new Label(pickers, SWT.NONE);
		label.setText(option.name() + ':');
		Combo combo = new Combo(pickers, SWT.READ_ONLY | SWT.DROP_DOWN);
		combo.setData(option);
		combo.setToolTipText(option.description());
		combo.getAccessible().addAccessibleListener(new org.eclipse.swt.accessibility.AccessibleAdapter() {
			@Override
			public void getName(org.eclipse.swt.accessibility.AccessibleEvent event) {
				event.result = option.name();
			}
		});
		List<ConfigOption.Choice> choices = option.choices();
		for (ConfigOption.Choice choice : choices) {
			combo.add(choice.group() == null ? choice.name() : choice.group() + " \u203A " + choice.name()); //$NON-NLS-1$
			if (choice.value().equals(option.currentValue())) {
				combo.select(combo.getItemCount() - 1);
			}
		}
		combo.setVisibleItemCount(Math.min(20, Math.max(1, choices.size())));
		combo.addListener(SWT.Selection, event -> {
			int index = combo.getSelectionIndex();
			if (index >= 0 && !choices.get(index).value().equals(option.currentValue())) {
				run.get().setConfigOption(option.id(), choices.get(index).value());
			}
		});
	}

	private static String describe(ContextUsage context) {
		String text = NLS.bind(Messages.Chat_Context, new Object[] { compact(context.used()), compact(context.size()),
				Math.round(context.fraction() * 100) });
		if (context.cost() != null) {
			text += String.format(Locale.ROOT, "  \u00B7  %.2f %s", context.cost(), //$NON-NLS-1$
					context.currency() == null ? "" : context.currency()); //$NON-NLS-1$
		}
		return text;
	}

	private static String compact(long tokens) {
		return tokens >= 10_000 ? Math.round(tokens / 1000.0) + "k" : String.valueOf(tokens); //$NON-NLS-1$
	}

	/** Under the input, what the command being typed takes after it. */
	private void showCommandHint() {
		if (commandHint.isDisposed()) {
			return;
		}
		String text = input.getText();
		SlashCommand command = null;
		if (text.startsWith("/")) { //$NON-NLS-1$
			int end = text.indexOf(' ');
			String name = end < 0 ? text.substring(1) : text.substring(1, end);
			command = run.get().getCommands().stream().filter(c -> c.name().equals(name)).findFirst().orElse(null);
		}
		boolean show = command != null;
		if (show) {
			commandHint.setText(command.inputHint() == null ? "/" + command.name() + "  \u2014  " + command.description() //$NON-NLS-1$ //$NON-NLS-2$
					: NLS.bind(Messages.Chat_CommandHint, "/" + command.name(), command.inputHint())); //$NON-NLS-1$
		}
		if (show != commandHint.isVisible()) {
			commandHint.setVisible(show);
			((org.eclipse.swt.layout.GridData) commandHint.getLayoutData()).exclude = !show;
			commandHint.getShell().layout(new Control[] { commandHint }, SWT.DEFER);
		}
	}

	/** The agent's commands whose names start with what follows the slash. */
	private final class Commands implements IContentProposalProvider {
		@Override
		public IContentProposal[] getProposals(String contents, int position) {
			String typed = contents.substring(0, Math.min(position, contents.length()));
			if (!typed.startsWith("/") || typed.indexOf(' ') >= 0 || typed.indexOf('\n') >= 0) { //$NON-NLS-1$
				return new IContentProposal[0];
			}
			String prefix = typed.substring(1).toLowerCase(Locale.ROOT);
			List<IContentProposal> proposals = new ArrayList<>();
			for (SlashCommand command : run.get().getCommands()) {
				if (command.name().toLowerCase(Locale.ROOT).startsWith(prefix)) {
					proposals.add(new Proposal(command));
				}
			}
			return proposals.toArray(IContentProposal[]::new);
		}
	}

	private record Proposal(SlashCommand command) implements IContentProposal {
		@Override
		public String getContent() {
			return "/" + command.name() + ' '; //$NON-NLS-1$
		}

		@Override
		public int getCursorPosition() {
			return getContent().length();
		}

		@Override
		public String getLabel() {
			return "/" + command.name() + "  \u2014  " + command.description(); //$NON-NLS-1$ //$NON-NLS-2$
		}

		@Override
		public String getDescription() {
			return command.inputHint() == null ? command.description()
					: command.description() + "\n\n" + NLS.bind(Messages.Chat_CommandInput, command.inputHint()); //$NON-NLS-1$
		}
	}
}
