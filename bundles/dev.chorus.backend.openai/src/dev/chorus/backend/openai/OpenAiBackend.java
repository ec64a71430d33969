package dev.chorus.backend.openai;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import org.eclipse.core.runtime.IProgressMonitor;
import org.eclipse.osgi.util.NLS;

import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParseException;
import com.google.gson.JsonParser;

import dev.chorus.core.backend.BackendException;
import dev.chorus.core.backend.BackendSetting;
import dev.chorus.core.backend.BackendSetting.Type;
import dev.chorus.core.backend.ConversationContext;
import dev.chorus.core.backend.IAgentBackend;
import dev.chorus.core.backend.IConversation;

/**
 * Servers that speak the OpenAI chat completions API: Ollama, llama.cpp, vLLM, LM Studio, OpenAI,
 * OpenRouter, the Hermes agent... Replies stream as server-sent events over {@code java.net.http}.
 * The conversation is resent on every turn, so nothing is kept on the server's side.
 */
public class OpenAiBackend implements IAgentBackend {

	public static final String BASE_URL = "baseUrl"; //$NON-NLS-1$
	public static final String MODEL = "model"; //$NON-NLS-1$
	public static final String API_KEY = "apiKey"; //$NON-NLS-1$
	public static final String SYSTEM_PROMPT = "systemPrompt"; //$NON-NLS-1$
	public static final String TEMPERATURE = "temperature"; //$NON-NLS-1$
	public static final String HEADERS = "headers"; //$NON-NLS-1$
	public static final String STALL_TIMEOUT = "stallTimeoutSeconds"; //$NON-NLS-1$
	public static final String BUILT_IN_TOOLS = "builtInTools"; //$NON-NLS-1$
	public static final String MCP_SERVERS = ConversationContext.MCP_SERVERS;
	public static final String MAX_TOOL_STEPS = "maxToolSteps"; //$NON-NLS-1$
	public static final String DEFAULT_MAX_TOOL_STEPS = "20"; //$NON-NLS-1$
	/** The folder Chorus's own tools work in (else the run's project, else the home folder). */
	public static final String WORKING_DIRECTORY = "workingDirectory"; //$NON-NLS-1$
	public static final String DEFAULT_BASE_URL = "http://localhost:11434/v1"; //$NON-NLS-1$

	private final HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
			.connectTimeout(Duration.ofSeconds(10)).followRedirects(HttpClient.Redirect.NORMAL).build();

	@Override
	public List<BackendSetting> getSettings() {
		return List.of(new BackendSetting(BASE_URL, Messages.Setting_BaseUrl, Type.URL, DEFAULT_BASE_URL, Messages.Setting_BaseUrlHelp),
				new BackendSetting(MODEL, Messages.Setting_Model, Type.MODEL, "", Messages.Setting_ModelHelp), //$NON-NLS-1$
				new BackendSetting(API_KEY, Messages.Setting_ApiKey, Type.SECRET, "", Messages.Setting_ApiKeyHelp), //$NON-NLS-1$
				new BackendSetting(SYSTEM_PROMPT, Messages.Setting_SystemPrompt, Type.MULTILINE, "", Messages.Setting_SystemPromptHelp), //$NON-NLS-1$
				new BackendSetting(TEMPERATURE, Messages.Setting_Temperature, Type.NUMBER, "", Messages.Setting_TemperatureHelp), //$NON-NLS-1$
				new BackendSetting(HEADERS, Messages.Setting_Headers, Type.KEY_VALUES, "", Messages.Setting_HeadersHelp), //$NON-NLS-1$
				new BackendSetting(STALL_TIMEOUT, Messages.Setting_StallTimeout, Type.NUMBER, "60", Messages.Setting_StallTimeoutHelp), //$NON-NLS-1$
				new BackendSetting(MCP_SERVERS, Messages.Setting_McpServers, Type.MCP_SERVERS, "", Messages.Setting_McpServersHelp), //$NON-NLS-1$
				new BackendSetting(BUILT_IN_TOOLS, Messages.Setting_BuiltInTools, Type.BOOLEAN, "false", Messages.Setting_BuiltInToolsHelp), //$NON-NLS-1$
				new BackendSetting(WORKING_DIRECTORY, Messages.Setting_WorkingDirectory, Type.DIRECTORY, "", Messages.Setting_WorkingDirectoryHelp), //$NON-NLS-1$
				new BackendSetting(MAX_TOOL_STEPS, Messages.Setting_MaxToolSteps, Type.NUMBER, DEFAULT_MAX_TOOL_STEPS, Messages.Setting_MaxToolStepsHelp));
	}

	@Override
	public IConversation open(ConversationContext context, IProgressMonitor monitor) throws BackendException {
		OpenAiSettings settings = OpenAiSettings.of(context);
		return new OpenAiConversation(client, settings, new Toolbox(context, settings.builtInTools()));
	}

	@Override
	public String testConnection(ConversationContext context, IProgressMonitor monitor) throws BackendException {
		OpenAiSettings settings = OpenAiSettings.of(context);
		List<String> models = listModels(context, monitor);
		if (!settings.model().isEmpty() && !models.isEmpty() && !models.contains(settings.model())) {
			throw new BackendException(NLS.bind(Messages.Test_ModelMissing, settings.model(), settings.baseUrl()),
					NLS.bind(Messages.Test_ModelMissingHint, String.join(", ", models.subList(0, Math.min(8, models.size()))))); //$NON-NLS-1$
		}
		return NLS.bind(Messages.Test_Connected, settings.baseUrl(), models.size());
	}

	@Override
	public List<String> listModels(ConversationContext context, IProgressMonitor monitor) throws BackendException {
		OpenAiSettings settings = OpenAiSettings.of(context);
		URI uri = settings.endpoint("models"); //$NON-NLS-1$
		HttpRequest.Builder request = HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(20)).GET();
		settings.applyHeaders(request);
		HttpResponse<String> response;
		try {
			response = client.send(request.build(), HttpResponse.BodyHandlers.ofString());
		} catch (IOException e) {
			throw Failures.unreachable(uri, e);
		} catch (InterruptedException e) {
			Thread.currentThread().interrupt();
			throw new BackendException(Messages.Error_Interrupted, null, e);
		}
		if (response.statusCode() != 200) {
			throw Failures.httpError(uri, response.statusCode(), response.body(),
					response.headers().firstValue("Retry-After").orElse(null)); //$NON-NLS-1$
		}
		try {
			JsonObject json = JsonParser.parseString(response.body()).getAsJsonObject();
			List<String> models = new ArrayList<>();
			for (JsonElement model : json.getAsJsonArray("data")) { //$NON-NLS-1$
				models.add(model.getAsJsonObject().get("id").getAsString()); //$NON-NLS-1$
			}
			models.sort(String.CASE_INSENSITIVE_ORDER);
			return models;
		} catch (JsonParseException | IllegalStateException | NullPointerException | ClassCastException e) {
			throw new BackendException(NLS.bind(Messages.Error_BadModels, uri, Failures.snippet(response.body())),
					Messages.Error_BadModelsHint, e);
		}
	}
}
