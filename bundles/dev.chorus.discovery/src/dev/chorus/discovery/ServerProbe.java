package dev.chorus.discovery;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

import org.eclipse.osgi.util.NLS;

import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParseException;
import com.google.gson.JsonParser;

/**
 * Asks one loopback port for {@code GET /v1/models}, the way every OpenAI-compatible server lists
 * its models. Only 127.0.0.1 is ever asked.
 */
final class ServerProbe {

	static final String LOOPBACK = "127.0.0.1"; //$NON-NLS-1$

	private ServerProbe() {
	}

	/** The server at the port, if one answers there as an OpenAI-compatible server does. */
	static Optional<FoundAgent> probe(HttpClient client, KnownAgents.Server server, Duration timeout) {
		String baseUrl = "http://" + LOOPBACK + ':' + server.port() + "/v1"; //$NON-NLS-1$ //$NON-NLS-2$
		HttpRequest request = HttpRequest.newBuilder(URI.create(baseUrl + "/models")).timeout(timeout) //$NON-NLS-1$
				.header("Accept", "application/json").GET().build(); //$NON-NLS-1$ //$NON-NLS-2$
		HttpResponse<String> response;
		try {
			response = client.send(request, HttpResponse.BodyHandlers.ofString());
		} catch (IOException e) {
			return Optional.empty(); // nothing listens there, or it did not answer in time
		} catch (InterruptedException e) {
			Thread.currentThread().interrupt();
			return Optional.empty();
		}
		Map<String, String> settings = new LinkedHashMap<>();
		settings.put(BackendKeys.BASE_URL, baseUrl);
		if (response.statusCode() == 401 || response.statusCode() == 403) {
			// A server that wants a key: offered, with the key to be set in the agent's settings.
			settings.put(BackendKeys.MODEL, ""); //$NON-NLS-1$
			return Optional.of(new FoundAgent(FoundAgent.Kind.SERVER, server.name(), BackendKeys.OPENAI, settings, List.of(),
					baseUrl, null, true, NLS.bind(Messages.Finder_NeedsKey, response.statusCode())));
		}
		if (response.statusCode() != 200) {
			return Optional.empty();
		}
		List<String> models = new ArrayList<>();
		String ownedBy = null;
		try {
			JsonObject body = JsonParser.parseString(response.body()).getAsJsonObject();
			if (!body.has("data") || !body.get("data").isJsonArray()) { //$NON-NLS-1$ //$NON-NLS-2$
				return Optional.empty();
			}
			for (JsonElement element : body.getAsJsonArray("data")) { //$NON-NLS-1$
				JsonObject model = element.getAsJsonObject();
				if (model.has("id") && model.get("id").isJsonPrimitive()) { //$NON-NLS-1$ //$NON-NLS-2$
					models.add(model.get("id").getAsString()); //$NON-NLS-1$
				}
				if (ownedBy == null && model.has("owned_by") && model.get("owned_by").isJsonPrimitive()) { //$NON-NLS-1$ //$NON-NLS-2$
					ownedBy = model.get("owned_by").getAsString(); //$NON-NLS-1$
				}
			}
		} catch (JsonParseException | IllegalStateException | UnsupportedOperationException e) {
			return Optional.empty(); // something else listens on the port
		}
		models = chatModelsFirst(models);
		settings.put(BackendKeys.MODEL, models.isEmpty() ? "" : models.get(0)); //$NON-NLS-1$
		String note = models.isEmpty() ? Messages.Finder_NoModels : null;
		return Optional.of(new FoundAgent(FoundAgent.Kind.SERVER, KnownAgents.serverName(server.port(), ownedBy, server.name()),
				BackendKeys.OPENAI, settings, models, baseUrl, null, true, note));
	}

	/** The models in the server's order, embedding models (which cannot chat) last. */
	static List<String> chatModelsFirst(List<String> models) {
		List<String> chat = new ArrayList<>();
		List<String> embedding = new ArrayList<>();
		for (String model : models) {
			(model.toLowerCase(Locale.ROOT).contains("embed") ? embedding : chat).add(model); //$NON-NLS-1$
		}
		chat.addAll(embedding);
		return chat;
	}
}
