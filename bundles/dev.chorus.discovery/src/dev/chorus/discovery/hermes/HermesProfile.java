package dev.chorus.discovery.hermes;

import java.nio.file.Path;
import java.util.List;

/**
 * One profile of the Hermes agent: {@code ~/.hermes} itself (the default profile) or
 * {@code ~/.hermes/profiles/<id>/}.
 *
 * @param id the profile's id ({@code default} for the Hermes folder itself)
 * @param folder the profile's folder
 * @param displayName the name its {@code profile-meta.json} gives, else the id
 * @param color its {@code #RRGGBB} colour, or {@code null} for the one derived from the name
 * @param avatar its image as {@code profile-meta.json} names it (a file of the profile, or a
 *        {@code data:} URL), or {@code null}
 * @param endpoint its model and where it is served
 * @param stateDb its {@code state.db}, or {@code null} when it has none
 * @param problems what could not be read of it (each still leaves the rest readable)
 */
public record HermesProfile(String id, Path folder, String displayName, String color, String avatar,
		HermesEndpoint endpoint, Path stateDb, List<String> problems) {

	public HermesProfile {
		problems = List.copyOf(problems);
	}

	/** What an agent made from this profile records as its origin, to be found again. */
	public String origin() {
		return "hermes:" + folder.toAbsolutePath().normalize(); //$NON-NLS-1$
	}
}
