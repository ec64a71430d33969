package dev.chorus.core.agents;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;

import org.eclipse.osgi.util.NLS;

import com.google.gson.Gson;
import com.google.gson.GsonBuilder;
import com.google.gson.JsonObject;
import com.google.gson.JsonParseException;
import com.google.gson.JsonParser;
import com.google.gson.reflect.TypeToken;

import dev.chorus.core.CoreMessages;
import dev.chorus.core.Files2;
import dev.chorus.core.secrets.ISecretStore;

/**
 * The agents, one folder each under {@code agents/}. Profiles are kept in memory (the UI asks for
 * them on every paint) and written through atomically on every change: a temp file moved over the
 * old one, so a crash leaves the old or the new file, never half of one. Presentation
 * ({@code profile-meta.json}: name, colour, avatar) is kept apart from the backend settings
 * ({@code settings.json}); secrets are in secure storage.
 */
public final class AgentRegistry {

	/** The backend of the agent created on first start. */
	public static final String DEFAULT_BACKEND = "dev.chorus.backend.openai"; //$NON-NLS-1$
	public static final int MAX_NAME_LENGTH = 80;

	private static final String META = "profile-meta.json"; //$NON-NLS-1$
	private static final String SETTINGS = "settings.json"; //$NON-NLS-1$
	private static final String AVATAR = "avatar.png"; //$NON-NLS-1$
	/** Where an agent brought in from another application came from ({@link #create(String, String, Map, String)}). */
	private static final String ORIGIN = "origin.json"; //$NON-NLS-1$
	private static final Gson GSON = new GsonBuilder().setPrettyPrinting().disableHtmlEscaping().create();

	private final Path folder;
	private final ISecretStore secrets;
	private final Map<String, AgentProfile> agents = new ConcurrentHashMap<>();
	private final Map<String, String> origins = new ConcurrentHashMap<>();
	private final List<IAgentListener> listeners = new CopyOnWriteArrayList<>();
	private final List<String> problems = new CopyOnWriteArrayList<>();
	private volatile Consumer<String> beforeDelete = id -> {
	};

	public AgentRegistry(Path agentsFolder, ISecretStore secrets) {
		this.folder = agentsFolder;
		this.secrets = secrets;
		load();
	}

	/** Called with an agent's id before it is deleted (the core stops its runs there). */
	public void setBeforeDelete(Consumer<String> hook) {
		this.beforeDelete = hook;
	}

	private void load() {
		if (!Files.isDirectory(folder)) {
			return;
		}
		try (DirectoryStream<Path> children = Files.newDirectoryStream(folder)) {
			for (Path child : children) {
				String id = child.getFileName().toString();
				if (Files.isDirectory(child) && ProfileIds.isValid(id)) {
					agents.put(id, read(id));
					readOrigin(id);
				}
			}
		} catch (IOException e) {
			problems.add(NLS.bind(CoreMessages.Agent_ListFailed, folder, e.getMessage()));
		}
	}

	/** What went wrong while reading profiles (each agent still lists, with the values that could be read). */
	public List<String> getProblems() {
		return List.copyOf(problems);
	}

	private AgentProfile read(String id) {
		Path dir = folder.resolve(id);
		String name = id;
		String color = null;
		Path avatar = null;
		JsonObject meta = readJson(dir.resolve(META));
		if (meta != null) {
			String storedName = string(meta, "name"); //$NON-NLS-1$
			if (storedName != null && !storedName.isBlank()) {
				name = storedName.strip().length() > MAX_NAME_LENGTH ? storedName.strip().substring(0, MAX_NAME_LENGTH)
						: storedName.strip();
			}
			String storedColor = string(meta, "color"); //$NON-NLS-1$
			color = AgentColors.isValid(storedColor) ? AgentColors.normalize(storedColor) : null;
			if (string(meta, "avatar") != null && Files.isRegularFile(dir.resolve(AVATAR))) { //$NON-NLS-1$
				avatar = dir.resolve(AVATAR);
			}
		}
		String backend = DEFAULT_BACKEND;
		Map<String, String> settings = Map.of();
		JsonObject stored = readJson(dir.resolve(SETTINGS));
		if (stored != null) {
			String storedBackend = string(stored, "backend"); //$NON-NLS-1$
			if (storedBackend != null) {
				backend = storedBackend;
			}
			if (stored.has("settings") && stored.get("settings").isJsonObject()) { //$NON-NLS-1$ //$NON-NLS-2$
				Map<String, String> parsed = GSON.fromJson(stored.get("settings"), new TypeToken<Map<String, String>>() { //$NON-NLS-1$
				}.getType());
				settings = parsed == null ? Map.of() : parsed;
			}
		}
		return new AgentProfile(id, name, color, avatar, backend, settings);
	}

	private void readOrigin(String id) {
		Path file = folder.resolve(id).resolve(ORIGIN);
		if (Files.isRegularFile(file)) {
			JsonObject origin = readJson(file);
			String value = origin == null ? null : string(origin, "origin"); //$NON-NLS-1$
			if (value != null) {
				origins.put(id, value);
			}
		}
	}

	private JsonObject readJson(Path file) {
		if (Files.notExists(file)) {
			return null; // not written yet: the defaults apply
		}
		if (!Files.isRegularFile(file) || !Files.isReadable(file)) {
			// A folder in its place, or a folder without permission to look inside.
			problems.add(NLS.bind(CoreMessages.Agent_UnreadableFile, file));
			return null;
		}
		try {
			return JsonParser.parseString(Files.readString(file, StandardCharsets.UTF_8)).getAsJsonObject();
		} catch (IOException | JsonParseException | IllegalStateException e) {
			problems.add(NLS.bind(CoreMessages.Agent_CorruptFile, file, e.getMessage()));
			return null;
		}
	}

	private static String string(JsonObject object, String key) {
		return object.has(key) && object.get(key).isJsonPrimitive() ? object.get(key).getAsString() : null;
	}

	/** Every agent, by display name. */
	public List<AgentProfile> list() {
		List<AgentProfile> all = new ArrayList<>(agents.values());
		all.sort(Comparator.comparing((AgentProfile a) -> a.displayName().toLowerCase()).thenComparing(AgentProfile::id));
		return all;
	}

	public Optional<AgentProfile> get(String id) {
		return id == null ? Optional.empty() : Optional.ofNullable(agents.get(id));
	}

	private AgentProfile require(String id) throws AgentException {
		AgentProfile agent = agents.get(id);
		if (agent == null) {
			throw new AgentException(NLS.bind(CoreMessages.Agent_Unknown, id));
		}
		return agent;
	}

	/** The folder of an agent's files. */
	public Path folderOf(String id) throws AgentException {
		return folder.resolve(ProfileIds.check(id));
	}

	/** Creates an agent with an id derived from its name. */
	public synchronized AgentProfile create(String displayName, String backendId) throws AgentException {
		String name = checkName(displayName);
		String id = ProfileIds.fromDisplayName(name, taken -> agents.containsKey(taken) || Files.exists(folder.resolve(taken)));
		AgentProfile agent = new AgentProfile(id, name, null, null, backendId, Map.of());
		try {
			Files.createDirectories(folder.resolve(id));
			writeMeta(agent);
			writeSettings(agent);
		} catch (IOException e) {
			throw new AgentException(NLS.bind(CoreMessages.Agent_WriteFailed, name, e.getMessage()), e);
		}
		agents.put(id, agent);
		listeners.forEach(listener -> listener.agentAdded(agent));
		return agent;
	}

	/**
	 * Creates an agent with its backend settings at once and, for an agent brought in from another
	 * application, where it came from (an importer's own string, say the folder of the profile it
	 * was made from): every file is written before the agent is listed, so importing again finds
	 * it with {@link #findByOrigin(String)} instead of making a second one.
	 *
	 * @param origin where the agent came from, or {@code null}
	 */
	public synchronized AgentProfile create(String displayName, String backendId, Map<String, String> settings,
			String origin) throws AgentException {
		String name = checkName(displayName);
		String id = ProfileIds.fromDisplayName(name, taken -> agents.containsKey(taken) || Files.exists(folder.resolve(taken)));
		AgentProfile agent = new AgentProfile(id, name, null, null, backendId, settings);
		try {
			Files.createDirectories(folder.resolve(id));
			writeMeta(agent);
			writeSettings(agent);
			if (origin != null) {
				JsonObject json = new JsonObject();
				json.addProperty("origin", origin); //$NON-NLS-1$
				writeJson(folder.resolve(id).resolve(ORIGIN), json);
			}
		} catch (IOException e) {
			throw new AgentException(NLS.bind(CoreMessages.Agent_WriteFailed, name, e.getMessage()), e);
		}
		if (origin != null) {
			origins.put(id, origin);
		}
		agents.put(id, agent);
		listeners.forEach(listener -> listener.agentAdded(agent));
		return agent;
	}

	/** The agent that was created from the origin, if it still exists. */
	public Optional<AgentProfile> findByOrigin(String origin) {
		return origins.entrySet().stream().filter(entry -> entry.getValue().equals(origin)).map(Map.Entry::getKey)
				.map(agents::get).filter(java.util.Objects::nonNull).findFirst();
	}

	/** Makes sure there is at least one agent: "Assistant" on a local OpenAI-compatible server. */
	public synchronized AgentProfile ensureDefaultAgent() {
		if (!agents.isEmpty()) {
			return list().get(0);
		}
		try {
			AgentProfile created = create(CoreMessages.Agent_DefaultName, DEFAULT_BACKEND);
			Map<String, String> settings = new LinkedHashMap<>();
			settings.put("baseUrl", "http://localhost:11434/v1"); //$NON-NLS-1$ //$NON-NLS-2$
			settings.put("model", ""); //$NON-NLS-1$ //$NON-NLS-2$
			updateSettings(created.id(), DEFAULT_BACKEND, settings);
			return agents.get(created.id());
		} catch (AgentException e) {
			throw new IllegalStateException(e.getMessage(), e);
		}
	}

	public synchronized void rename(String id, String displayName) throws AgentException {
		AgentProfile agent = require(id);
		String name = checkName(displayName);
		replace(new AgentProfile(id, name, agent.color(), agent.avatar(), agent.backendId(), agent.settings()), true);
	}

	/** Sets the accent colour ({@code #RRGGBB}), or {@code null} for the one derived from the name. */
	public synchronized void setColor(String id, String color) throws AgentException {
		AgentProfile agent = require(id);
		if (color != null && !AgentColors.isValid(color)) {
			throw new AgentException(NLS.bind(CoreMessages.Agent_InvalidColor, color));
		}
		String stored = color == null ? null : AgentColors.normalize(color);
		replace(new AgentProfile(id, agent.displayName(), stored, agent.avatar(), agent.backendId(), agent.settings()), true);
	}

	/** Decodes, scales and stores the image as the agent's avatar; on failure the old one stays. */
	public synchronized void setAvatar(String id, Path image) throws AgentException {
		AgentProfile agent = require(id);
		BufferedImage scaled = AvatarImages.load(image);
		Path target = folder.resolve(id).resolve(AVATAR);
		try {
			Files2.writeAtomically(target, out -> AvatarImages.writePng(scaled, out));
		} catch (IOException e) {
			throw new AvatarException(AvatarException.Reason.IO, NLS.bind(CoreMessages.Avatar_WriteFailed, e.getMessage()), e);
		}
		replace(new AgentProfile(id, agent.displayName(), agent.color(), target, agent.backendId(), agent.settings()), true);
	}

	/** Goes back to the initial on the accent colour. */
	public synchronized void removeAvatar(String id) throws AgentException {
		AgentProfile agent = require(id);
		AgentProfile without = new AgentProfile(id, agent.displayName(), agent.color(), null, agent.backendId(),
				agent.settings());
		replace(without, true);
		try {
			Files.deleteIfExists(folder.resolve(id).resolve(AVATAR));
		} catch (IOException e) {
			throw new AgentException(NLS.bind(CoreMessages.Agent_WriteFailed, agent.displayName(), e.getMessage()), e);
		}
	}

	public synchronized void updateSettings(String id, String backendId, Map<String, String> settings) throws AgentException {
		AgentProfile agent = require(id);
		replace(new AgentProfile(id, agent.displayName(), agent.color(), agent.avatar(), backendId, settings), false);
	}

	/** Deletes the agent with everything it owns: its folder (sessions included) and its secrets. */
	public void delete(String id) throws AgentException {
		AgentProfile agent = require(id);
		beforeDelete.accept(id);
		synchronized (this) {
			try {
				Files2.deleteRecursively(folder.resolve(ProfileIds.check(id)));
			} catch (IOException e) {
				throw new AgentException(NLS.bind(CoreMessages.Agent_DeleteFailed, agent.displayName(), e.getMessage()), e);
			}
			secrets.removeAll(id);
			agents.remove(id);
			origins.remove(id);
		}
		listeners.forEach(listener -> listener.agentRemoved(agent));
	}

	private static String checkName(String displayName) throws AgentException {
		String name = displayName == null ? "" : displayName.strip(); //$NON-NLS-1$
		if (name.isEmpty()) {
			throw new AgentException(CoreMessages.Agent_NameEmpty);
		}
		if (name.length() > MAX_NAME_LENGTH) {
			throw new AgentException(NLS.bind(CoreMessages.Agent_NameTooLong, MAX_NAME_LENGTH));
		}
		return name;
	}

	/** Writes the changed file first, then updates memory and tells the listeners. */
	private void replace(AgentProfile changed, boolean presentation) throws AgentException {
		try {
			if (presentation) {
				writeMeta(changed);
			} else {
				writeSettings(changed);
			}
		} catch (IOException e) {
			throw new AgentException(NLS.bind(CoreMessages.Agent_WriteFailed, changed.displayName(), e.getMessage()), e);
		}
		agents.put(changed.id(), changed);
		listeners.forEach(listener -> listener.agentChanged(changed));
	}

	private void writeMeta(AgentProfile agent) throws IOException {
		JsonObject meta = new JsonObject();
		meta.addProperty("name", agent.displayName()); //$NON-NLS-1$
		if (agent.color() != null) {
			meta.addProperty("color", agent.color()); //$NON-NLS-1$
		}
		if (agent.avatar() != null) {
			meta.addProperty("avatar", AVATAR); //$NON-NLS-1$
		}
		writeJson(folder.resolve(agent.id()).resolve(META), meta);
	}

	private void writeSettings(AgentProfile agent) throws IOException {
		JsonObject stored = new JsonObject();
		stored.addProperty("backend", agent.backendId()); //$NON-NLS-1$
		stored.add("settings", GSON.toJsonTree(agent.settings())); //$NON-NLS-1$
		writeJson(folder.resolve(agent.id()).resolve(SETTINGS), stored);
	}

	private static void writeJson(Path file, JsonObject json) throws IOException {
		byte[] bytes = GSON.toJson(json).getBytes(StandardCharsets.UTF_8);
		Files2.writeAtomically(file, (OutputStream out) -> out.write(bytes));
	}

	public void addListener(IAgentListener listener) {
		listeners.add(listener);
	}

	public void removeListener(IAgentListener listener) {
		listeners.remove(listener);
	}
}
