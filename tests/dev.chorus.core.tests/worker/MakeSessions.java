import java.nio.file.Path;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;

import dev.chorus.core.ChorusCore;
import dev.chorus.core.backend.BackendRegistry;
import dev.chorus.core.secrets.ISecretStore;
import dev.chorus.core.sessions.SessionInfo;
import dev.chorus.core.sessions.SessionWriter;
import dev.chorus.core.transcript.EntryKind;
import dev.chorus.core.transcript.EntryState;
import dev.chorus.core.transcript.TranscriptEntry;

/**
 * Fills a Chorus data folder for the start-up benchmark: {@code java MakeSessions.java <data folder>
 * <agents> <sessions per agent> <messages per session>}, through the core's own store, as use would.
 */
public class MakeSessions {

	public static void main(String[] args) throws Exception {
		int agents = Integer.parseInt(args[1]);
		int sessions = Integer.parseInt(args[2]);
		int messages = Integer.parseInt(args[3]);
		ISecretStore noSecrets = new ISecretStore() {
			@Override
			public Optional<String> get(String agentId, String key) {
				return Optional.empty();
			}

			@Override
			public void put(String agentId, String key, String value) {
			}

			@Override
			public void remove(String agentId, String key) {
			}

			@Override
			public void removeAll(String agentId) {
			}
		};
		ChorusCore core = new ChorusCore(Path.of(args[0]), noSecrets, new BackendRegistry(false));
		for (int a = 0; a < agents; a++) {
			String agent = core.agents().create("Agent " + a, "dev.chorus.backend.openai").id();
			core.agents().updateSettings(agent, "dev.chorus.backend.openai", Map.of("baseUrl", "http://localhost:11434/v1"));
			for (int s = 0; s < sessions; s++) {
				SessionInfo session = core.sessions().create(agent);
				try (SessionWriter writer = core.sessions().openWriter(session.id())) {
					writer.title("Conversation " + s + " with agent " + a);
					for (int m = 0; m < messages; m++) {
						boolean user = m % 2 == 0;
						writer.add(TranscriptEntry.text(m, user ? EntryKind.USER : EntryKind.ASSISTANT, Instant.now(),
								user ? "A question, number " + m : "An answer with **Markdown**, number " + m, EntryState.COMPLETE));
					}
				}
			}
		}
		core.shutdown();
	}
}
