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
import dev.chorus.core.backend.ISessionSink;

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
		AgentProfile agent = agent(run.registry(), run.getAgentId());
		ConversationContext context = context(run.registry(), agent, run.getWorkingDirectory(), run.backendSessionId(),
				run.sessionState());
		open = backend(run.registry(), agent).backend().open(context, progress.split(1));
		run.setConversation(open);
		applyChoices(run, open, progress.split(1));
		return open;
	}

	/**
	 * What a backend gets to talk to the agent: its settings, its secrets, and the folder it works
	 * in — the run's own (a project's) where given, whatever the agent's own folder is.
	 */
	static ConversationContext context(RunRegistry registry, AgentProfile agent, String runFolder, String backendSessionId,
			ISessionSink session) {
		Map<String, String> settings = agent.settings();
		if (runFolder != null && !runFolder.isBlank()) {
			settings = new HashMap<>(settings);
			settings.put(WORKING_DIRECTORY, runFolder);
		}
		return new ConversationContext(agent.id(), settings, key -> registry.secrets().get(agent.id(), key), backendSessionId,
				folder(settings.get(WORKING_DIRECTORY)), session, registry.mcp());
	}

	/** The folder the run's agent works in: the run's own (a project's), else the agent's setting, else the home folder. */
	static Path folder(Run run) {
		String runFolder = run.getWorkingDirectory();
		if (runFolder != null && !runFolder.isBlank()) {
			return Path.of(runFolder);
		}
		return folder(run.registry().agents().get(run.getAgentId()).map(agent -> agent.settings().get(WORKING_DIRECTORY)).orElse(null));
	}

	private static Path folder(String setting) {
		return setting == null || setting.isBlank() ? Path.of(System.getProperty("user.home")) : Path.of(setting); //$NON-NLS-1$
	}

	/** Whether the run's backend opens its conversation when the chat is shown. */
	static boolean connectsWhenShown(Run run) {
		try {
			return backend(run.registry(), agent(run.registry(), run.getAgentId())).backend().connectsWhenShown();
		} catch (BackendException e) {
			return false;
		}
	}

	static AgentProfile agent(RunRegistry registry, String agentId) throws BackendException {
		return registry.agents().get(agentId).orElseThrow(
				() -> new BackendException(NLS.bind(CoreMessages.Run_AgentGone, agentId), null));
	}

	static BackendDescriptor backend(RunRegistry registry, AgentProfile agent) throws BackendException {
		return registry.backends().get(agent.backendId()).orElseThrow(
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
