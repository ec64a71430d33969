package dev.chorus.ui.chat;

import org.eclipse.swt.SWT;
import org.eclipse.swt.graphics.Color;
import org.eclipse.swt.graphics.GC;
import org.eclipse.swt.graphics.Image;
import org.eclipse.swt.graphics.Point;
import org.eclipse.swt.graphics.Rectangle;
import org.eclipse.swt.widgets.Canvas;
import org.eclipse.swt.widgets.Composite;

/**
 * The line above a message: who speaks (avatar and name) and when, with its state. One painted
 * control, where it was three labels: with GTK 3 each label is several native windows, and every
 * window costs time when a chat opens and again, in proportion to all the windows of the process,
 * when it closes. Screen readers get the same text through the accessible name.
 */
final class MessageHeader extends Canvas {

	private static final int GAP = 8;

	private final ChatStyles styles;
	private Image avatar;
	private String name = ""; //$NON-NLS-1$
	private String meta = ""; //$NON-NLS-1$
	private Color metaColor;
	/** The measured sizes of the name and of the meta text, or null when to be measured. */
	private Point nameSize;
	private Point metaSize;

	MessageHeader(Composite parent, ChatStyles styles) {
		super(parent, SWT.NO_FOCUS);
		this.styles = styles;
		addListener(SWT.Paint, event -> paint(event.gc));
		PaintedLabel.readAsLabel(this, this::getText);
	}

	void setAvatar(Image image) {
		if (image != avatar) {
			avatar = image;
			redraw();
		}
	}

	void setName(String text) {
		if (!text.equals(name)) {
			name = text;
			nameSize = null;
			redraw();
		}
	}

	String getName() {
		return name;
	}

	/** The time of the message and its state, in the given colour (null: muted). */
	void setMeta(String text, Color color) {
		if (!text.equals(meta) || color != metaColor) {
			meta = text;
			metaColor = color;
			metaSize = null;
			redraw();
		}
	}

	String getMeta() {
		return meta;
	}

	/** Everything the line says, as one text. */
	String getText() {
		return meta.isEmpty() ? name : name + ' ' + meta;
	}

	private void measure() {
		if (nameSize == null) {
			nameSize = PaintedLabel.textExtent(this, styles.bold(), name);
		}
		if (metaSize == null) {
			metaSize = PaintedLabel.textExtent(this, styles.small(), meta);
		}
	}

	@Override
	public Point computeSize(int wHint, int hHint, boolean changed) {
		measure();
		int width = nameSize.x + GAP + metaSize.x;
		int height = Math.max(nameSize.y, metaSize.y);
		if (avatar != null) {
			Rectangle image = avatar.getBounds();
			width += image.width + GAP;
			height = Math.max(height, image.height);
		}
		return new Point(wHint == SWT.DEFAULT ? width : wHint, hHint == SWT.DEFAULT ? height : hHint);
	}

	private void paint(GC gc) {
		measure();
		int height = getClientArea().height;
		int x = 0;
		if (avatar != null) {
			Rectangle image = avatar.getBounds();
			gc.drawImage(avatar, x, (height - image.height) / 2);
			x += image.width + GAP;
		}
		gc.setFont(styles.bold());
		gc.setForeground(styles.foreground());
		gc.drawText(name, x, (height - nameSize.y) / 2, true);
		x += nameSize.x + GAP;
		gc.setFont(styles.small());
		gc.setForeground(metaColor == null ? styles.muted() : metaColor);
		gc.drawText(meta, x, (height - metaSize.y) / 2, true);
	}
}
