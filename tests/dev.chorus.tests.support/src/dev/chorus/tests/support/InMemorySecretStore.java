package dev.chorus.tests.support;

import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

import dev.chorus.core.secrets.ISecretStore;

/** Secrets in memory, for tests that are not about secure storage itself. */
public final class InMemorySecretStore implements ISecretStore {

	private final Map<String, String> values = new ConcurrentHashMap<>();

	@Override
	public Optional<String> get(String agentId, String key) {
		return Optional.ofNullable(values.get(agentId + '/' + key));
	}

	@Override
	public void put(String agentId, String key, String value) {
		values.put(agentId + '/' + key, value);
	}

	@Override
	public void remove(String agentId, String key) {
		values.remove(agentId + '/' + key);
	}

	@Override
	public void removeAll(String agentId) {
		values.keySet().removeIf(key -> key.startsWith(agentId + '/'));
	}

	public int size() {
		return values.size();
	}
}
