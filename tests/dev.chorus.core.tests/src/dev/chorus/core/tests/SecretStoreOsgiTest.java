package dev.chorus.core.tests;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.stream.Stream;

import javax.crypto.spec.PBEKeySpec;

import org.eclipse.equinox.security.storage.ISecurePreferences;
import org.eclipse.equinox.security.storage.SecurePreferencesFactory;
import org.eclipse.equinox.security.storage.provider.IProviderHints;
import org.junit.Rule;
import org.junit.Test;
import org.junit.rules.TemporaryFolder;

import dev.chorus.core.ChorusCore;
import dev.chorus.core.backend.BackendRegistry;
import dev.chorus.core.secrets.SecurePreferencesSecretStore;

/** API keys go to Eclipse secure storage, encrypted, and into no file of the Chorus data folder. */
public class SecretStoreOsgiTest {

	@Rule
	public TemporaryFolder temp = new TemporaryFolder();

	@Test
	public void secretsAreEncryptedInSecureStorageAndInNoChorusFile() throws Exception {
		Path storage = temp.newFile("secure_storage").toPath();
		Map<String, Object> options = new HashMap<>();
		options.put(IProviderHints.DEFAULT_PASSWORD, new PBEKeySpec("test-master-password".toCharArray()));
		options.put(IProviderHints.PROMPT_USER, Boolean.FALSE);
		ISecurePreferences root = SecurePreferencesFactory.open(storage.toUri().toURL(), options);
		SecurePreferencesSecretStore secrets = new SecurePreferencesSecretStore(root);
		Path data = temp.newFolder("data").toPath();
		ChorusCore core = new ChorusCore(data, secrets, new BackendRegistry(false));
		String id = core.agents().create("Keyed", "dev.chorus.backend.openai").id();
		core.agents().updateSettings(id, "dev.chorus.backend.openai", Map.of("baseUrl", "http://localhost:1/v1"));

		String key = "sk-live-4f9a8b7c6d5e";
		secrets.put(id, "apiKey", key);
		assertEquals(key, secrets.get(id, "apiKey").get());
		assertTrue(root.node("dev.chorus/agents/" + id).isEncrypted("apiKey"));
		assertFalse("the storage file holds it encrypted", Files.readString(storage).contains(key));
		try (Stream<Path> files = Files.walk(data)) {
			files.filter(Files::isRegularFile).forEach(file -> {
				try {
					assertFalse(file + " holds the key", new String(Files.readAllBytes(file)).contains(key));
				} catch (java.io.IOException e) {
					throw new AssertionError(e);
				}
			});
		}

		core.agents().delete(id);
		assertTrue("deleting the agent forgets its secrets", secrets.get(id, "apiKey").isEmpty());
	}
}
