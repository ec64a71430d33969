package dev.chorus.ui.chat;

import org.eclipse.jface.preference.JFacePreferences;
import org.eclipse.jface.resource.ColorDescriptor;
import org.eclipse.jface.resource.FontDescriptor;
import org.eclipse.jface.resource.JFaceResources;
import org.eclipse.jface.resource.LocalResourceManager;
import org.eclipse.swt.SWT;
import org.eclipse.swt.graphics.Color;
import org.eclipse.swt.graphics.Font;
import org.eclipse.swt.graphics.RGB;
import org.eclipse.swt.widgets.Composite;
import org.eclipse.swt.widgets.Control;
import org.eclipse.swt.widgets.Display;

/**
 * Fonts and colours of a transcript. Colours are derived from the transcript's own background and
 * foreground, so that they follow the light and dark themes without a table per theme.
 */
public final class ChatStyles {

	/** The data key by which widgets opt out of the workbench's CSS styling. */
	private static final String CSS_DISABLED = "org.eclipse.e4.ui.css.disabled"; //$NON-NLS-1$


	private final LocalResourceManager resources;
	private final Control owner;

	public ChatStyles(Control owner) {
		this.owner = owner;
		this.resources = new LocalResourceManager(JFaceResources.getResources(), owner);
	}

	public Font base() {
		return JFaceResources.getDefaultFont();
	}

	public Font bold() {
		return JFaceResources.getFontRegistry().getBold(JFaceResources.DEFAULT_FONT);
	}

	public Font italic() {
		return JFaceResources.getFontRegistry().getItalic(JFaceResources.DEFAULT_FONT);
	}

	public Font mono() {
		return JFaceResources.getTextFont();
	}

	public Font small() {
		return resources.create(FontDescriptor.createFrom(base()).increaseHeight(-1));
	}

	public Font heading(int level) {
		int grow = switch (level) {
		case 1 -> 5;
		case 2 -> 3;
		default -> 1;
		};
		return resources.create(FontDescriptor.createFrom(base()).setStyle(SWT.BOLD).increaseHeight(grow));
	}

	/**
	 * Marks the control and its children as painted by the transcript: their colours are derived
	 * from the transcript's, which the theme sets, so the theme's style sheet must not repaint them
	 * widget by widget (in the light theme it gave labels one colour and texts another). Text left
	 * in the platform's default colour takes the transcript's, as the style sheet did.
	 */
	public void keepColors(Control control) {
		control.setData(CSS_DISABLED, Boolean.TRUE);
		Display display = control.getDisplay();
		Color fg = control.getForeground();
		// Only where it changes something: a new foreground makes a text measure itself again.
		if ((fg.equals(display.getSystemColor(SWT.COLOR_WIDGET_FOREGROUND))
				|| fg.equals(display.getSystemColor(SWT.COLOR_LIST_FOREGROUND))) && !fg.equals(foreground())) {
			control.setForeground(foreground());
		}
		if (control instanceof Composite composite) {
			for (Control child : composite.getChildren()) {
				keepColors(child);
			}
		}
	}

	public Color background() {
		return owner.getBackground();
	}

	public Color foreground() {
		return owner.getForeground();
	}

	/** A tint of the background towards the foreground: code panels, the user's messages. */
	public Color tint(double amount) {
		return resources.create(ColorDescriptor.createFrom(blend(foreground().getRGB(), background().getRGB(), amount)));
	}

	/** Text of lesser importance: times, usage, reasoning. */
	public Color muted() {
		return resources.create(ColorDescriptor.createFrom(blend(foreground().getRGB(), background().getRGB(), 0.55)));
	}

	public Color link() {
		Color themed = JFaceResources.getColorRegistry().get(JFacePreferences.HYPERLINK_COLOR);
		return themed != null ? themed : owner.getDisplay().getSystemColor(SWT.COLOR_LINK_FOREGROUND);
	}

	public Color error() {
		return resources.create(ColorDescriptor.createFrom(isDark() ? new RGB(0xFF, 0x8A, 0x80) : new RGB(0xC0, 0x39, 0x2B)));
	}

	public Color errorBackground() {
		return resources.create(ColorDescriptor.createFrom(blend(new RGB(0xE7, 0x4C, 0x3C), background().getRGB(), 0.12)));
	}

	public Color success() {
		return resources.create(ColorDescriptor.createFrom(isDark() ? new RGB(0x6B, 0xD6, 0x8E) : new RGB(0x27, 0xAE, 0x60)));
	}

	/** The background of a line a change adds. */
	public Color addedBackground() {
		return resources.create(ColorDescriptor.createFrom(blend(new RGB(0x2E, 0xCC, 0x71), background().getRGB(), isDark() ? 0.22 : 0.18)));
	}

	/** The background of a line a change removes. */
	public Color removedBackground() {
		return resources.create(ColorDescriptor.createFrom(blend(new RGB(0xE7, 0x4C, 0x3C), background().getRGB(), isDark() ? 0.22 : 0.16)));
	}

	public Color accent(String hex) {
		return resources.create(ColorDescriptor.createFrom(parse(hex)));
	}

	public boolean isDark() {
		RGB bg = background().getRGB();
		return (bg.red * 299 + bg.green * 587 + bg.blue * 114) / 1000 < 128;
	}

	public static RGB parse(String hex) {
		int value = Integer.parseInt(hex.substring(1), 16);
		return new RGB((value >> 16) & 0xFF, (value >> 8) & 0xFF, value & 0xFF);
	}

	public static RGB blend(RGB top, RGB bottom, double amount) {
		return new RGB(mix(top.red, bottom.red, amount), mix(top.green, bottom.green, amount),
				mix(top.blue, bottom.blue, amount));
	}

	private static int mix(int a, int b, double amount) {
		return (int) Math.round(a * amount + b * (1 - amount));
	}
}
