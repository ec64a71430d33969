package dev.chorus.discovery.hermes;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.eclipse.core.runtime.IProgressMonitor;
import org.eclipse.core.runtime.OperationCanceledException;
import org.eclipse.core.runtime.SubMonitor;
import org.eclipse.osgi.util.NLS;

import dev.chorus.core.agents.AgentException;
import dev.chorus.core.agents.AgentProfile;
import dev.chorus.core.agents.AgentRegistry;
import dev.chorus.core.secrets.ISecretStore;
import dev.chorus.core.secrets.SecretStoreException;
import dev.chorus.core.sessions.SessionInfo;
import dev.chorus.core.sessions.SessionStore;
import dev.chorus.core.transcript.TranscriptEntry;
import dev.chorus.discovery.BackendKeys;
import dev.chorus.discovery.Messages;

/**
 * Brings Hermes profiles into Chorus: each profile becomes an agent with its name, colour and
 * image, its model and endpoint (the key into secure storage), and each of its conversations a
 * Chorus session with its messages, title and times. Hermes's files are only read.
 *
 * <p>Importing again adds only what is new: the agent is found by the profile it came from
 * ({@link AgentRegistry#findByOrigin(String)}), and each session's id is made from the Hermes
 * session's id, so one imported before is skipped. Each session is written whole or not at all
 * ({@link SessionStore#importSession}); what could not be read is reported, the rest imported.
 */
public final class HermesImport {

	/** How long to wait for a lock Hermes holds before reading its database as it is on disk. */
	static final int BUSY_MILLIS = 2000;

	private final AgentRegistry agents;
	private final SessionStore sessions;
	private final ISecretStore secrets;

	public HermesImport(AgentRegistry agents, SessionStore sessions, ISecretStore secrets) {
		this.agents = agents;
		this.sessions = sessions;
		this.secrets = secrets;
	}

	/** Imports the profiles; cancelling stops after the session being written. */
	public ImportReport run(List<HermesProfile> profiles, IProgressMonitor monitor) {
		ImportReport report = new ImportReport();
		SubMonitor progress = SubMonitor.convert(monitor, Messages.Import_Task, profiles.size() * 100);
		try {
			for (HermesProfile profile : profiles) {
				importProfile(profile, report.add(profile.displayName()), progress.split(100));
			}
		} catch (OperationCanceledException e) {
			report.cancelled();
		}
		return report;
	}

	private void importProfile(HermesProfile hermes, ImportReport.Profile report, SubMonitor monitor) {
		monitor.setTaskName(NLS.bind(Messages.Import_Profile, hermes.displayName()));
		report.problems.addAll(hermes.problems());
		if (hermes.endpoint().note() != null) {
			report.problems.add(hermes.endpoint().note());
		}
		AgentProfile agent;
		try {
			agent = agentFor(hermes, report);
		} catch (AgentException e) {
			report.problems.add(e.getMessage());
			return;
		}
		report.agentName = agent.displayName();
		if (hermes.stateDb() == null) {
			return; // a profile that never chatted
		}
		try (HermesStateDb db = HermesStateDb.open(hermes.stateDb(), BUSY_MILLIS)) {
			if (db.readAsOnDisk()) {
				report.problems.add(NLS.bind(Messages.Import_ReadAsOnDisk, hermes.stateDb()));
			}
			List<HermesStateDb.Session> conversations = db.conversations();
			monitor.setWorkRemaining(Math.max(1, conversations.size()));
			for (HermesStateDb.Session session : conversations) {
				monitor.split(1);
				importSession(db, hermes, agent, session, report);
			}
		} catch (HermesException e) {
			report.problems.add(e.getMessage());
		}
	}

	private void importSession(HermesStateDb db, HermesProfile hermes, AgentProfile agent, HermesStateDb.Session session,
			ImportReport.Profile report) {
		String id = sessionId(hermes.id(), session.id());
		if (sessions.get(id).isPresent()) {
			report.skipped++;
			return;
		}
		try {
			List<HermesStateDb.Message> messages = new ArrayList<>(db.messages(session.id()));
			long input = session.inputTokens();
			long output = session.outputTokens();
			java.time.Instant updated = session.updated();
			// A conversation Hermes compressed goes on in a child session: one conversation here.
			HermesStateDb.Session part = session;
			for (int depth = 0; depth < 100 && (part = db.continuation(part)) != null; depth++) {
				messages.addAll(db.messages(part.id()));
				input += part.inputTokens();
				output += part.outputTokens();
				updated = part.updated().isAfter(updated) ? part.updated() : updated;
			}
			for (HermesStateDb.Message message : messages) {
				if (message.time() != null && message.time().isAfter(updated)) {
					updated = message.time();
				}
			}
			List<TranscriptEntry> entries = HermesTranscript.entries(messages, input, output);
			String title = HermesTranscript.title(session.title(), entries);
			Optional<SessionInfo> written = sessions.importSession(id, agent.id(), title, session.started(), updated, entries);
			if (written.isPresent()) {
				report.imported++;
			} else {
				report.skipped++;
			}
		} catch (HermesException | IOException e) {
			report.failed++;
			report.problems.add(NLS.bind(Messages.Import_SessionFailed, session.id(), e.getMessage()));
		}
	}

	/** The agent made from the profile before, or a new one. */
	private AgentProfile agentFor(HermesProfile hermes, ImportReport.Profile report) throws AgentException {
		Optional<AgentProfile> existing = agents.findByOrigin(hermes.origin());
		if (existing.isPresent()) {
			return existing.get();
		}
		HermesEndpoint endpoint = hermes.endpoint();
		Map<String, String> settings = new LinkedHashMap<>();
		settings.put(BackendKeys.BASE_URL, endpoint.baseUrl());
		settings.put(BackendKeys.MODEL, endpoint.model());
		AgentProfile agent = agents.create(hermes.displayName(), BackendKeys.OPENAI, settings, hermes.origin());
		report.agentCreated = true;
		if (endpoint.apiKey() != null) {
			try {
				secrets.put(agent.id(), BackendKeys.API_KEY, endpoint.apiKey());
			} catch (SecretStoreException e) {
				report.problems.add(NLS.bind(Messages.Import_KeyNotStored, e.getMessage()));
			}
		}
		if (hermes.color() != null) {
			try {
				agents.setColor(agent.id(), hermes.color());
			} catch (AgentException e) {
				report.problems.add(e.getMessage());
			}
		}
		if (hermes.avatar() != null) {
			setAvatar(hermes, agent, report);
		}
		return agents.get(agent.id()).orElse(agent);
	}

	private void setAvatar(HermesProfile hermes, AgentProfile agent, ImportReport.Profile report) {
		Path temp = null;
		try {
			Path image;
			String avatar = hermes.avatar();
			if (avatar.startsWith("data:")) { //$NON-NLS-1$
				int comma = avatar.indexOf(',');
				if (comma < 0 || !avatar.substring(0, comma).endsWith(";base64")) { //$NON-NLS-1$
					throw new IOException(Messages.Import_AvatarNotData);
				}
				temp = Files.createTempFile("chorus-hermes-avatar", ".img"); //$NON-NLS-1$ //$NON-NLS-2$
				Files.write(temp, Base64.getMimeDecoder().decode(avatar.substring(comma + 1)));
				image = temp;
			} else {
				Path named = Path.of(avatar);
				image = named.isAbsolute() ? named : hermes.folder().resolve(named).normalize();
			}
			agents.setAvatar(agent.id(), image);
		} catch (AgentException | IOException | IllegalArgumentException e) {
			report.problems.add(NLS.bind(Messages.Import_AvatarFailed, e.getMessage()));
		} finally {
			if (temp != null) {
				try {
					Files.deleteIfExists(temp);
				} catch (IOException e) {
					// A temporary file of the system's temp folder.
				}
			}
		}
	}

	/**
	 * The Chorus session id of a Hermes session: the same every time, so that a second import
	 * finds it; characters a file name cannot hold are replaced, with a digest of the original
	 * then added so that two ids never meet.
	 */
	static String sessionId(String profileId, String hermesId) {
		String raw = profileId + '-' + hermesId;
		String safe = raw.replaceAll("[^A-Za-z0-9._-]", "_"); //$NON-NLS-1$ //$NON-NLS-2$
		if (!safe.equals(raw) || safe.length() > 100) {
			String digest;
			try {
				byte[] hash = java.security.MessageDigest.getInstance("SHA-256") //$NON-NLS-1$
						.digest(raw.getBytes(java.nio.charset.StandardCharsets.UTF_8));
				digest = HexFormat.of().formatHex(hash, 0, 6);
			} catch (java.security.NoSuchAlgorithmException e) {
				throw new IllegalStateException(e);
			}
			safe = safe.substring(0, Math.min(safe.length(), 100)) + '-' + digest;
		}
		return "hermes-" + safe; //$NON-NLS-1$
	}
}
