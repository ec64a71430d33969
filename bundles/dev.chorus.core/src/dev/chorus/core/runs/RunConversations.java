package dev.chorus.core.runs;

import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;

import org.eclipse.core.runtime.IProgressMonitor;
import org.eclipse.core.runtime.SubMonitor;
import org.eclipse.osgi.util.NLS;

import dev.chorus.core.CoreMessages;
import dev.chorus.core.agents.AgentProfile;
import dev.chorus.core.backend.BackendDescriptor;
import dev.chorus.core.backend.BackendException;
import dev.chorus.core.backend.ConfigOption;
import dev.chorus.core.backend.ConversationContext;
import dev.chorus.core.backend.IConversation;

/**
 * Opens a run's backend conversation, for its first turn or as soon as its chat is shown, and
 * applies again the options the user chose in an earlier life of the session.
 */
final class RunConversations {

	/** The setting by which agents name the folder they work in (the ACP {@code cwd}). */
	private static final String WORKING_DIRECTORY = "workingDirectory"; //$NON-NLS-1$

	private RunConversations() {
	}

	/** The run's conversation, opened now if it is not open yet. Called by the run's jobs only. */
	static IConversation open(Run run, IProgressMonitor monitor) throws BackendException {
		IConversation open = run.conversation();
		if (open != null) {
			return open;
		}
		SubMonitor progress = SubMonitor.convert(monitor, 2);
		RunRegistry registry = run.registry();
		AgentProfile agent = agent(run);
		BackendDescriptor backend = backend(run, agent);
		// A run started for a folder (a project's) works there, whatever the agent's own folder is.
		Map<String, String> settings = agent.settings();
		String runFolder = run.getWorkingDirectory();
		if (runFolder != null && !runFolder.isBlank()) {
			settings = new HashMap<>(settings);
			settings.put(WORKING_DIRECTORY, runFolder);
		}
		Path workingDirectory = folder(run);
		ConversationContext context = new ConversationContext(agent.id(), settings,
				key -> registry.secrets().get(agent.id(), key), run.backendSessionId(), workingDirectory, run.sessionState());
		open = backend.backend().open(context, progress.split(1));
		run.setConversation(open);
		applyChoices(run, open, progress.split(1));
		return open;
	}

	/** The folder the run's agent works in: the run's own (a project's), else the agent's setting, else the home folder. */
	static Path folder(Run run) {
		String runFolder = run.getWorkingDirectory();
		if (runFolder != null && !runFolder.isBlank()) {
			return Path.of(runFolder);
		}
		String folder = run.registry().agents().get(run.getAgentId()).map(agent -> agent.settings().get(WORKING_DIRECTORY)).orElse(null);
		return folder == null || folder.isBlank() ? Path.of(System.getProperty("user.home")) : Path.of(folder); //$NON-NLS-1$
	}

	/** Whether the run's backend opens its conversation when the chat is shown. */
	static boolean connectsWhenShown(Run run) {
		try {
			return backend(run, agent(run)).backend().connectsWhenShown();
		} catch (BackendException e) {
			return false;
		}
	}

	private static AgentProfile agent(Run run) throws BackendException {
		return run.registry().agents().get(run.getAgentId()).orElseThrow(
				() -> new BackendException(NLS.bind(CoreMessages.Run_AgentGone, run.getAgentId()), null));
	}

	private static BackendDescriptor backend(Run run, AgentProfile agent) throws BackendException {
		return run.registry().backends().get(agent.backendId()).orElseThrow(
				() -> new BackendException(NLS.bind(CoreMessages.Run_BackendMissing, agent.backendId()),
						CoreMessages.Run_BackendMissingHint));
	}

	/**
	 * The values the user chose before (stored in the session) that the agent now reports
	 * otherwise, set again; a value the agent no longer offers is left as the agent has it.
	 */
	private static void applyChoices(Run run, IConversation conversation, IProgressMonitor monitor) {
		for (Map.Entry<String, String> choice : run.sessionState().choices().entrySet()) {
			if (monitor.isCanceled()) {
				return;
			}
			for (ConfigOption option : run.sessionState().options()) {
				if (option.id().equals(choice.getKey()) && !choice.getValue().equals(option.currentValue())
						&& option.accepts(choice.getValue())) {
					try {
						conversation.setConfigOption(option.id(), choice.getValue(), monitor);
					} catch (BackendException e) {
						run.addProblem(e.toProblem());
					}
				}
			}
		}
	}
}
