package dev.chorus.backend.acp;

import java.util.ArrayList;
import java.util.List;

import com.google.gson.JsonArray;
import com.google.gson.JsonObject;
import dev.chorus.core.CommandLine;

/**
 * The MCP servers an agent's settings hand to its sessions ({@code mcpServers} of
 * {@code session/new}, {@code session/load} and {@code session/resume}), one a line:
 * {@code name=command args} for a server the agent starts (environment variables may come first,
 * {@code name=KEY=value command args}), or {@code name=https://host/path} for one it reaches over
 * HTTP, passed only where the agent's {@code mcpCapabilities} allow HTTP.
 *
 * @param servers the servers, in the order of the settings
 */
record AcpMcpServers(List<Server> servers) {

	/** One server: a URL with its headers, or a command with its environment. */
	record Server(String name, String url, List<String> command, List<String[]> env, List<String[]> headers) {
		Server(String name, String url, List<String> command, List<String[]> env) {
			this(name, url, command, env, List.of());
		}

		boolean isHttp() {
			return url != null;
		}
	}

	static final AcpMcpServers NONE = new AcpMcpServers(List.of());

	/** The servers configured for every agent that the agent chose, then these. */
	AcpMcpServers withConfigured(List<dev.chorus.core.mcp.McpServerConfig> configured) {
		List<Server> all = new ArrayList<>();
		for (dev.chorus.core.mcp.McpServerConfig config : configured) {
			all.add(new Server(config.name(), config.isHttp() ? config.url().strip() : null, config.command(), pairs(config.environment()),
					pairs(config.headers())));
		}
		all.addAll(servers);
		return new AcpMcpServers(List.copyOf(all));
	}

	private static List<String[]> pairs(java.util.Map<String, String> values) {
		List<String[]> pairs = new ArrayList<>();
		values.forEach((key, value) -> pairs.add(new String[] { key, value }));
		return pairs;
	}

	/** Reads the setting; a line that cannot be read is named in the exception. */
	static AcpMcpServers parse(String text) {
		List<Server> servers = new ArrayList<>();
		for (String line : text.split("\\R")) { //$NON-NLS-1$
			String entry = line.strip();
			if (entry.isEmpty() || entry.startsWith("#")) { //$NON-NLS-1$
				continue;
			}
			int equals = entry.indexOf('=');
			if (equals <= 0 || equals == entry.length() - 1) {
				throw new IllegalArgumentException(entry);
			}
			String name = entry.substring(0, equals).strip();
			String value = entry.substring(equals + 1).strip();
			if (value.startsWith("http://") || value.startsWith("https://")) { //$NON-NLS-1$ //$NON-NLS-2$
				servers.add(new Server(name, value, List.of(), List.of()));
				continue;
			}
			List<String> words = new ArrayList<>(CommandLine.split(value));
			List<String[]> env = new ArrayList<>();
			while (!words.isEmpty() && words.get(0).matches("[A-Za-z_][A-Za-z0-9_]*=.*")) { //$NON-NLS-1$
				String assignment = words.remove(0);
				env.add(new String[] { assignment.substring(0, assignment.indexOf('=')), assignment.substring(assignment.indexOf('=') + 1) });
			}
			if (words.isEmpty()) {
				throw new IllegalArgumentException(entry);
			}
			servers.add(new Server(name, null, List.copyOf(words), List.copyOf(env)));
		}
		return new AcpMcpServers(List.copyOf(servers));
	}

	/** The servers as the schema's {@code McpServer} list; HTTP ones only when the agent takes them. */
	JsonArray toJson(boolean httpAllowed) {
		JsonArray array = new JsonArray();
		for (Server server : servers) {
			JsonObject json = new JsonObject();
			json.addProperty("name", server.name()); //$NON-NLS-1$
			if (server.isHttp()) {
				if (!httpAllowed) {
					continue;
				}
				json.addProperty("type", "http"); //$NON-NLS-1$ //$NON-NLS-2$
				json.addProperty("url", server.url()); //$NON-NLS-1$
				JsonArray headers = new JsonArray();
				for (String[] header : server.headers()) {
					JsonObject item = new JsonObject();
					item.addProperty("name", header[0]); //$NON-NLS-1$
					item.addProperty("value", header[1]); //$NON-NLS-1$
					headers.add(item);
				}
				json.add("headers", headers); //$NON-NLS-1$
			} else {
				json.addProperty("command", server.command().get(0)); //$NON-NLS-1$
				JsonArray args = new JsonArray();
				server.command().subList(1, server.command().size()).forEach(args::add);
				json.add("args", args); //$NON-NLS-1$
				JsonArray env = new JsonArray();
				for (String[] variable : server.env()) {
					JsonObject item = new JsonObject();
					item.addProperty("name", variable[0]); //$NON-NLS-1$
					item.addProperty("value", variable[1]); //$NON-NLS-1$
					env.add(item);
				}
				json.add("env", env); //$NON-NLS-1$
			}
			array.add(json);
		}
		return array;
	}

	/** Servers left out because the agent does not take HTTP servers. */
	List<String> httpNames() {
		return servers.stream().filter(Server::isHttp).map(Server::name).toList();
	}
}
