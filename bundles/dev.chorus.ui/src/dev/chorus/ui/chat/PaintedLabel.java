package dev.chorus.ui.chat;

import java.util.function.Supplier;

import org.eclipse.swt.SWT;
import org.eclipse.swt.accessibility.ACC;
import org.eclipse.swt.accessibility.AccessibleAdapter;
import org.eclipse.swt.accessibility.AccessibleControlAdapter;
import org.eclipse.swt.accessibility.AccessibleControlEvent;
import org.eclipse.swt.accessibility.AccessibleEvent;
import org.eclipse.swt.graphics.Font;
import org.eclipse.swt.graphics.GC;
import org.eclipse.swt.graphics.Point;
import org.eclipse.swt.widgets.Canvas;
import org.eclipse.swt.widgets.Composite;
import org.eclipse.swt.widgets.Control;

/**
 * One line of text the transcript shows many times over (token usage, a tool call's status, a
 * code block's language), painted. With GTK 3 a {@code Label} is the dearest control to make and,
 * above all, to destroy (3 ms each with ten thousand others open, against under 1 ms for a
 * canvas); screen readers get the text through the accessible name.
 */
final class PaintedLabel extends Canvas {

	private String text = ""; //$NON-NLS-1$
	private Point textSize;

	PaintedLabel(Composite parent) {
		super(parent, SWT.NO_FOCUS);
		addListener(SWT.Paint, event -> {
			event.gc.setFont(getFont());
			event.gc.setForeground(getForeground());
			event.gc.drawText(text, 0, (getClientArea().height - measure().y) / 2, true);
		});
		readAsLabel(this, () -> text);
	}

	/** Has screen readers read a painted control as a label with that text. */
	static void readAsLabel(Control control, Supplier<String> text) {
		control.getAccessible().addAccessibleListener(new AccessibleAdapter() {
			@Override
			public void getName(AccessibleEvent event) {
				event.result = text.get();
			}
		});
		control.getAccessible().addAccessibleControlListener(new AccessibleControlAdapter() {
			@Override
			public void getRole(AccessibleControlEvent event) {
				event.detail = ACC.ROLE_LABEL;
			}
		});
	}

	/** The size of the text in that font, drawn on the control. */
	static Point textExtent(Control control, Font font, String text) {
		GC gc = new GC(control);
		try {
			gc.setFont(font);
			return gc.textExtent(text);
		} finally {
			gc.dispose();
		}
	}

	void setText(String newText) {
		if (!newText.equals(text)) {
			text = newText;
			textSize = null;
			redraw();
		}
	}

	String getText() {
		return text;
	}

	@Override
	public void setFont(Font font) {
		super.setFont(font);
		textSize = null;
	}

	private Point measure() {
		if (textSize == null) {
			textSize = textExtent(this, getFont(), text);
		}
		return textSize;
	}

	@Override
	public Point computeSize(int wHint, int hHint, boolean changed) {
		Point size = measure();
		return new Point(wHint == SWT.DEFAULT ? size.x : wHint, hHint == SWT.DEFAULT ? size.y : hHint);
	}
}
