package dev.chorus.ui.chat;

import java.util.ArrayList;
import java.util.List;

import org.eclipse.jface.layout.GridDataFactory;
import org.eclipse.jface.layout.GridLayoutFactory;
import org.eclipse.osgi.util.NLS;
import org.eclipse.swt.SWT;
import org.eclipse.swt.widgets.Button;
import org.eclipse.swt.widgets.Combo;
import org.eclipse.swt.widgets.Composite;
import org.eclipse.swt.widgets.Control;
import org.eclipse.swt.widgets.Label;
import org.eclipse.swt.widgets.Link;
import org.eclipse.swt.widgets.Text;

import dev.chorus.core.backend.Form;

/**
 * The fields of what an agent asks the user to fill in, in its question: a text for text and
 * numbers, a check box for a boolean, a drop-down for a choice; or a link to the page to open.
 * {@link #collect()} puts the values into the form, or says which field is missing or wrong.
 */
final class FormFields {

	private final Form form;
	private final List<Control> inputs = new ArrayList<>();

	FormFields(Composite parent, ChatStyles styles, Form form) {
		this.form = form;
		Label message = new Label(parent, SWT.WRAP);
		message.setText(form.message());
		GridDataFactory.fillDefaults().grab(true, false).applyTo(message);
		if (form.url() != null) {
			Link link = new Link(parent, SWT.NONE);
			link.setText("<a>" + form.url().replace("&", "&&") + "</a>"); //$NON-NLS-1$ //$NON-NLS-2$ //$NON-NLS-3$
			link.addListener(SWT.Selection, event -> org.eclipse.swt.program.Program.launch(form.url()));
			return;
		}
		Composite grid = new Composite(parent, SWT.NONE);
		GridLayoutFactory.fillDefaults().numColumns(2).spacing(8, 6).applyTo(grid);
		GridDataFactory.fillDefaults().grab(true, false).applyTo(grid);
		for (Form.Field field : form.fields()) {
			Label label = new Label(grid, SWT.NONE);
			String title = field.title().matches(".*[?:!.]$") ? field.title() : field.title() + ':'; //$NON-NLS-1$
			label.setText(title + (field.required() ? " *" : "")); //$NON-NLS-1$ //$NON-NLS-2$
			label.setToolTipText(field.description());
			Control input = switch (field.kind()) {
			case BOOLEAN -> {
				Button check = new Button(grid, SWT.CHECK);
				check.setSelection(Boolean.parseBoolean(field.defaultValue()));
				yield check;
			}
			case CHOICE -> {
				Combo combo = new Combo(grid, SWT.READ_ONLY | SWT.DROP_DOWN);
				field.labels().forEach(combo::add);
				combo.select(Math.max(0, field.values().indexOf(field.defaultValue())));
				yield combo;
			}
			default -> {
				Text text = new Text(grid, SWT.BORDER | SWT.SINGLE);
				text.setText(field.defaultValue() == null ? "" : field.defaultValue()); //$NON-NLS-1$
				text.setMessage(field.description() == null ? "" : field.description()); //$NON-NLS-1$
				GridDataFactory.fillDefaults().grab(true, false).hint(240, SWT.DEFAULT).applyTo(text);
				yield text;
			}
			};
			input.setToolTipText(field.description());
			inputs.add(input);
		}
		styles.keepColors(grid);
	}

	/** The inputs, in the form's order, for tests. */
	List<Control> inputs() {
		return inputs;
	}

	/** Puts the values into the form; returns what is wrong, or {@code null} when all is well. */
	String collect() {
		for (int i = 0; i < inputs.size(); i++) {
			Form.Field field = form.fields().get(i);
			Object value = switch (inputs.get(i)) {
			case Button check -> check.getSelection();
			case Combo combo -> combo.getSelectionIndex() < 0 ? null : field.values().get(combo.getSelectionIndex());
			case Text text -> text.getText().isBlank() ? null : text.getText().strip();
			default -> null;
			};
			if (value instanceof String typed && (field.kind() == Form.Kind.NUMBER || field.kind() == Form.Kind.INTEGER)) {
				try {
					value = field.kind() == Form.Kind.INTEGER ? (Object) Long.parseLong(typed) : (Object) Double.parseDouble(typed);
				} catch (NumberFormatException e) {
					return NLS.bind(Messages.Form_NotANumber, field.title());
				}
			}
			if (value == null && field.required()) {
				return NLS.bind(Messages.Form_Required, field.title());
			}
			form.answer(field.name(), value);
		}
		return null;
	}
}
