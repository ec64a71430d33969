package dev.chorus.core.runs;

import dev.chorus.core.backend.PermissionRequest;
import dev.chorus.core.transcript.TranscriptEntry;

/**
 * Something that happened in one run. Every event carries the id of the run it belongs to; a
 * run delivers only its own events to its listeners, in the order they happened.
 */
public sealed interface RunEvent {

	/** The id of the run this event belongs to. */
	String runId();

	/** A new entry: a user message, the start of an answer or reasoning, a tool call, usage, an error, a plan. */
	record EntryAdded(String runId, TranscriptEntry entry) implements RunEvent {
	}

	/** Text streamed onto the end of an ASSISTANT or REASONING entry. */
	record TextAppended(String runId, int entryIndex, String delta) implements RunEvent {
	}

	/** An entry changed other than by appended text: a tool call's status, a plan, an end state. */
	record EntryUpdated(String runId, TranscriptEntry entry) implements RunEvent {
	}

	/** The run's state changed. */
	record StateChanged(String runId, RunState oldState, RunState newState) implements RunEvent {
	}

	/** The session's title changed (the first message names it, or the user renamed it). */
	record TitleChanged(String runId, String title) implements RunEvent {
	}

	/**
	 * What the conversation offers beyond its turns changed: its options (modes, models...), its
	 * commands or its context usage (read them from the run).
	 */
	record SessionStateChanged(String runId) implements RunEvent {
	}

	/** Chorus wrote a file for the agent of this run. */
	record FileWritten(String runId, java.nio.file.Path file) implements RunEvent {
	}

	/** The transcript was emptied (Clear Chat). */
	record Cleared(String runId) implements RunEvent {
	}

	/**
	 * The agent asks for permission; the turn waits until {@link PendingPermission#answer} or
	 * {@link PendingPermission#cancel} is called.
	 */
	record PermissionRequested(String runId, PendingPermission pending) implements RunEvent {
	}

	/** A permission request was answered or dropped (so the UI removes its prompt). */
	record PermissionClosed(String runId, PendingPermission pending) implements RunEvent {
	}

	/**
	 * A question to the user that the turn waits on.
	 */
	interface PendingPermission {
		PermissionRequest request();

		/** Answers with one of the request's option ids. */
		void answer(String optionId);

		/** Refuses to answer: the agent is told the request was cancelled. */
		void cancel();
	}
}
