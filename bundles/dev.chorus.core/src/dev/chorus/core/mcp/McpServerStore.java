package dev.chorus.core.mcp;

import java.io.IOException;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;

import org.eclipse.osgi.util.NLS;

import com.google.gson.GsonBuilder;
import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParseException;
import com.google.gson.JsonParser;

import dev.chorus.core.CoreMessages;
import dev.chorus.core.Files2;
import dev.chorus.core.agents.ProfileIds;
import dev.chorus.core.secrets.ISecretStore;

/**
 * The MCP servers the user configured, one list for every agent: {@code mcp-servers.json} in the
 * data folder (names, commands, URLs, timeouts), and each server's environment and headers in
 * secure storage. Written through atomically on every change; listeners hear of each one.
 */
public final class McpServerStore {

	private static final String ENVIRONMENT = "environment"; //$NON-NLS-1$
	private static final String HEADERS = "headers"; //$NON-NLS-1$

	private final Path file;
	private final ISecretStore secrets;
	private final List<Runnable> listeners = new CopyOnWriteArrayList<>();
	private List<McpServerConfig> servers;
	private String problem;

	public McpServerStore(Path file, ISecretStore secrets) {
		this.file = file;
		this.secrets = secrets;
	}

	/** The servers, in the user's order. A damaged file reads as none; {@link #problem()} says why. */
	public synchronized List<McpServerConfig> list() {
		if (servers == null) {
			servers = read();
		}
		return servers;
	}

	/** Why the servers' file could not be read, or {@code null}. */
	public synchronized String problem() {
		list();
		return problem;
	}

	public Optional<McpServerConfig> get(String id) {
		return list().stream().filter(server -> server.id().equals(id)).findFirst();
	}

	/** A new id for a server of that name, unlike the ids in use. */
	public String newId(String name) {
		return ProfileIds.fromDisplayName(name == null || name.isBlank() ? "server" : name, //$NON-NLS-1$
				id -> list().stream().anyMatch(server -> server.id().equals(id)));
	}

	/** Adds the server, or replaces the one of its id (keeping its place). */
	public void save(McpServerConfig server) throws IOException {
		synchronized (this) {
			checkName(server);
			List<McpServerConfig> next = new ArrayList<>(list());
			int index = indexOf(next, server.id());
			if (index < 0) {
				next.add(server);
			} else {
				next.set(index, server);
			}
			secrets.put(owner(server.id()), ENVIRONMENT, lines(server.environment()));
			secrets.put(owner(server.id()), HEADERS, lines(server.headers()));
			write(next);
			servers = List.copyOf(next);
		}
		changed();
	}

	public void remove(String id) throws IOException {
		synchronized (this) {
			List<McpServerConfig> next = new ArrayList<>(list());
			if (next.removeIf(server -> server.id().equals(id))) {
				write(next);
				servers = List.copyOf(next);
				secrets.removeAll(owner(id));
			}
		}
		changed();
	}

	public void addListener(Runnable listener) {
		listeners.add(listener);
	}

	public void removeListener(Runnable listener) {
		listeners.remove(listener);
	}

	private void changed() {
		listeners.forEach(Runnable::run);
	}

	private void checkName(McpServerConfig server) throws IOException {
		if (server.name() == null || server.name().isBlank()) {
			throw new IOException(CoreMessages.Mcp_NameEmpty);
		}
		for (McpServerConfig other : list()) {
			if (!other.id().equals(server.id()) && other.name().equalsIgnoreCase(server.name().strip())) {
				throw new IOException(NLS.bind(CoreMessages.Mcp_NameTaken, server.name()));
			}
		}
		if (!server.isHttp() && server.command().isEmpty()) {
			throw new IOException(NLS.bind(CoreMessages.Mcp_NoCommand, server.name()));
		}
	}

	private static int indexOf(List<McpServerConfig> list, String id) {
		for (int i = 0; i < list.size(); i++) {
			if (list.get(i).id().equals(id)) {
				return i;
			}
		}
		return -1;
	}

	private List<McpServerConfig> read() {
		problem = null;
		String text;
		try {
			text = Files.readString(file, StandardCharsets.UTF_8);
		} catch (NoSuchFileException e) {
			return List.of();
		} catch (IOException e) {
			problem = NLS.bind(CoreMessages.Mcp_FileUnreadable, file, e.getMessage());
			return List.of();
		}
		List<McpServerConfig> read = new ArrayList<>();
		try {
			for (JsonElement element : JsonParser.parseString(text).getAsJsonObject().getAsJsonArray("servers")) { //$NON-NLS-1$
				JsonObject json = element.getAsJsonObject();
				String id = json.get("id").getAsString(); //$NON-NLS-1$
				List<String> command = new ArrayList<>();
				if (json.has("command")) { //$NON-NLS-1$
					json.getAsJsonArray("command").forEach(word -> command.add(word.getAsString())); //$NON-NLS-1$
				}
				read.add(new McpServerConfig(id, json.get("name").getAsString(), command, //$NON-NLS-1$
						parseLines(secrets.get(owner(id), ENVIRONMENT).orElse("")), //$NON-NLS-1$
						json.has("url") ? json.get("url").getAsString() : null, //$NON-NLS-1$ //$NON-NLS-2$
						parseLines(secrets.get(owner(id), HEADERS).orElse("")), //$NON-NLS-1$
						json.has("timeoutSeconds") ? json.get("timeoutSeconds").getAsInt() : 0)); //$NON-NLS-1$ //$NON-NLS-2$
			}
		} catch (JsonParseException | IllegalStateException | NullPointerException | ClassCastException
				| UnsupportedOperationException e) {
			problem = NLS.bind(CoreMessages.Mcp_FileCorrupt, file, e.getMessage());
			return List.of();
		}
		return List.copyOf(read);
	}

	private void write(List<McpServerConfig> list) throws IOException {
		if (problem != null && Files.exists(file)) {
			// The damaged file is kept beside the new one: nothing the user wrote is lost.
			Files.copy(file, file.resolveSibling(file.getFileName() + ".damaged"), java.nio.file.StandardCopyOption.REPLACE_EXISTING); //$NON-NLS-1$
			problem = null;
		}
		JsonArray array = new JsonArray();
		for (McpServerConfig server : list) {
			JsonObject json = new JsonObject();
			json.addProperty("id", server.id()); //$NON-NLS-1$
			json.addProperty("name", server.name().strip()); //$NON-NLS-1$
			if (server.isHttp()) {
				json.addProperty("url", server.url().strip()); //$NON-NLS-1$
			} else {
				JsonArray command = new JsonArray();
				server.command().forEach(command::add);
				json.add("command", command); //$NON-NLS-1$
			}
			json.addProperty("timeoutSeconds", server.timeoutSeconds()); //$NON-NLS-1$
			array.add(json);
		}
		JsonObject root = new JsonObject();
		root.addProperty("version", 1); //$NON-NLS-1$
		root.add("servers", array); //$NON-NLS-1$
		Files2.writeAtomically(file, out -> {
			Writer writer = new OutputStreamWriter(out, StandardCharsets.UTF_8);
			new GsonBuilder().setPrettyPrinting().create().toJson(root, writer);
			writer.flush();
		});
	}

	private static String owner(String id) {
		return "mcp." + id; //$NON-NLS-1$
	}

	/** {@code NAME=value} lines. */
	static String lines(Map<String, String> values) {
		StringBuilder text = new StringBuilder();
		values.forEach((key, value) -> text.append(key).append('=').append(value).append('\n'));
		return text.toString();
	}

	/** {@code NAME=value} or {@code Name: value} lines, as {@link dev.chorus.core.backend.BackendSetting#keyValues} reads them. */
	public static Map<String, String> parseLines(String text) {
		return dev.chorus.core.backend.BackendSetting.keyValues(text);
	}
}
