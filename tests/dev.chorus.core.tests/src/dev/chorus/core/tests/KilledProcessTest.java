package dev.chorus.core.tests;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertNotNull;
import static org.junit.Assert.assertTrue;

import java.io.BufferedReader;
import java.io.File;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;

import org.eclipse.core.runtime.FileLocator;
import org.eclipse.core.runtime.Platform;
import org.junit.After;
import org.junit.Before;
import org.junit.Rule;
import org.junit.Test;
import org.junit.rules.TemporaryFolder;
import org.osgi.framework.Bundle;

import dev.chorus.core.sessions.SessionInfo;
import dev.chorus.core.sessions.SessionStore;
import dev.chorus.core.transcript.EntryKind;
import dev.chorus.core.transcript.EntryState;
import dev.chorus.core.transcript.TranscriptEntry;
import dev.chorus.tests.support.LoopbackOpenAiServer;

/**
 * The Chorus core killed with SIGKILL while several runs stream (a real child process, see
 * {@code worker/StreamingCore.java}): afterwards every session loads, and each holds every piece
 * of text the process had stored before it died, nothing garbled and nothing of another run.
 */
public class KilledProcessTest {

	private static final int RUNS = 4;
	/** Bundles the core needs outside OSGi. */
	private static final List<String> CLASSPATH_BUNDLES = List.of("dev.chorus.core", "dev.chorus.backend.openai",
			"com.google.gson", "org.eclipse.core.jobs", "org.eclipse.equinox.common", "org.eclipse.osgi",
			"org.eclipse.core.runtime", "org.eclipse.equinox.registry", "org.eclipse.equinox.preferences",
			"org.eclipse.equinox.security", "org.osgi.service.prefs");

	@Rule
	public TemporaryFolder temp = new TemporaryFolder();

	private LoopbackOpenAiServer server;
	private Process process;

	@Before
	public void setUp() throws Exception {
		server = new LoopbackOpenAiServer();
		// Each run streams its own word forever: "stream 2" gets "s2 s2 s2 ...".
		server.setReplies(request -> new LoopbackOpenAiServer.Endless("s" + request.lastUserMessage().substring(7) + ' ', 2));
	}

	@After
	public void tearDown() {
		if (process != null) {
			process.destroyForcibly();
		}
		server.close();
	}

	private static String classpath() {
		List<String> entries = new ArrayList<>();
		for (String name : CLASSPATH_BUNDLES) {
			Bundle bundle = Platform.getBundle(name);
			assertNotNull(name + " is in the test runtime", bundle);
			File location = FileLocator.getBundleFileLocation(bundle).orElseThrow();
			// A jar, or a project of the build whose classes are in its target folder.
			File classes = new File(location, "target/classes");
			entries.add(location.isDirectory() && classes.isDirectory() ? classes.getPath() : location.getPath());
		}
		return String.join(File.pathSeparator, entries);
	}

	@Test
	public void everySessionLoadsWithAllItStoredAfterAKillMidStream() throws Exception {
		Path data = temp.newFolder("data").toPath();
		Path worker = temp.newFile("StreamingCore.java").toPath();
		try (InputStream source = KilledProcessTest.class.getResourceAsStream("/worker/StreamingCore.java")) {
			assertNotNull("worker/StreamingCore.java is in the test bundle", source);
			Files.write(worker, source.readAllBytes());
		}
		String java = ProcessHandle.current().info().command().orElse("java");
		process = new ProcessBuilder(java, "-cp", classpath(), worker.toString(), data.toString(), server.baseUrl(),
				String.valueOf(RUNS)).redirectError(temp.newFile("worker.err")).start();

		// What the process reported stored, per session, read while it streams.
		Map<String, Integer> stored = new ConcurrentHashMap<>();
		Thread reader = new Thread(() -> {
			try (BufferedReader lines = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
				String line;
				while ((line = lines.readLine()) != null) {
					String[] parts = line.split(" ");
					if (parts.length == 3 && parts[0].equals("stored")) {
						stored.merge(parts[1], Integer.parseInt(parts[2]), Math::max);
					}
				}
			} catch (java.io.IOException e) {
				// The pipe breaks when the process is killed.
			}
		});
		reader.start();
		long deadline = System.currentTimeMillis() + 60_000;
		while (stored.size() < RUNS || stored.values().stream().anyMatch(length -> length < 300)) {
			assertTrue("the runs stream: " + stored + "\nclasspath: " + classpath() + "\n" + Files.readString(temp.getRoot().toPath().resolve("worker.err")),
					System.currentTimeMillis() < deadline && process.isAlive());
			Thread.sleep(20);
		}

		process.destroyForcibly(); // SIGKILL: no shutdown hook, no flush, no finally
		assertTrue(process.waitFor(10, TimeUnit.SECONDS));
		assertEquals("killed by SIGKILL", 128 + 9, process.exitValue());
		reader.join(5000);

		SessionStore store = new SessionStore(data.resolve("agents"));
		assertTrue("every file loads: " + store.getProblems(), store.getProblems().isEmpty());
		assertEquals(RUNS, store.list().size());
		for (SessionInfo session : store.list()) {
			List<TranscriptEntry> transcript = store.loadTranscript(session.id());
			assertEquals(EntryKind.USER, transcript.get(0).kind());
			String word = "s" + transcript.get(0).text().substring(7) + ' ';
			TranscriptEntry answer = transcript.get(1);
			assertEquals(EntryKind.ASSISTANT, answer.kind());
			assertEquals("an answer cut off by the crash loads as stopped", EntryState.STOPPED, answer.state());
			int reported = stored.get(session.id());
			assertTrue("holds all " + reported + " characters stored before the kill, has " + answer.text().length(),
					answer.text().length() >= reported);
			String whole = answer.text().substring(0, answer.text().length() - answer.text().length() % word.length());
			assertEquals("only its own stream, nothing garbled", word.repeat(whole.length() / word.length()), whole);
			assertTrue(word.startsWith(answer.text().substring(whole.length())));
		}
		assertFalse(process.isAlive());
	}
}
