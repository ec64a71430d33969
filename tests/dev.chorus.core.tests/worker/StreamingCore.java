import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

import dev.chorus.backend.openai.OpenAiBackend;
import dev.chorus.core.ChorusCore;
import dev.chorus.core.backend.BackendRegistry;
import dev.chorus.core.runs.Run;
import dev.chorus.core.runs.RunEvent;
import dev.chorus.core.secrets.ISecretStore;

/**
 * The Chorus core in a process of its own, for the crash test: {@code java StreamingCore.java
 * <data folder> <server URL> <runs>} starts that many runs streaming from the server and prints,
 * after every piece of text a run has stored, {@code stored <session> <characters so far>}. The
 * test kills it with SIGKILL in the middle and checks what the session files hold.
 */
public class StreamingCore {

	public static void main(String[] args) throws Exception {
		Path data = Path.of(args[0]);
		String url = args[1];
		int runs = Integer.parseInt(args[2]);
		BackendRegistry backends = new BackendRegistry(false);
		backends.register("openai", "OpenAI-compatible", "", new OpenAiBackend());
		ChorusCore core = new ChorusCore(data, new MemorySecrets(), backends);
		String agent = core.agents().create("Crash Test", "openai").id();
		core.agents().updateSettings(agent, "openai", Map.of(OpenAiBackend.BASE_URL, url, OpenAiBackend.MODEL, "m"));
		for (int i = 0; i < runs; i++) {
			Run run = core.runs().startNew(agent);
			int[] stored = { 0 };
			run.subscribe(event -> {
				if (event instanceof RunEvent.TextAppended appended && appended.entryIndex() == 1) {
					stored[0] += appended.delta().length();
					// Events come after the change is written to the session file.
					System.out.println("stored " + run.getSessionId() + ' ' + stored[0]);
					System.out.flush();
				}
			});
			run.send("stream " + i);
		}
		Thread.sleep(Long.MAX_VALUE);
	}

	static final class MemorySecrets implements ISecretStore {
		private final Map<String, String> values = new ConcurrentHashMap<>();

		@Override
		public Optional<String> get(String agentId, String key) {
			return Optional.ofNullable(values.get(agentId + '/' + key));
		}

		@Override
		public void put(String agentId, String key, String value) {
			values.put(agentId + '/' + key, value);
		}

		@Override
		public void remove(String agentId, String key) {
			values.remove(agentId + '/' + key);
		}

		@Override
		public void removeAll(String agentId) {
			values.keySet().removeIf(key -> key.startsWith(agentId + '/'));
		}
	}
}
