package dev.chorus.discovery;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Optional;

import org.eclipse.osgi.util.NLS;

import dev.chorus.core.agents.AgentProfile;

/**
 * Whether an agent can answer before the user sends it anything: an OpenAI-compatible agent on
 * this machine (a loopback address) is asked for its models; an ACP agent's program is looked up.
 * Remote servers are not asked (that could cost the user). Blocks for at most the timeout.
 */
public final class SetupCheck {

	private SetupCheck() {
	}

	/** Why the agent cannot answer yet, or empty when it can (or when that cannot be told). */
	public static Optional<String> problem(AgentProfile agent, String searchPath, Duration timeout) {
		if (BackendKeys.ACP.equals(agent.backendId())) {
			String program = ProgramPath.programOf(agent.settings().get(BackendKeys.COMMAND));
			if (program.isEmpty()) {
				return Optional.of(Messages.Setup_NoCommand);
			}
			return ProgramPath.isInstalled(program, searchPath) ? Optional.empty()
					: Optional.of(NLS.bind(Messages.Setup_ProgramMissing, program));
		}
		if (!BackendKeys.OPENAI.equals(agent.backendId())) {
			return Optional.empty();
		}
		String baseUrl = agent.settings().getOrDefault(BackendKeys.BASE_URL, "").strip(); //$NON-NLS-1$
		if (baseUrl.isEmpty()) {
			baseUrl = BackendKeys.DEFAULT_BASE_URL;
		}
		URI models;
		try {
			models = URI.create(baseUrl.endsWith("/") ? baseUrl + "models" : baseUrl + "/models"); //$NON-NLS-1$ //$NON-NLS-2$ //$NON-NLS-3$
		} catch (IllegalArgumentException e) {
			return Optional.of(NLS.bind(Messages.Setup_BadUrl, baseUrl));
		}
		if (!AgentOffers.isLoopback(models.getHost())) {
			return Optional.empty();
		}
		try (HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).connectTimeout(timeout).build()) {
			HttpResponse<Void> response = client.send(HttpRequest.newBuilder(models).timeout(timeout).GET().build(),
					HttpResponse.BodyHandlers.discarding());
			if (response.statusCode() >= 500 || response.statusCode() == 404) {
				return Optional.of(NLS.bind(Messages.Setup_NotOpenAi, baseUrl, response.statusCode()));
			}
		} catch (IOException e) {
			return Optional.of(NLS.bind(Messages.Setup_NothingAnswers, baseUrl));
		} catch (InterruptedException e) {
			Thread.currentThread().interrupt();
			return Optional.empty();
		}
		if (agent.settings().getOrDefault(BackendKeys.MODEL, "").isBlank()) { //$NON-NLS-1$
			return Optional.of(NLS.bind(Messages.Setup_NoModel, baseUrl));
		}
		return Optional.empty();
	}
}
