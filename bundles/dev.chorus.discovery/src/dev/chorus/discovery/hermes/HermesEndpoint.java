package dev.chorus.discovery.hermes;

/**
 * Where a Hermes profile's model is served, as an OpenAI-compatible endpoint.
 *
 * @param baseUrl the base URL ({@code .../v1})
 * @param model the model's name at that endpoint
 * @param provider the provider the profile names ({@code auto}, {@code openrouter}, {@code custom}...)
 * @param apiKey the key for it, or {@code null}: kept in memory only, on its way to secure storage
 * @param note what the user should know about it (the provider has no OpenAI-compatible endpoint
 *        Chorus can reach, the key was not found), or {@code null}
 */
public record HermesEndpoint(String baseUrl, String model, String provider, String apiKey, String note) {

	@Override
	public String toString() {
		// Never the key: records print every field.
		return "HermesEndpoint[" + baseUrl + ", " + model + ", " + provider + (apiKey == null ? "" : ", key set") + ']'; //$NON-NLS-1$ //$NON-NLS-2$ //$NON-NLS-3$ //$NON-NLS-4$ //$NON-NLS-5$
	}
}
