package dev.chorus.core.secrets;

import java.util.Optional;

/** Secrets of agents (API keys), kept out of every file Chorus writes itself. */
public interface ISecretStore {

	Optional<String> get(String agentId, String key);

	/** Stores the secret; throws {@link SecretStoreException} when secure storage refuses. */
	void put(String agentId, String key, String value);

	void remove(String agentId, String key);

	/** Forgets every secret of the agent. */
	void removeAll(String agentId);
}
