package dev.chorus.core.secrets;

import java.io.IOException;
import java.util.Optional;

import org.eclipse.equinox.security.storage.ISecurePreferences;
import org.eclipse.equinox.security.storage.StorageException;
import org.eclipse.osgi.util.NLS;

import dev.chorus.core.CoreMessages;

/**
 * Secrets in Eclipse secure storage, encrypted, under {@code dev.chorus/agents/<agent>}. The
 * storage asks the platform for its master password (the desktop keyring, or a prompt).
 */
public final class SecurePreferencesSecretStore implements ISecretStore {

	private static final String ROOT = "dev.chorus/agents"; //$NON-NLS-1$

	private final ISecurePreferences root;

	public SecurePreferencesSecretStore(ISecurePreferences root) {
		this.root = root;
	}

	private ISecurePreferences node(String agentId) {
		return root.node(ROOT).node(agentId);
	}

	@Override
	public Optional<String> get(String agentId, String key) {
		if (!root.nodeExists(ROOT + '/' + agentId)) {
			return Optional.empty();
		}
		try {
			return Optional.ofNullable(node(agentId).get(key, null)).filter(value -> !value.isEmpty());
		} catch (StorageException e) {
			throw new SecretStoreException(NLS.bind(CoreMessages.Secrets_ReadFailed, e.getMessage()), e);
		}
	}

	@Override
	public void put(String agentId, String key, String value) {
		try {
			node(agentId).put(key, value, true);
			root.flush();
		} catch (StorageException | IOException e) {
			throw new SecretStoreException(NLS.bind(CoreMessages.Secrets_WriteFailed, e.getMessage()), e);
		}
	}

	@Override
	public void remove(String agentId, String key) {
		if (root.nodeExists(ROOT + '/' + agentId)) {
			node(agentId).remove(key);
			flush();
		}
	}

	@Override
	public void removeAll(String agentId) {
		if (root.nodeExists(ROOT + '/' + agentId)) {
			node(agentId).removeNode();
			flush();
		}
	}

	private void flush() {
		try {
			root.flush();
		} catch (IOException e) {
			throw new SecretStoreException(NLS.bind(CoreMessages.Secrets_WriteFailed, e.getMessage()), e);
		}
	}
}
