package dev.chorus.backend.openai;

import java.net.URI;
import java.net.http.HttpRequest;
import java.util.Map;

import org.eclipse.osgi.util.NLS;

import dev.chorus.core.backend.BackendException;
import dev.chorus.core.backend.BackendSetting;
import dev.chorus.core.backend.ConversationContext;

/** An agent's OpenAI-compatible settings, checked once when a conversation opens. */
record OpenAiSettings(String baseUrl, String model, String apiKey, String systemPrompt, Double temperature,
		Map<String, String> headers, int stallTimeoutSeconds, boolean builtInTools, int maxToolSteps) {

	static OpenAiSettings of(ConversationContext context) throws BackendException {
		String base = context.setting(OpenAiBackend.BASE_URL, OpenAiBackend.DEFAULT_BASE_URL);
		while (base.endsWith("/")) { //$NON-NLS-1$
			base = base.substring(0, base.length() - 1);
		}
		try {
			URI uri = URI.create(base);
			if (uri.getScheme() == null || !(uri.getScheme().equals("http") || uri.getScheme().equals("https")) //$NON-NLS-1$ //$NON-NLS-2$
					|| uri.getHost() == null) {
				throw new IllegalArgumentException();
			}
		} catch (IllegalArgumentException e) {
			throw new BackendException(NLS.bind(Messages.Error_BadUrl, base), Messages.Error_BadUrlHint);
		}
		Double temperature = null;
		String temperatureText = context.setting(OpenAiBackend.TEMPERATURE, ""); //$NON-NLS-1$
		if (!temperatureText.isEmpty()) {
			try {
				temperature = Double.valueOf(temperatureText);
			} catch (NumberFormatException e) {
				throw new BackendException(NLS.bind(Messages.Error_BadTemperature, temperatureText), null);
			}
		}
		int stall;
		try {
			stall = Math.max(1, Integer.parseInt(context.setting(OpenAiBackend.STALL_TIMEOUT, "60"))); //$NON-NLS-1$
		} catch (NumberFormatException e) {
			stall = 60;
		}
		int steps;
		try {
			steps = Math.max(1, Integer.parseInt(context.setting(OpenAiBackend.MAX_TOOL_STEPS, OpenAiBackend.DEFAULT_MAX_TOOL_STEPS)));
		} catch (NumberFormatException e) {
			throw new BackendException(NLS.bind(Messages.Error_BadSteps, context.setting(OpenAiBackend.MAX_TOOL_STEPS, "")), null); //$NON-NLS-1$
		}
		return new OpenAiSettings(base, context.setting(OpenAiBackend.MODEL, ""), //$NON-NLS-1$
				context.secrets().apply(OpenAiBackend.API_KEY).orElse(""), context.setting(OpenAiBackend.SYSTEM_PROMPT, ""), //$NON-NLS-1$ //$NON-NLS-2$
				temperature, parseHeaders(context.setting(OpenAiBackend.HEADERS, "")), stall, //$NON-NLS-1$
				Boolean.parseBoolean(context.setting(OpenAiBackend.BUILT_IN_TOOLS, "false")), steps); //$NON-NLS-1$
	}

	/** {@code Name: value} or {@code Name=value}, one a line; blank lines and {@code #} comments skipped. */
	static Map<String, String> parseHeaders(String text) {
		return BackendSetting.keyValues(text);
	}

	URI endpoint(String path) {
		return URI.create(baseUrl + '/' + path);
	}

	void applyHeaders(HttpRequest.Builder request) {
		if (!apiKey.isEmpty()) {
			request.header("Authorization", "Bearer " + apiKey); //$NON-NLS-1$ //$NON-NLS-2$
		}
		headers.forEach(request::header);
	}
}
