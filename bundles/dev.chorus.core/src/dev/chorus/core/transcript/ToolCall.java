package dev.chorus.core.transcript;

/**
 * A tool call as the agent reported it. Chorus shows tool calls; it does not execute the
 * tools of an OpenAI-compatible backend itself.
 *
 * @param id the call's id, unique within its session
 * @param title a human title, or the tool's name
 * @param toolKind the kind the agent gave (ACP: read, edit, execute, ...), or {@code null}
 * @param status {@code pending}, {@code in_progress}, {@code completed} or {@code failed}
 * @param input the arguments, as the agent sent them (usually JSON), or {@code null}
 * @param output what the tool returned, as text, or {@code null}
 */
public record ToolCall(String id, String title, String toolKind, String status, String input, String output) {

	public static final String STATUS_PENDING = "pending"; //$NON-NLS-1$
	public static final String STATUS_IN_PROGRESS = "in_progress"; //$NON-NLS-1$
	public static final String STATUS_COMPLETED = "completed"; //$NON-NLS-1$
	public static final String STATUS_FAILED = "failed"; //$NON-NLS-1$

	/** Merges an update into this call: fields that the update leaves {@code null} keep their value. */
	public ToolCall merge(ToolCall update) {
		return new ToolCall(id, pick(update.title, title), pick(update.toolKind, toolKind), pick(update.status, status),
				pick(update.input, input), pick(update.output, output));
	}

	private static String pick(String newer, String older) {
		return newer != null ? newer : older;
	}
}
