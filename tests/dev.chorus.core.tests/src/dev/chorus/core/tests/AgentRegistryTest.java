package dev.chorus.core.tests;

import dev.chorus.tests.support.InMemorySecretStore;

import static org.junit.Assert.assertArrayEquals;
import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertNull;
import static org.junit.Assert.assertTrue;
import static org.junit.Assert.fail;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.junit.Before;
import org.junit.Rule;
import org.junit.Test;
import org.junit.rules.TemporaryFolder;

import dev.chorus.core.agents.AgentColors;
import dev.chorus.core.agents.AgentException;
import dev.chorus.core.agents.AgentProfile;
import dev.chorus.core.agents.AgentRegistry;
import dev.chorus.core.agents.IAgentListener;
import dev.chorus.core.agents.ProfileIds;

/** Agents on real files: colours, ids, names, listeners, damaged files. */
public class AgentRegistryTest {

	@Rule
	public TemporaryFolder temp = new TemporaryFolder();

	private Path folder;
	private InMemorySecretStore secrets;
	private AgentRegistry agents;

	@Before
	public void setUp() throws Exception {
		folder = temp.newFolder("agents").toPath();
		secrets = new InMemorySecretStore();
		agents = new AgentRegistry(folder, secrets);
	}

	@Test
	public void paletteIsTheDesktopAppsInItsOrder() {
		assertEquals(22, AgentColors.PALETTE.size());
		assertEquals("#3498DB", AgentColors.PALETTE.get(0));
		assertEquals("#E74C3C", AgentColors.PALETTE.get(5));
		assertEquals("#636E72", AgentColors.PALETTE.get(21));
	}

	@Test
	public void defaultColourIsTheJavaScriptHashRule() {
		for (String name : List.of("Assistant", "Coder", "x", "", "Ünïcødé 🤖", "a very long agent name indeed")) {
			int h = 0;
			for (char c : name.toCharArray()) {
				h = h * 31 + c;
			}
			long abs = Math.abs((long) h);
			assertEquals(name, AgentColors.PALETTE.get((int) (abs % 22)), AgentColors.defaultColorFor(name));
		}
		// The same on every run and machine: a fixed expectation for one name.
		assertEquals(AgentColors.PALETTE.get((int) (Math.abs((long) "Assistant".hashCode()) % 22)),
				AgentColors.defaultColorFor("Assistant"));
	}

	@Test
	public void createsListsRenamesAndDeletesWithListeners() throws Exception {
		List<String> events = new ArrayList<>();
		agents.addListener(new IAgentListener() {
			@Override
			public void agentAdded(AgentProfile agent) {
				events.add("added " + agent.id());
			}

			@Override
			public void agentChanged(AgentProfile agent) {
				events.add("changed " + agent.displayName());
			}

			@Override
			public void agentRemoved(AgentProfile agent) {
				events.add("removed " + agent.id());
			}
		});
		AgentProfile coder = agents.create("Coder", "dev.chorus.backend.openai");
		AgentProfile second = agents.create("Coder", "dev.chorus.backend.openai");
		assertEquals("coder", coder.id());
		assertEquals("coder-2", second.id());
		agents.rename("coder", "  Code Reviewer  ");
		secrets.put("coder", "apiKey", "sk-1");
		agents.delete("coder");

		assertEquals(List.of("added coder", "added coder-2", "changed Code Reviewer", "removed coder"), events);
		assertFalse(Files.exists(folder.resolve("coder")));
		assertTrue(secrets.get("coder", "apiKey").isEmpty());
		assertEquals(List.of("coder-2"), agents.list().stream().map(AgentProfile::id).toList());
		// Reloaded from disk, the same.
		assertEquals(agents.list(), new AgentRegistry(folder, secrets).list());
	}

	@Test
	public void invalidColoursAreRefusedAndNothingIsWritten() throws Exception {
		agents.create("Painter", "b");
		agents.setColor("painter", "#9b59b6");
		assertEquals("#9B59B6", agents.get("painter").get().color());
		Path meta = folder.resolve("painter/profile-meta.json");
		byte[] before = Files.readAllBytes(meta);
		for (String bad : List.of("red", "#12345", "#1234567", "9B59B6", "#GGGGGG", "#12 456", "")) {
			try {
				agents.setColor("painter", bad);
				fail(bad);
			} catch (AgentException e) {
				assertTrue(e.getMessage(), e.getMessage().contains("#RRGGBB"));
			}
		}
		assertArrayEquals(before, Files.readAllBytes(meta));
		agents.setColor("painter", null);
		assertNull(agents.get("painter").get().color());
		assertEquals(AgentColors.defaultColorFor("Painter"), agents.get("painter").get().effectiveColor());
	}

	@Test
	public void idsThatEscapeTheFolderAreRefused() {
		for (String bad : List.of("../x", "a/b", "a\\b", "..", ".", "Upper", "con", "", "-start", "x".repeat(65), "a b")) {
			assertFalse(bad, ProfileIds.isValid(bad));
			try {
				agents.folderOf(bad);
				fail(bad);
			} catch (AgentException e) {
				assertTrue(e.getMessage().contains("not a valid agent id"));
			}
		}
		assertTrue(ProfileIds.isValid("my_agent-2"));
		assertEquals("agent", ProfileIds.fromDisplayName("../../", id -> false));
		assertEquals("etc-passwd", ProfileIds.fromDisplayName("/etc/passwd", id -> false));
	}

	@Test
	public void namesAreTrimmedAndBounded() throws Exception {
		agents.create("A", "b");
		try {
			agents.rename("a", "   ");
			fail();
		} catch (AgentException e) {
			assertTrue(e.getMessage().contains("name"));
		}
		try {
			agents.rename("a", "n".repeat(81));
			fail();
		} catch (AgentException e) {
			assertTrue(e.getMessage().contains("80"));
		}
	}

	@Test
	public void damagedProfileFilesAreReportedAndTheAgentStillLists() throws Exception {
		Files.createDirectories(folder.resolve("broken"));
		Files.writeString(folder.resolve("broken/profile-meta.json"), "{ not json", StandardCharsets.UTF_8);
		Files.createDirectories(folder.resolve("odd"));
		Files.writeString(folder.resolve("odd/profile-meta.json"), "{\"name\":\"Odd\",\"color\":\"blue\"}", StandardCharsets.UTF_8);
		AgentRegistry reloaded = new AgentRegistry(folder, secrets);
		assertEquals("broken", reloaded.get("broken").get().displayName());
		assertNull("an invalid stored colour reads back as unset", reloaded.get("odd").get().color());
		assertEquals(1, reloaded.getProblems().size());
		assertTrue(reloaded.getProblems().get(0).contains("profile-meta.json"));
	}

	@Test
	public void unreadableProfilesAreReportedAndEveryOtherAgentLoads() throws Exception {
		agents.create("Fine", "dev.chorus.backend.openai");
		// Files that cannot be read, even by root: a folder where the profile file should be, and
		// a profile folder without permissions (which only binds a user that is not root).
		Files.createDirectories(folder.resolve("folder-meta/profile-meta.json"));
		Path locked = Files.createDirectories(folder.resolve("locked"));
		Files.writeString(locked.resolve("profile-meta.json"), "{\"name\":\"Locked\"}", StandardCharsets.UTF_8);
		Files.setPosixFilePermissions(locked, java.nio.file.attribute.PosixFilePermissions.fromString("---------"));
		try {
			AgentRegistry reloaded = new AgentRegistry(folder, secrets);
			assertEquals("Fine", reloaded.get("fine").get().displayName());
			assertTrue(reloaded.getProblems().toString(), reloaded.getProblems().stream().anyMatch(p -> p.contains("folder-meta")));
			if (!"root".equals(System.getProperty("user.name"))) {
				assertTrue(reloaded.getProblems().toString(), reloaded.getProblems().stream().anyMatch(p -> p.contains("locked")));
			}
		} finally {
			Files.setPosixFilePermissions(locked, java.nio.file.attribute.PosixFilePermissions.fromString("rwx------"));
		}
	}

	@Test
	public void settingsAreSeparateFromPresentationAndHoldNoSecrets() throws Exception {
		agents.create("Server", "dev.chorus.backend.openai");
		agents.updateSettings("server", "dev.chorus.backend.openai", Map.of("baseUrl", "http://localhost:8080/v1"));
		secrets.put("server", "apiKey", "sk-secret-value");
		String settings = Files.readString(folder.resolve("server/settings.json"));
		assertTrue(settings.contains("http://localhost:8080/v1"));
		assertFalse(settings.contains("sk-secret-value"));
		assertFalse(Files.readString(folder.resolve("server/profile-meta.json")).contains("baseUrl"));
	}

	@Test
	public void theDefaultAgentIsCreatedOnlyWhenThereIsNone() {
		AgentProfile assistant = agents.ensureDefaultAgent();
		assertEquals("Assistant", assistant.displayName());
		assertEquals("http://localhost:11434/v1", assistant.settings().get("baseUrl"));
		assertEquals(assistant, agents.ensureDefaultAgent());
		assertEquals(1, agents.list().size());
	}

	@Test
	public void anAgentCreatedFromAnOriginIsFoundByItAfterARestartAndForgottenWhenDeleted() throws Exception {
		AgentProfile made = agents.create("Coder", "dev.chorus.backend.openai",
				java.util.Map.of("baseUrl", "https://openrouter.ai/api/v1", "model", "m"), "hermes:/home/u/.hermes/profiles/coder");
		assertEquals("m", made.settings().get("model"));
		AgentRegistry reopened = new AgentRegistry(folder, secrets);
		assertEquals(made.id(), reopened.findByOrigin("hermes:/home/u/.hermes/profiles/coder").get().id());
		assertEquals("https://openrouter.ai/api/v1", reopened.get(made.id()).get().settings().get("baseUrl"));
		assertTrue(reopened.findByOrigin("hermes:/elsewhere").isEmpty());
		reopened.delete(made.id());
		assertTrue(reopened.findByOrigin("hermes:/home/u/.hermes/profiles/coder").isEmpty());
	}
}
