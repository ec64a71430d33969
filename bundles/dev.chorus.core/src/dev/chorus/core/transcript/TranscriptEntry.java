package dev.chorus.core.transcript;

import java.time.Instant;
import java.util.List;

/**
 * One immutable snapshot of an entry of a conversation. The fields that do not belong to the
 * entry's kind are {@code null} (or empty).
 *
 * @param index the entry's position in its transcript, from 0
 * @param kind what the entry holds
 * @param time when the entry was started
 * @param text the text of a USER, ASSISTANT or REASONING entry, else {@code ""}
 * @param state whether the entry is still streaming and how it ended
 * @param toolCall the call of a TOOL_CALL entry
 * @param plan the steps of a PLAN entry
 * @param usage the figures of a USAGE entry
 * @param problem the error of an ERROR entry
 * @param attachments the files, selections and images of a USER message
 */
public record TranscriptEntry(int index, EntryKind kind, Instant time, String text, EntryState state, ToolCall toolCall,
		List<PlanStep> plan, Usage usage, Problem problem, List<Attachment> attachments) {

	public TranscriptEntry {
		text = text == null ? "" : text; //$NON-NLS-1$
		plan = plan == null ? List.of() : List.copyOf(plan);
		attachments = attachments == null ? List.of() : List.copyOf(attachments);
	}

	/** An entry without attachments. */
	public TranscriptEntry(int index, EntryKind kind, Instant time, String text, EntryState state, ToolCall toolCall,
			List<PlanStep> plan, Usage usage, Problem problem) {
		this(index, kind, time, text, state, toolCall, plan, usage, problem, null);
	}

	/** The same entry at another index. */
	public TranscriptEntry at(int newIndex) {
		return new TranscriptEntry(newIndex, kind, time, text, state, toolCall, plan, usage, problem, attachments);
	}

	public static TranscriptEntry text(int index, EntryKind kind, Instant time, String text, EntryState state) {
		return new TranscriptEntry(index, kind, time, text, state, null, null, null, null);
	}

	public TranscriptEntry withText(String newText) {
		return new TranscriptEntry(index, kind, time, newText, state, toolCall, plan, usage, problem, attachments);
	}

	public TranscriptEntry withState(EntryState newState) {
		return new TranscriptEntry(index, kind, time, text, newState, toolCall, plan, usage, problem, attachments);
	}
}
