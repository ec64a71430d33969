package dev.chorus.core.sessions;

import java.util.List;
import java.util.Map;

import dev.chorus.core.transcript.TranscriptEntry;

/**
 * What a stored session holds for the run that resumes it.
 *
 * @param entries the transcript
 * @param configChoices the values the user chose for the agent's options (mode, model...), by
 *        option id, in the order they were chosen
 */
public record SessionContent(List<TranscriptEntry> entries, Map<String, String> configChoices) {

	public SessionContent {
		entries = List.copyOf(entries);
		configChoices = Map.copyOf(configChoices);
	}
}
