package dev.chorus.core.mcp;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import org.eclipse.core.runtime.IProgressMonitor;
import org.eclipse.osgi.util.NLS;

import dev.chorus.core.CoreMessages;

/**
 * The MCP servers Chorus runs for its agents. A server starts when a conversation that uses it
 * first needs its tools, is shared by every conversation that uses it, starts again on the next
 * need after it died or its settings changed, and stops when the last conversation that used it
 * closes or Chorus quits. Conversations hold {@link Lease}s; starting one server never waits for
 * another.
 */
public final class McpServerRegistry {

	private final McpServerStore store;
	private final Path folder;
	private final Map<String, Server> servers = new HashMap<>();
	private boolean shutDown;

	/**
	 * @param folder where stdio servers start (their working directory)
	 */
	public McpServerRegistry(McpServerStore store, Path folder) {
		this.store = store;
		this.folder = folder;
		store.addListener(this::configsChanged);
	}

	public McpServerStore store() {
		return store;
	}

	/** A new lease, using no server yet. */
	public Lease lease() {
		return new Lease();
	}

	/** The ids of the servers running now. */
	public synchronized List<String> running() {
		return servers.entrySet().stream().filter(entry -> entry.getValue().isRunning()).map(Map.Entry::getKey).sorted().toList();
	}

	/** Stops every server; later leases start none. */
	public void shutdown() {
		List<Server> all;
		synchronized (this) {
			shutDown = true;
			all = new ArrayList<>(servers.values());
			servers.clear();
		}
		all.forEach(Server::retire);
	}

	private synchronized Server acquire(String id) throws McpException {
		if (shutDown) {
			throw new McpException(CoreMessages.Mcp_ShutDown);
		}
		McpServerConfig config = store.get(id).orElseThrow(() -> new McpException(NLS.bind(CoreMessages.Mcp_Unknown, id)));
		Server server = servers.computeIfAbsent(id, key -> new Server(config));
		server.users++;
		return server;
	}

	private void release(String id) {
		Server stopped = null;
		synchronized (this) {
			Server server = servers.get(id);
			if (server != null && --server.users <= 0) {
				servers.remove(id);
				stopped = server;
			}
		}
		if (stopped != null) {
			stopped.retire();
		}
	}

	/** A server whose settings changed or that was removed stops; the next need starts it with the new settings. */
	private void configsChanged() {
		List<Server> changed = new ArrayList<>();
		synchronized (this) {
			for (Map.Entry<String, Server> entry : servers.entrySet()) {
				Optional<McpServerConfig> now = store.get(entry.getKey());
				if (now.isEmpty() || !now.get().equals(entry.getValue().config)) {
					now.ifPresent(config -> entry.getValue().config = config);
					changed.add(entry.getValue());
				}
			}
		}
		changed.forEach(Server::stop);
	}

	/** One configured server and its connection, while some lease uses it. */
	private final class Server {
		volatile McpServerConfig config;
		int users;
		private McpClient client;
		/** No lease may start it again: the registry shut down or its last user left. */
		private boolean retired;

		Server(McpServerConfig config) {
			this.config = config;
		}

		synchronized McpClient client(IProgressMonitor monitor) throws McpException {
			if (retired) {
				throw new McpException(CoreMessages.Mcp_ShutDown);
			}
			if (client == null || !client.isAlive()) {
				if (client != null) {
					client.close();
				}
				client = null;
				client = McpClient.connect(config, folder, monitor);
			}
			return client;
		}

		synchronized boolean isRunning() {
			return client != null && client.isAlive();
		}

		void retire() {
			synchronized (this) {
				retired = true;
			}
			stop();
		}

		void stop() {
			McpClient stopped;
			synchronized (this) {
				stopped = client;
				client = null;
			}
			if (stopped != null) {
				stopped.close();
			}
		}
	}

	/**
	 * What one conversation uses of the servers: each server it asked for is counted once, until
	 * the lease is closed.
	 */
	public final class Lease implements AutoCloseable {
		private final Map<String, Server> used = new HashMap<>();
		private final Set<String> order = new LinkedHashSet<>();
		private boolean closed;

		/** The connection to a server, started now if it is not running. */
		public McpClient client(String id, IProgressMonitor monitor) throws McpException {
			Server server;
			synchronized (this) {
				if (closed) {
					throw new McpException(CoreMessages.Mcp_ShutDown);
				}
				server = used.get(id);
				if (server == null) {
					server = acquire(id);
					used.put(id, server);
					order.add(id);
				}
			}
			return server.client(monitor);
		}

		/** The configuration of a server this registry knows. */
		public Optional<McpServerConfig> config(String id) {
			return store.get(id);
		}

		@Override
		public void close() {
			List<String> ids;
			synchronized (this) {
				if (closed) {
					return;
				}
				closed = true;
				ids = new ArrayList<>(order);
				used.clear();
			}
			ids.forEach(McpServerRegistry.this::release);
		}
	}
}
