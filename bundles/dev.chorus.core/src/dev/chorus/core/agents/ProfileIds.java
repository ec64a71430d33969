package dev.chorus.core.agents;

import java.text.Normalizer;
import java.util.Locale;
import java.util.Set;
import java.util.function.Predicate;
import java.util.regex.Pattern;

/**
 * Agent ids name folders, so they are checked before any path is built from them: lower-case
 * letters, digits, {@code _} and {@code -}, at most 64, never a separator or {@code ..}.
 */
public final class ProfileIds {

	private static final Pattern VALID = Pattern.compile("^[a-z0-9_][a-z0-9_-]{0,63}$"); //$NON-NLS-1$
	/** Names Windows reserves for devices: a folder so named cannot be created there. */
	private static final Set<String> RESERVED = Set.of("con", "prn", "aux", "nul", "com1", "com2", "com3", "com4", //$NON-NLS-1$ //$NON-NLS-2$ //$NON-NLS-3$ //$NON-NLS-4$ //$NON-NLS-5$ //$NON-NLS-6$ //$NON-NLS-7$ //$NON-NLS-8$
			"lpt1", "lpt2", "lpt3"); //$NON-NLS-1$ //$NON-NLS-2$ //$NON-NLS-3$

	private ProfileIds() {
	}

	public static boolean isValid(String id) {
		return id != null && VALID.matcher(id).matches() && !RESERVED.contains(id);
	}

	/** Throws with a message for the user unless the id is valid. */
	public static String check(String id) throws AgentException {
		if (!isValid(id)) {
			throw new AgentException(org.eclipse.osgi.util.NLS.bind(dev.chorus.core.CoreMessages.Agent_InvalidId, id));
		}
		return id;
	}

	/** A valid id made from a display name, not taken yet. */
	public static String fromDisplayName(String name, Predicate<String> taken) {
		String ascii = Normalizer.normalize(name == null ? "" : name, Normalizer.Form.NFKD).replaceAll("\\p{M}", ""); //$NON-NLS-1$ //$NON-NLS-2$ //$NON-NLS-3$
		String slug = ascii.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9_-]+", "-").replaceAll("^[-]+|[-]+$", ""); //$NON-NLS-1$ //$NON-NLS-2$ //$NON-NLS-3$ //$NON-NLS-4$
		if (slug.isEmpty() || RESERVED.contains(slug)) {
			slug = "agent"; //$NON-NLS-1$
		}
		if (slug.length() > 56) {
			slug = slug.substring(0, 56);
		}
		String candidate = slug;
		for (int n = 2; taken.test(candidate); n++) {
			candidate = slug + '-' + n;
		}
		return candidate;
	}
}
