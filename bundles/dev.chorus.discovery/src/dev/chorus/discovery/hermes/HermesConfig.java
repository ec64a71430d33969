package dev.chorus.discovery.hermes;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import org.eclipse.osgi.util.NLS;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;
import org.yaml.snakeyaml.error.YAMLException;

import dev.chorus.discovery.Messages;

/**
 * A profile's model settings: {@code config.yaml} ({@code model.default} or {@code model.model},
 * {@code model.provider}, {@code model.base_url}, {@code model.api_key}; older files give the model
 * as a plain string) and the secrets of its {@code .env} ({@code KEY=value} lines). Providers that
 * serve an OpenAI-compatible endpoint get theirs; for the others (Anthropic's own API, OAuth
 * logins) the agent talks to the profile's Hermes API server, which serves the profile's agent
 * with its own provider ({@code hermes gateway}, port {@code API_SERVER_PORT}, 8642 by default).
 */
final class HermesConfig {

	/** An OpenAI-compatible provider Hermes knows: its endpoint and the variables of its key, in order. */
	private record Provider(String baseUrl, List<String> keys) {
	}

	private static final Map<String, Provider> PROVIDERS = Map.ofEntries(
			Map.entry("openrouter", new Provider("https://openrouter.ai/api/v1", List.of("OPENROUTER_API_KEY", "OPENAI_API_KEY"))), //$NON-NLS-1$ //$NON-NLS-2$ //$NON-NLS-3$ //$NON-NLS-4$
			Map.entry("auto", new Provider("https://openrouter.ai/api/v1", List.of("OPENROUTER_API_KEY", "OPENAI_API_KEY"))), //$NON-NLS-1$ //$NON-NLS-2$ //$NON-NLS-3$ //$NON-NLS-4$
			Map.entry("openai", new Provider("https://api.openai.com/v1", List.of("OPENAI_API_KEY"))), //$NON-NLS-1$ //$NON-NLS-2$ //$NON-NLS-3$
			Map.entry("nous-api", new Provider("https://inference-api.nousresearch.com/v1", List.of("NOUS_API_KEY"))), //$NON-NLS-1$ //$NON-NLS-2$ //$NON-NLS-3$
			Map.entry("gemini", new Provider("https://generativelanguage.googleapis.com/v1beta/openai", List.of("GEMINI_API_KEY", "GOOGLE_API_KEY"))), //$NON-NLS-1$ //$NON-NLS-2$ //$NON-NLS-3$ //$NON-NLS-4$
			Map.entry("lmstudio", new Provider("http://127.0.0.1:1234/v1", List.of("LM_API_KEY"))), //$NON-NLS-1$ //$NON-NLS-2$ //$NON-NLS-3$
			Map.entry("deepinfra", new Provider("https://api.deepinfra.com/v1/openai", List.of("DEEPINFRA_API_KEY"))), //$NON-NLS-1$ //$NON-NLS-2$ //$NON-NLS-3$
			Map.entry("huggingface", new Provider("https://router.huggingface.co/v1", List.of("HF_TOKEN"))), //$NON-NLS-1$ //$NON-NLS-2$ //$NON-NLS-3$
			Map.entry("custom", new Provider(null, List.of("OPENAI_API_KEY"))), //$NON-NLS-1$ //$NON-NLS-2$
			Map.entry("ollama", new Provider(null, List.of("OPENAI_API_KEY"))), //$NON-NLS-1$ //$NON-NLS-2$
			Map.entry("vllm", new Provider(null, List.of("OPENAI_API_KEY"))), //$NON-NLS-1$ //$NON-NLS-2$
			Map.entry("llamacpp", new Provider(null, List.of("OPENAI_API_KEY")))); //$NON-NLS-1$ //$NON-NLS-2$

	static final String HERMES_API_MODEL = "hermes-agent"; //$NON-NLS-1$

	private HermesConfig() {
	}

	/** The profile's endpoint; problems reading its files are added to {@code problems}. */
	static HermesEndpoint read(Path folder, List<String> problems) {
		Map<String, String> env = readEnv(folder.resolve(".env"), problems); //$NON-NLS-1$
		Map<?, ?> config = readYaml(folder.resolve("config.yaml"), problems); //$NON-NLS-1$
		Object modelSection = config.get("model"); //$NON-NLS-1$
		String model = null;
		String provider = null;
		String baseUrl = null;
		String inlineKey = null;
		if (modelSection instanceof Map<?, ?> section) {
			model = text(section.get("default")); //$NON-NLS-1$
			if (model == null) {
				model = text(section.get("model")); //$NON-NLS-1$
			}
			provider = text(section.get("provider")); //$NON-NLS-1$
			baseUrl = text(section.get("base_url")); //$NON-NLS-1$
			inlineKey = text(section.get("api_key")); //$NON-NLS-1$
		} else {
			model = text(modelSection);
		}
		if (baseUrl == null) {
			baseUrl = env.get("OPENAI_BASE_URL"); //$NON-NLS-1$
		}
		if (model == null) {
			model = env.get("LLM_MODEL"); //$NON-NLS-1$
		}
		String providerId = provider == null ? "auto" : provider.toLowerCase(Locale.ROOT); //$NON-NLS-1$
		Provider known = PROVIDERS.get(providerId);
		if (known == null || (known.baseUrl() == null && baseUrl == null)) {
			// No endpoint Chorus can reach with a key: the profile's own Hermes API server.
			String port = env.getOrDefault("API_SERVER_PORT", "8642"); //$NON-NLS-1$ //$NON-NLS-2$
			String url = "http://127.0.0.1:" + port + "/v1"; //$NON-NLS-1$ //$NON-NLS-2$
			return new HermesEndpoint(url, HERMES_API_MODEL, providerId, env.get("API_SERVER_KEY"), //$NON-NLS-1$
					NLS.bind(Messages.Hermes_ThroughApiServer, providerId, url));
		}
		String key = inlineKey;
		for (String variable : known.keys()) {
			if (key == null) {
				key = env.get(variable);
			}
		}
		String url = baseUrl != null ? baseUrl : known.baseUrl();
		String note = null;
		if (model == null) {
			note = Messages.Hermes_NoModel;
		} else if (key == null && !url.startsWith("http://127.0.0.1") && !url.startsWith("http://localhost")) { //$NON-NLS-1$ //$NON-NLS-2$
			note = NLS.bind(Messages.Hermes_NoKey, String.join(", ", known.keys())); //$NON-NLS-1$
		}
		return new HermesEndpoint(stripSlash(url), model == null ? "" : model, providerId, key, note); //$NON-NLS-1$
	}

	private static String stripSlash(String url) {
		return url.endsWith("/") ? url.substring(0, url.length() - 1) : url; //$NON-NLS-1$
	}

	private static String text(Object value) {
		if (value == null) {
			return null;
		}
		String text = String.valueOf(value).strip();
		return text.isEmpty() ? null : text;
	}

	private static Map<?, ?> readYaml(Path file, List<String> problems) {
		if (!Files.isRegularFile(file)) {
			return Map.of();
		}
		try {
			LoaderOptions options = new LoaderOptions();
			options.setAllowDuplicateKeys(true);
			options.setMaxAliasesForCollections(50);
			options.setCodePointLimit(4 * 1024 * 1024);
			Object loaded = new Yaml(new SafeConstructor(options)).load(Files.readString(file, StandardCharsets.UTF_8));
			return loaded instanceof Map<?, ?> map ? map : Map.of();
		} catch (IOException | YAMLException e) {
			problems.add(NLS.bind(Messages.Hermes_ConfigUnreadable, file, e.getMessage()));
			return Map.of();
		}
	}

	/** {@code KEY=value} lines; {@code export}, quotes and comments as a shell's dotenv reader takes them. */
	static Map<String, String> readEnv(Path file, List<String> problems) {
		Map<String, String> env = new LinkedHashMap<>();
		if (!Files.isRegularFile(file)) {
			return env;
		}
		List<String> lines;
		try {
			lines = Files.readAllLines(file, StandardCharsets.UTF_8);
		} catch (IOException e) {
			problems.add(NLS.bind(Messages.Hermes_ConfigUnreadable, file, e.getMessage()));
			return env;
		}
		for (String raw : lines) {
			String line = raw.strip();
			if (line.isEmpty() || line.startsWith("#")) { //$NON-NLS-1$
				continue;
			}
			if (line.startsWith("export ")) { //$NON-NLS-1$
				line = line.substring(7).strip();
			}
			int equals = line.indexOf('=');
			if (equals <= 0) {
				continue;
			}
			String key = line.substring(0, equals).strip();
			String value = line.substring(equals + 1).strip();
			if (value.length() >= 2 && (value.charAt(0) == '"' || value.charAt(0) == '\'')
					&& value.charAt(value.length() - 1) == value.charAt(0)) {
				value = value.substring(1, value.length() - 1);
			} else {
				int comment = value.indexOf(" #"); //$NON-NLS-1$
				if (comment >= 0) {
					value = value.substring(0, comment).strip();
				}
			}
			if (!value.isEmpty()) {
				env.put(key, value);
			}
		}
		return env;
	}
}
