package dev.chorus.core.runs;

import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import dev.chorus.core.backend.ConfigOption;
import dev.chorus.core.backend.ContextUsage;
import dev.chorus.core.backend.ISessionSink;
import dev.chorus.core.backend.SlashCommand;

/**
 * What a run's conversation reports beyond its turns: the options its agent offers (modes,
 * models...), its commands, its context usage and the title the agent gave. Each change is told
 * to the run's listeners as a {@link RunEvent.SessionStateChanged}.
 */
final class RunSessionState implements ISessionSink {

	private final Run run;
	private volatile List<ConfigOption> options = List.of();
	private volatile List<SlashCommand> commands = List.of();
	private volatile ContextUsage usage;
	/** The values the user chose, by option id: stored in the session and applied again on resume. */
	private final Map<String, String> choices = new ConcurrentHashMap<>();

	RunSessionState(Run run, Map<String, String> storedChoices) {
		this.run = run;
		choices.putAll(storedChoices);
	}

	List<ConfigOption> options() {
		return options;
	}

	List<SlashCommand> commands() {
		return commands;
	}

	ContextUsage usage() {
		return usage;
	}

	Map<String, String> choices() {
		return Map.copyOf(choices);
	}

	void chosen(String id, String value) {
		choices.put(id, value);
	}

	/** The conversation is gone (closed, cleared): nothing it offered stands any more. */
	void reset(boolean forgetChoices) {
		options = List.of();
		commands = List.of();
		usage = null;
		if (forgetChoices) {
			choices.clear();
		}
		changed();
	}

	@Override
	public void configOptions(List<ConfigOption> offered) {
		options = List.copyOf(offered);
		changed();
	}

	@Override
	public void commands(List<SlashCommand> offered) {
		commands = List.copyOf(offered);
		changed();
	}

	@Override
	public void contextUsage(ContextUsage reported) {
		usage = reported;
		changed();
	}

	@Override
	public java.util.Optional<String> ask(dev.chorus.core.backend.PermissionRequest request,
			org.eclipse.core.runtime.IProgressMonitor monitor) {
		return run.ask(request, monitor);
	}

	@Override
	public boolean wantsHistory() {
		return run.getSessionId() != null && run.size() == 0;
	}

	@Override
	public void replayed(boolean user, String messageId, String text) {
		run.replayed(user, messageId, text);
	}

	@Override
	public void title(String title) {
		if (title != null && !title.isBlank()) {
			run.titleFromAgent(title.strip());
		}
	}

	private void changed() {
		run.emit(new RunEvent.SessionStateChanged(run.getRunId()));
	}
}
