package dev.chorus.discovery.hermes;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

import org.eclipse.osgi.util.NLS;

import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParseException;
import com.google.gson.JsonParser;

import dev.chorus.core.agents.AgentColors;
import dev.chorus.core.agents.AgentRegistry;
import dev.chorus.discovery.Messages;

/**
 * The Hermes agent's folder, {@code ~/.hermes} (or the folder named by the system property
 * {@value #PROPERTY}), and its profiles: the folder itself is the default profile, and each
 * {@code profiles/<id>/} another. Only read, never written.
 */
public final class HermesHome {

	public static final String PROPERTY = "chorus.hermes.home"; //$NON-NLS-1$
	public static final String DEFAULT_PROFILE = "default"; //$NON-NLS-1$

	private static final String META = "profile-meta.json"; //$NON-NLS-1$
	private static final String STATE_DB = "state.db"; //$NON-NLS-1$
	private static final java.util.regex.Pattern PROFILE_ID = java.util.regex.Pattern.compile("^[a-z0-9_][a-z0-9_-]{0,63}$"); //$NON-NLS-1$

	private HermesHome() {
	}

	/** Where the Hermes agent keeps its files for this user. */
	public static Path defaultFolder() {
		String configured = System.getProperty(PROPERTY);
		if (configured != null && !configured.isBlank()) {
			return Path.of(configured).toAbsolutePath();
		}
		return Path.of(System.getProperty("user.home"), ".hermes"); //$NON-NLS-1$ //$NON-NLS-2$
	}

	/** The profiles of the folder, the default one first; throws when it is not a Hermes folder. */
	public static List<HermesProfile> profiles(Path home) throws HermesException {
		if (!Files.isDirectory(home)) {
			throw new HermesException(NLS.bind(Messages.Hermes_NoFolder, home));
		}
		List<HermesProfile> profiles = new ArrayList<>();
		if (looksLikeProfile(home)) {
			profiles.add(read(DEFAULT_PROFILE, home));
		}
		Path folder = home.resolve("profiles"); //$NON-NLS-1$
		if (Files.isDirectory(folder)) {
			List<Path> children = new ArrayList<>();
			try (DirectoryStream<Path> stream = Files.newDirectoryStream(folder, Files::isDirectory)) {
				stream.forEach(children::add);
			} catch (IOException e) {
				throw new HermesException(NLS.bind(Messages.Hermes_FolderUnreadable, folder, e.getMessage()), e);
			}
			children.sort(Comparator.comparing(Path::toString));
			for (Path child : children) {
				String id = child.getFileName().toString();
				if (PROFILE_ID.matcher(id).matches() && looksLikeProfile(child)) {
					profiles.add(read(id, child));
				}
			}
		}
		if (profiles.isEmpty()) {
			throw new HermesException(NLS.bind(Messages.Hermes_NoProfiles, home));
		}
		return profiles;
	}

	private static boolean looksLikeProfile(Path folder) {
		return Files.exists(folder.resolve("config.yaml")) || Files.exists(folder.resolve(STATE_DB)) //$NON-NLS-1$
				|| Files.exists(folder.resolve(META)) || Files.exists(folder.resolve(".env")); //$NON-NLS-1$
	}

	/** One profile: its presentation, its model and its sessions' database. */
	static HermesProfile read(String id, Path folder) {
		List<String> problems = new ArrayList<>();
		String name = id;
		String color = null;
		String avatar = null;
		Path metaFile = folder.resolve(META);
		if (Files.isRegularFile(metaFile)) {
			try {
				JsonElement parsed = JsonParser.parseString(Files.readString(metaFile, StandardCharsets.UTF_8));
				JsonObject meta = parsed.isJsonObject() ? parsed.getAsJsonObject() : new JsonObject();
				String storedName = string(meta, "name"); //$NON-NLS-1$
				if (storedName != null && !storedName.isBlank()) {
					String trimmed = storedName.strip();
					name = trimmed.length() > AgentRegistry.MAX_NAME_LENGTH ? trimmed.substring(0, AgentRegistry.MAX_NAME_LENGTH)
							: trimmed;
				}
				String storedColor = string(meta, "color"); //$NON-NLS-1$
				color = AgentColors.isValid(storedColor) ? AgentColors.normalize(storedColor) : null;
				avatar = string(meta, "avatar"); //$NON-NLS-1$
			} catch (IOException | JsonParseException e) {
				problems.add(NLS.bind(Messages.Hermes_MetaUnreadable, metaFile, e.getMessage()));
			}
		}
		HermesEndpoint endpoint = HermesConfig.read(folder, problems);
		Path stateDb = folder.resolve(STATE_DB);
		return new HermesProfile(id, folder, name, color, avatar == null || avatar.isBlank() ? null : avatar, endpoint,
				Files.exists(stateDb) ? stateDb : null, problems);
	}

	private static String string(JsonObject object, String key) {
		return object.has(key) && object.get(key).isJsonPrimitive() ? object.get(key).getAsString() : null;
	}
}
