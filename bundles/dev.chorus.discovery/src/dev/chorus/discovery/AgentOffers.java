package dev.chorus.discovery;

import java.net.URI;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import org.eclipse.osgi.util.NLS;

import dev.chorus.core.CoreMessages;
import dev.chorus.core.agents.AgentColors;
import dev.chorus.core.agents.AgentException;
import dev.chorus.core.agents.AgentProfile;
import dev.chorus.core.agents.AgentRegistry;
import dev.chorus.core.sessions.SessionStore;

/**
 * Turns what the finder found into agents, once the user said yes: a name no other agent has, and
 * the colour the name gives unless another agent already shows it (then the next free one of the
 * palette, so that side by side they can be told apart).
 */
public final class AgentOffers {

	private AgentOffers() {
	}

	/** What the user already has, left out of the offer: the agents that already talk to it. */
	public record Offer(List<FoundAgent> offered, List<String> alreadySetUp) {
	}

	/** The found agents that no agent talks to yet (the untouched default one does not count). */
	public static Offer offer(List<FoundAgent> found, AgentRegistry agents, SessionStore sessions) {
		List<FoundAgent> offered = new ArrayList<>();
		List<String> already = new ArrayList<>();
		for (FoundAgent candidate : found) {
			Optional<AgentProfile> existing = agents.list().stream()
					.filter(agent -> !isUntouchedDefault(agent, sessions) && sameTarget(agent, candidate)).findFirst();
			if (existing.isPresent()) {
				already.add(NLS.bind(Messages.Offer_AlreadySetUp, candidate.name(), existing.get().displayName()));
			} else {
				offered.add(candidate);
			}
		}
		return new Offer(offered, already);
	}

	/** Adds the chosen agents; returns them in order. Stops at the first that cannot be saved. */
	public static List<AgentProfile> add(List<FoundAgent> chosen, AgentRegistry agents) throws AgentException {
		Set<String> names = new HashSet<>();
		Set<String> colours = new HashSet<>();
		for (AgentProfile agent : agents.list()) {
			names.add(agent.displayName().toLowerCase(Locale.ROOT));
			colours.add(agent.effectiveColor());
		}
		List<AgentProfile> added = new ArrayList<>();
		for (FoundAgent found : chosen) {
			String name = uniqueName(found.name(), names);
			names.add(name.toLowerCase(Locale.ROOT));
			AgentProfile agent = agents.create(name, found.backendId(), found.settings(), null);
			String colour = colourFor(name, colours);
			colours.add(colour);
			agents.setColor(agent.id(), colour);
			added.add(agents.get(agent.id()).orElse(agent));
		}
		return added;
	}

	/** The colours {@link #add} will give the agents, in order, beside the agents there are. */
	public static List<String> colours(List<FoundAgent> found, AgentRegistry agents) {
		Set<String> used = new HashSet<>();
		agents.list().forEach(agent -> used.add(agent.effectiveColor()));
		List<String> colours = new ArrayList<>();
		for (FoundAgent agent : found) {
			String colour = colourFor(agent.name(), used);
			used.add(colour);
			colours.add(colour);
		}
		return colours;
	}

	static String uniqueName(String name, Set<String> taken) {
		String candidate = name;
		for (int n = 2; taken.contains(candidate.toLowerCase(Locale.ROOT)); n++) {
			candidate = name + ' ' + n;
		}
		return candidate;
	}

	/** The name's own colour, or the next one of the palette that no agent shows yet. */
	static String colourFor(String name, Set<String> used) {
		String own = AgentColors.defaultColorFor(name);
		int start = AgentColors.PALETTE.indexOf(own);
		for (int i = 0; i < AgentColors.PALETTE.size(); i++) {
			String colour = AgentColors.PALETTE.get((start + i) % AgentColors.PALETTE.size());
			if (!used.contains(colour)) {
				return colour;
			}
		}
		return own;
	}

	/**
	 * The agent Chorus makes on first start, as it was made: its default name, the local address,
	 * no model, no image or colour, and no conversation. The first-start offer looks for agents
	 * only while this is all there is, and offers to put the found ones in its place.
	 */
	public static boolean isUntouchedDefault(AgentProfile agent, SessionStore sessions) {
		Map<String, String> settings = agent.settings();
		return agent.displayName().equals(CoreMessages.Agent_DefaultName) && agent.color() == null && agent.avatar() == null
				&& AgentRegistry.DEFAULT_BACKEND.equals(agent.backendId())
				&& BackendKeys.DEFAULT_BASE_URL.equals(settings.getOrDefault(BackendKeys.BASE_URL, BackendKeys.DEFAULT_BASE_URL))
				&& settings.getOrDefault(BackendKeys.MODEL, "").isBlank() && sessions.list(agent.id()).isEmpty(); //$NON-NLS-1$
	}

	/** Whether the user has nothing but what Chorus made on first start. */
	public static boolean onlyTheDefault(AgentRegistry agents, SessionStore sessions) {
		List<AgentProfile> all = agents.list();
		return all.isEmpty() || (all.size() == 1 && isUntouchedDefault(all.get(0), sessions));
	}

	private static boolean sameTarget(AgentProfile agent, FoundAgent found) {
		if (!agent.backendId().equals(found.backendId())) {
			return false;
		}
		if (found.kind() == FoundAgent.Kind.SERVER) {
			return sameServer(agent.settings().getOrDefault(BackendKeys.BASE_URL, BackendKeys.DEFAULT_BASE_URL),
					found.settings().get(BackendKeys.BASE_URL));
		}
		String program = ProgramPath.programOf(agent.settings().get(BackendKeys.COMMAND));
		String foundProgram = ProgramPath.programOf(found.settings().get(BackendKeys.COMMAND));
		return !program.isEmpty() && (program.equals(foundProgram)
				|| java.nio.file.Path.of(foundProgram).getFileName().toString().equals(program));
	}

	/** Two base URLs of the same loopback server (localhost and 127.0.0.1 alike). */
	static boolean sameServer(String one, String other) {
		try {
			URI a = URI.create(one.strip());
			URI b = URI.create(other.strip());
			return isLoopback(a.getHost()) && isLoopback(b.getHost()) && port(a) == port(b);
		} catch (IllegalArgumentException | NullPointerException e) {
			return false;
		}
	}

	static boolean isLoopback(String host) {
		return host != null && (host.equals("localhost") || host.startsWith("127.") || host.equals("[::1]") //$NON-NLS-1$ //$NON-NLS-2$ //$NON-NLS-3$
				|| host.equals("::1")); //$NON-NLS-1$
	}

	private static int port(URI uri) {
		return uri.getPort() >= 0 ? uri.getPort() : "https".equalsIgnoreCase(uri.getScheme()) ? 443 : 80; //$NON-NLS-1$
	}
}
