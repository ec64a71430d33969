package dev.chorus.discovery.tests;

import dev.chorus.tests.support.InMemorySecretStore;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertNotEquals;
import static org.junit.Assert.assertTrue;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import org.junit.Before;
import org.junit.Rule;
import org.junit.Test;
import org.junit.rules.TemporaryFolder;

import dev.chorus.core.agents.AgentProfile;
import dev.chorus.core.agents.AgentRegistry;
import dev.chorus.core.sessions.SessionStore;
import dev.chorus.discovery.AgentOffers;
import dev.chorus.discovery.BackendKeys;
import dev.chorus.discovery.FoundAgent;

/** What is offered of what was found, and the agents made of it. */
public class AgentOffersTest {

	@Rule
	public TemporaryFolder temp = new TemporaryFolder();

	private AgentRegistry agents;
	private SessionStore sessions;

	@Before
	public void setUp() throws Exception {
		Path folder = temp.newFolder("agents").toPath();
		agents = new AgentRegistry(folder, new InMemorySecretStore());
		sessions = new SessionStore(folder);
	}

	private static FoundAgent server(String name, int port, String model) {
		return new FoundAgent(FoundAgent.Kind.SERVER, name, BackendKeys.OPENAI,
				Map.of(BackendKeys.BASE_URL, "http://127.0.0.1:" + port + "/v1", BackendKeys.MODEL, model), List.of(model),
				"http://127.0.0.1:" + port + "/v1", null, true, null);
	}

	@Test
	public void theUntouchedDefaultAgentIsNoAgentOfTheUser() throws Exception {
		AgentProfile assistant = agents.ensureDefaultAgent();
		assertTrue(AgentOffers.isUntouchedDefault(assistant, sessions));
		assertTrue(AgentOffers.onlyTheDefault(agents, sessions));
		// Ollama is where the default agent points, but the default agent has no model: offered.
		assertEquals(1, AgentOffers.offer(List.of(server("Ollama", 11434, "llama3.2")), agents, sessions).offered().size());

		agents.setColor(assistant.id(), "#2ECC71");
		assertFalse(AgentOffers.onlyTheDefault(agents, sessions));
	}

	@Test
	public void whatAnAgentAlreadyTalksToIsNotOfferedAgain() throws Exception {
		AgentProfile local = agents.create("Local Llama", BackendKeys.OPENAI,
				Map.of(BackendKeys.BASE_URL, "http://localhost:11434/v1", BackendKeys.MODEL, "llama3.2"), null);
		AgentOffers.Offer offer = AgentOffers.offer(List.of(server("Ollama", 11434, "qwen"), server("vLLM", 8000, "m")), agents,
				sessions);
		assertEquals(List.of("vLLM"), offer.offered().stream().map(FoundAgent::name).toList());
		assertTrue(offer.alreadySetUp().get(0).contains(local.displayName()));
	}

	@Test
	public void addedAgentsGetNamesAndColoursOfTheirOwn() throws Exception {
		agents.create("Ollama", BackendKeys.OPENAI, Map.of(), null);
		List<AgentProfile> added = AgentOffers.add(List.of(server("Ollama", 11434, "a"), server("Ollama", 11435, "b")), agents);
		assertEquals(List.of("Ollama 2", "Ollama 3"), added.stream().map(AgentProfile::displayName).toList());
		List<String> colours = agents.list().stream().map(AgentProfile::effectiveColor).toList();
		assertEquals("every agent its own colour", colours.size(), colours.stream().distinct().count());
		assertEquals("a", added.get(0).settings().get(BackendKeys.MODEL));
		assertNotEquals(added.get(0).id(), added.get(1).id());
	}
}
