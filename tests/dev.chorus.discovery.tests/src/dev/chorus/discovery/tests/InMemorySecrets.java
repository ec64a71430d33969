package dev.chorus.discovery.tests;

import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

import dev.chorus.core.secrets.ISecretStore;

/** Secrets in memory, for tests that must not touch the user's secure storage. */
final class InMemorySecrets implements ISecretStore {

	final Map<String, String> values = new ConcurrentHashMap<>();

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
}
