package dev.chorus.core;

import java.nio.file.Path;

/**
 * Where Chorus keeps its data: {@code ~/.chorus} by default, or the folder named by the system
 * property {@value #PROPERTY} (tests and portable installs use it).
 *
 * <pre>
 * agents/&lt;agent&gt;/profile-meta.json     name, colour, avatar
 * agents/&lt;agent&gt;/settings.json         backend id and settings (never secrets)
 * agents/&lt;agent&gt;/avatar.png            the image, at most 128 px
 * agents/&lt;agent&gt;/sessions/&lt;id&gt;.jsonl  a conversation, one event per line
 * agents/&lt;agent&gt;/sessions/&lt;id&gt;.meta.json  its summary, for listing without replay
 * </pre>
 */
public final class ChorusDataLocation {

	public static final String PROPERTY = "chorus.data.dir"; //$NON-NLS-1$

	private ChorusDataLocation() {
	}

	public static Path get() {
		String configured = System.getProperty(PROPERTY);
		if (configured != null && !configured.isBlank()) {
			return Path.of(configured).toAbsolutePath();
		}
		return Path.of(System.getProperty("user.home"), ".chorus"); //$NON-NLS-1$ //$NON-NLS-2$
	}
}
