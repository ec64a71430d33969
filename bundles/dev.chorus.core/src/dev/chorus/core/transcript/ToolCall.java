package dev.chorus.core.transcript;

import java.util.List;

/**
 * A tool call as the agent reported it, or as Chorus runs it for an agent whose tools it serves.
 *
 * @param id the call's id, unique within its session
 * @param title a human title, or the tool's name
 * @param toolKind the kind the agent gave (ACP: read, edit, execute, ...), or {@code null}
 * @param status {@code pending}, {@code in_progress}, {@code completed} or {@code failed}
 * @param input the arguments, as the agent sent them (usually JSON), or {@code null}
 * @param output what the tool returned, as text, or {@code null}
 * @param diffs the file changes it made or proposes, or {@code null} when not reported
 * @param locations the places in files it is about, or {@code null} when not reported
 * @param terminal the terminal it runs a command in, or {@code null}
 * @param durationMillis how long it ran, once it ended, when Chorus ran it; else {@code null}
 */
public record ToolCall(String id, String title, String toolKind, String status, String input, String output,
		List<FileDiff> diffs, List<ToolLocation> locations, TerminalOutput terminal, Long durationMillis) {

	public static final String STATUS_PENDING = "pending"; //$NON-NLS-1$
	public static final String STATUS_IN_PROGRESS = "in_progress"; //$NON-NLS-1$
	public static final String STATUS_COMPLETED = "completed"; //$NON-NLS-1$
	public static final String STATUS_FAILED = "failed"; //$NON-NLS-1$

	public ToolCall {
		diffs = diffs == null ? null : List.copyOf(diffs);
		locations = locations == null ? null : List.copyOf(locations);
	}

	/** A call whose duration is not known. */
	public ToolCall(String id, String title, String toolKind, String status, String input, String output,
			List<FileDiff> diffs, List<ToolLocation> locations, TerminalOutput terminal) {
		this(id, title, toolKind, status, input, output, diffs, locations, terminal, null);
	}

	/** A call with text fields only. */
	public ToolCall(String id, String title, String toolKind, String status, String input, String output) {
		this(id, title, toolKind, status, input, output, null, null, null);
	}

	/** Merges an update into this call: fields that the update leaves {@code null} keep their value. */
	public ToolCall merge(ToolCall update) {
		return new ToolCall(id, pick(update.title, title), pick(update.toolKind, toolKind), pick(update.status, status),
				pick(update.input, input), pick(update.output, output), pick(update.diffs, diffs),
				pick(update.locations, locations), mergeTerminal(update.terminal), pick(update.durationMillis, durationMillis));
	}

	private TerminalOutput mergeTerminal(TerminalOutput newer) {
		// A tool call update that only names its terminal again keeps the output shown so far.
		if (newer == null || terminal != null && newer.command() == null && newer.terminalId().equals(terminal.terminalId())) {
			return terminal;
		}
		return newer;
	}

	/** The same call with the terminal's new state. */
	public ToolCall withTerminal(TerminalOutput newTerminal) {
		return new ToolCall(id, title, toolKind, status, input, output, diffs, locations, newTerminal, durationMillis);
	}

	/** The same call, ended: its status, output and how long it ran. */
	public ToolCall ended(String newStatus, String newOutput, long millis) {
		return new ToolCall(id, title, toolKind, newStatus, input, newOutput, diffs, locations, terminal, millis);
	}

	/** The diffs, or an empty list. */
	public List<FileDiff> diffList() {
		return diffs == null ? List.of() : diffs;
	}

	/** The locations, or an empty list. */
	public List<ToolLocation> locationList() {
		return locations == null ? List.of() : locations;
	}

	private static <T> T pick(T newer, T older) {
		return newer != null ? newer : older;
	}
}
