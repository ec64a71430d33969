package dev.chorus.core.transcript;

/** What a transcript entry holds. */
public enum EntryKind {
	/** A message the user sent. */
	USER,
	/** Text the agent answered. */
	ASSISTANT,
	/** The agent's reasoning ("thinking"), shown collapsed. */
	REASONING,
	/** A tool call the agent made, with its status and output. */
	TOOL_CALL,
	/** The agent's plan: a list of steps with their status. */
	PLAN,
	/** Token usage reported at the end of a turn. */
	USAGE,
	/** An error, with what the user can do about it. */
	ERROR
}
