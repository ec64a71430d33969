package dev.chorus.discovery;

/**
 * The backends and setting keys of the agents this bundle creates, as stored in an agent's
 * {@code settings.json}: the same keys as {@code OpenAiBackend} and {@code AcpBackend} declare
 * (those bundles keep their packages to themselves; the UI tests check that agents made here start
 * through them).
 */
public final class BackendKeys {

	public static final String OPENAI = "dev.chorus.backend.openai"; //$NON-NLS-1$
	public static final String ACP = "dev.chorus.backend.acp"; //$NON-NLS-1$

	public static final String BASE_URL = "baseUrl"; //$NON-NLS-1$
	public static final String MODEL = "model"; //$NON-NLS-1$
	public static final String API_KEY = "apiKey"; //$NON-NLS-1$
	public static final String HEADERS = "headers"; //$NON-NLS-1$
	public static final String DEFAULT_BASE_URL = "http://localhost:11434/v1"; //$NON-NLS-1$

	public static final String COMMAND = "command"; //$NON-NLS-1$

	private BackendKeys() {
	}
}
