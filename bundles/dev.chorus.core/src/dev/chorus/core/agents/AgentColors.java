package dev.chorus.core.agents;

import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * The flat palette agents are painted in, and the colour derived from a name when none is chosen.
 * Palette and rule are those of the Hermes desktop app, so an agent gets the same colour in both.
 */
public final class AgentColors {

	public static final List<String> PALETTE = List.of("#3498DB", "#1ABC9C", "#2ECC71", "#9B59B6", "#E67E22", //$NON-NLS-1$ //$NON-NLS-2$ //$NON-NLS-3$ //$NON-NLS-4$ //$NON-NLS-5$
			"#E74C3C", "#16A085", "#2980B9", "#8E44AD", "#27AE60", "#D35400", "#C0392B", "#F39C12", "#34495E", //$NON-NLS-1$ //$NON-NLS-2$ //$NON-NLS-3$ //$NON-NLS-4$ //$NON-NLS-5$ //$NON-NLS-6$ //$NON-NLS-7$ //$NON-NLS-8$ //$NON-NLS-9$
			"#E84393", "#00B894", "#0984E3", "#6C5CE7", "#FD79A8", "#00CEC9", "#FDCB6E", "#636E72"); //$NON-NLS-1$ //$NON-NLS-2$ //$NON-NLS-3$ //$NON-NLS-4$ //$NON-NLS-5$ //$NON-NLS-6$ //$NON-NLS-7$ //$NON-NLS-8$

	private static final Pattern HEX = Pattern.compile("^#[0-9A-Fa-f]{6}$"); //$NON-NLS-1$

	private AgentColors() {
	}

	/**
	 * {@code palette[abs(h) % 22]} with {@code h} the 32-bit hash {@code h * 31 + c} over the name's
	 * UTF-16 units: Java's {@link String#hashCode()}. The absolute value is taken in 64 bits, as
	 * JavaScript's {@code Math.abs} does for {@code -2^31}.
	 */
	public static String defaultColorFor(String name) {
		long hash = (name == null ? "" : name).hashCode(); //$NON-NLS-1$
		return PALETTE.get((int) (Math.abs(hash) % PALETTE.size()));
	}

	public static boolean isValid(String color) {
		return color != null && HEX.matcher(color).matches();
	}

	/** The colour in the stored form {@code #RRGGBB}, upper case. */
	public static String normalize(String color) {
		return color.toUpperCase(Locale.ROOT);
	}
}
