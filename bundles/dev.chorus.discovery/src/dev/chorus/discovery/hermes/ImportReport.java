package dev.chorus.discovery.hermes;

import java.util.ArrayList;
import java.util.List;

import org.eclipse.osgi.util.NLS;

import dev.chorus.discovery.Messages;

/** What an import did, profile by profile, and what it could not do. */
public final class ImportReport {

	/** One profile's part. */
	public static final class Profile {
		final String name;
		String agentName;
		boolean agentCreated;
		int imported;
		int skipped;
		int failed;
		final List<String> problems = new ArrayList<>();

		Profile(String name) {
			this.name = name;
		}

		public String name() {
			return name;
		}

		/** The Chorus agent the profile became (or already was), or {@code null} when none could be made. */
		public String agentName() {
			return agentName;
		}

		public boolean agentCreated() {
			return agentCreated;
		}

		/** Sessions written now. */
		public int imported() {
			return imported;
		}

		/** Sessions imported before, left as they are. */
		public int skipped() {
			return skipped;
		}

		/** Sessions that could not be read or written (each reported in {@link #problems()}). */
		public int failed() {
			return failed;
		}

		public List<String> problems() {
			return List.copyOf(problems);
		}
	}

	private final List<Profile> profiles = new ArrayList<>();
	private boolean cancelled;

	Profile add(String name) {
		Profile profile = new Profile(name);
		profiles.add(profile);
		return profile;
	}

	void cancelled() {
		cancelled = true;
	}

	public List<Profile> profiles() {
		return List.copyOf(profiles);
	}

	public boolean wasCancelled() {
		return cancelled;
	}

	/** Whether everything was imported: no problem, no failed session, not cancelled. */
	public boolean isComplete() {
		return !cancelled && profiles.stream().allMatch(profile -> profile.problems.isEmpty() && profile.failed == 0
				&& profile.agentName != null);
	}

	public int importedSessions() {
		return profiles.stream().mapToInt(Profile::imported).sum();
	}

	/** The report for people, one paragraph per profile. */
	public String describe() {
		StringBuilder text = new StringBuilder();
		for (Profile profile : profiles) {
			if (!text.isEmpty()) {
				text.append("\n\n"); //$NON-NLS-1$
			}
			if (profile.agentName == null) {
				text.append(NLS.bind(Messages.Report_NoAgent, profile.name));
			} else {
				text.append(NLS.bind(profile.agentCreated ? Messages.Report_AgentCreated : Messages.Report_AgentKept,
						profile.name, profile.agentName));
				text.append(' ').append(java.text.MessageFormat.format(Messages.Report_Sessions, profile.imported, profile.skipped));
				if (profile.failed > 0) {
					text.append(' ').append(java.text.MessageFormat.format(Messages.Report_SessionsFailed, profile.failed));
				}
			}
			for (String problem : profile.problems) {
				text.append("\n  \u2022 ").append(problem); //$NON-NLS-1$
			}
		}
		if (cancelled) {
			text.append("\n\n").append(Messages.Report_Cancelled); //$NON-NLS-1$
		}
		return text.toString();
	}
}
