package dev.chorus.core.tests;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertNotSame;
import static org.junit.Assert.assertSame;
import static org.junit.Assert.assertTrue;
import static org.junit.Assert.fail;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import org.eclipse.core.runtime.NullProgressMonitor;
import org.junit.After;
import org.junit.Before;
import org.junit.Rule;
import org.junit.Test;
import org.junit.rules.TemporaryFolder;

import com.google.gson.JsonObject;

import dev.chorus.core.mcp.McpClient;
import dev.chorus.core.mcp.McpException;
import dev.chorus.core.mcp.McpServerConfig;
import dev.chorus.core.mcp.McpServerRegistry;
import dev.chorus.core.mcp.McpServerStore;
import dev.chorus.core.mcp.McpTool;
import dev.chorus.core.mcp.McpToolResult;
import dev.chorus.tests.support.InMemorySecretStore;
import dev.chorus.tests.support.TestMcpServers;

/**
 * The MCP client and the servers' registry against real MCP servers started as child processes:
 * the published filesystem server and the test server on the official SDK, over stdio and over
 * streamable HTTP, with the faults servers show.
 */
public class McpServersTest {

	@Rule
	public TemporaryFolder temp = new TemporaryFolder();

	private Path folder;
	private Path log;
	private InMemorySecretStore secrets;
	private McpServerStore store;
	private McpServerRegistry registry;

	@Before
	public void setUp() throws Exception {
		folder = temp.newFolder("work").toPath();
		log = temp.getRoot().toPath().resolve("mcp.jsonl");
		secrets = new InMemorySecretStore();
		store = new McpServerStore(temp.getRoot().toPath().resolve("mcp-servers.json"), secrets);
		registry = new McpServerRegistry(store, folder);
	}

	@After
	public void tearDown() {
		registry.shutdown();
		assertEquals("no MCP server is left running", List.of(), testServerProcesses());
	}

	private static List<String> testServerProcesses() {
		long deadline = System.currentTimeMillis() + 5000;
		List<String> left;
		do {
			left = ProcessHandle.current().descendants().filter(ProcessHandle::isAlive)
					.map(process -> process.info().commandLine().orElse("?"))
					.filter(line -> line.contains("server.mjs") || line.contains("server-filesystem")).toList();
			if (left.isEmpty()) {
				return left;
			}
			sleep(100);
		} while (System.currentTimeMillis() < deadline);
		return left;
	}

	private static void sleep(long millis) {
		try {
			Thread.sleep(millis);
		} catch (InterruptedException e) {
			Thread.currentThread().interrupt();
		}
	}

	private static McpServerConfig stdio(String id, List<String> command, Map<String, String> env, int timeout) {
		return new McpServerConfig(id, id, command, env, null, Map.of(), timeout);
	}

	private McpServerConfig testServer(String id, String... flags) {
		List<String> command = new java.util.ArrayList<>(TestMcpServers.commandLine(flags));
		command.add("--log");
		command.add(log.toString());
		return stdio(id, command, Map.of(), 20);
	}

	private static JsonObject args(String json) {
		return com.google.gson.JsonParser.parseString(json).getAsJsonObject();
	}

	@Test
	public void thePublishedFilesystemServerListsItsToolsAndReadsInsideItsFolderOnly() throws Exception {
		Files.writeString(folder.resolve("a.txt"), "alpha\n");
		Path outside = temp.newFile("outside.txt").toPath();
		McpClient client = McpClient.connect(stdio("fs", TestMcpServers.filesystemCommandLine(folder), Map.of(), 30), folder,
				new NullProgressMonitor());
		try {
			List<String> names = client.tools(new NullProgressMonitor()).stream().map(McpTool::name).toList();
			assertTrue(names.toString(), names.containsAll(List.of("read_text_file", "list_directory", "write_file")));
			assertTrue(client.serverInfo(), client.serverInfo().startsWith("secure-filesystem-server"));
			McpTool read = client.tools(null).stream().filter(tool -> tool.name().equals("read_text_file")).findFirst().orElseThrow();
			assertTrue("the server says reading changes nothing", read.readOnly());
			assertTrue(read.inputSchema().toString(), read.inputSchema().toString().contains("path"));

			McpToolResult result = client.call("read_text_file", args("{\"path\":" + quote(folder.resolve("a.txt")) + "}"), null);
			assertFalse(result.error());
			assertEquals("alpha\n", result.text());
			McpToolResult refused = client.call("read_text_file", args("{\"path\":" + quote(outside) + "}"), null);
			assertTrue(refused.text(), refused.error());
			assertTrue(refused.text(), refused.text().contains("Access denied"));
		} finally {
			client.close();
		}
	}

	private static String quote(Path path) {
		return new com.google.gson.Gson().toJson(path.toString());
	}

	@Test
	public void theEnvironmentReachesTheServerAndItsToolsAreListedAgainWhenTheyChange() throws Exception {
		McpServerConfig config = stdio("t", TestMcpServers.commandLine(), Map.of(TestMcpServers.ECHO_PREFIX_VARIABLE, "env-echo:"), 20);
		McpClient client = McpClient.connect(config, folder, new NullProgressMonitor());
		try {
			assertEquals("env-echo: hi", client.call("echo", args("{\"text\":\"hi\"}"), null).text());
			assertFalse(client.tools(null).stream().anyMatch(tool -> tool.name().equals("late")));
			CountDownLatch changed = new CountDownLatch(1);
			client.addToolListener(changed::countDown);

			assertEquals("grown", client.call("grow", new JsonObject(), null).text());

			assertTrue("notifications/tools/list_changed arrived", changed.await(10, TimeUnit.SECONDS));
			assertTrue(client.tools(null).stream().anyMatch(tool -> tool.name().equals("late")));
			assertEquals("late tool ran", client.call("late", new JsonObject(), null).text());
			McpToolResult failed = client.call("fail", new JsonObject(), null);
			assertTrue(failed.error());
			assertEquals("the tool failed on purpose", failed.text());
		} finally {
			client.close();
		}
	}

	@Test
	public void aCallThatNeverReturnsIsGivenUpAtTheTimeoutAndTheServerIsToldToStop() throws Exception {
		McpServerConfig config = testServer("slow");
		config = new McpServerConfig(config.id(), config.name(), config.command(), Map.of(), null, Map.of(), 1);
		McpClient client = McpClient.connect(config, folder, new NullProgressMonitor());
		try {
			long start = System.nanoTime();
			try {
				client.call("slow", args("{\"millis\":0}"), new NullProgressMonitor());
				fail("a call that never returns must end");
			} catch (McpException e) {
				assertFalse(e.isCancelled());
				assertTrue(e.getMessage(), e.getMessage().contains("did not answer within 1 s"));
			}
			assertTrue(TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start) < 5000);
			waitForLog("notifications/cancelled");
			assertEquals("the connection still works", "echo: after", client.call("echo", args("{\"text\":\"after\"}"), null).text());
		} finally {
			client.close();
		}
	}

	@Test
	public void stoppingTheRunCancelsTheCallInFlight() throws Exception {
		McpClient client = McpClient.connect(testServer("slow"), folder, new NullProgressMonitor());
		try {
			NullProgressMonitor monitor = new NullProgressMonitor();
			new Thread(() -> {
				sleep(300);
				monitor.setCanceled(true);
			}).start();
			long start = System.nanoTime();
			try {
				client.call("slow", args("{\"millis\":0}"), monitor);
				fail("cancelled");
			} catch (McpException e) {
				assertTrue(e.isCancelled());
			}
			assertTrue(TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start) < 2000);
			waitForLog("\"cancelled\":\"slow\"");
		} finally {
			client.close();
		}
	}

	private void waitForLog(String text) throws Exception {
		long deadline = System.currentTimeMillis() + 10_000;
		while (System.currentTimeMillis() < deadline) {
			if (Files.exists(log) && Files.readString(log).contains(text)) {
				return;
			}
			sleep(50);
		}
		fail("the server's log never showed " + text + ": " + (Files.exists(log) ? Files.readString(log) : "(none)"));
	}

	@Test
	public void aServerThatDiesMidCallIsNamedWithItsExitAndStartsAgainOnTheNextCall() throws Exception {
		store.save(testServer("crashy"));
		try (McpServerRegistry.Lease lease = registry.lease()) {
			McpClient first = lease.client("crashy", null);
			try {
				first.call("crash", new JsonObject(), null);
				fail("the server died");
			} catch (McpException e) {
				assertTrue(e.getMessage(), e.getMessage().contains("crashy"));
				assertTrue(e.getMessage(), e.getMessage().contains("exited with code 3"));
			}
			McpClient second = lease.client("crashy", null);
			assertNotSame(first, second);
			assertEquals("echo: again", second.call("echo", args("{\"text\":\"again\"}"), null).text());
		}
	}

	@Test
	public void garbageOnTheServersOutputEndsTheConnectionWithAClearMessage() throws Exception {
		McpClient client = McpClient.connect(testServer("garbage"), folder, new NullProgressMonitor());
		try {
			client.call("garbage", new JsonObject(), null);
			fail("the server broke the protocol");
		} catch (McpException e) {
			assertTrue(e.getMessage(), e.getMessage().contains("not JSON-RPC: this is not json"));
		} finally {
			client.close();
		}
		assertFalse(client.isAlive());
	}

	@Test
	public void aServerThatCannotStartSaysWhy() throws Exception {
		try {
			McpClient.connect(testServer("broken", "--fail-start"), folder, new NullProgressMonitor());
			fail("it cannot start");
		} catch (McpException e) {
			assertTrue(e.getMessage(), e.getMessage().startsWith("The MCP server broken could not start"));
			assertTrue(e.getMessage(), e.getMessage().contains("exited with code 1"));
			assertTrue(e.getMessage(), e.getMessage().contains("cannot start: on purpose"));
		}
		try {
			McpClient.connect(testServer("noise", "--garbage-start"), folder, new NullProgressMonitor());
			fail("it is no MCP server");
		} catch (McpException e) {
			assertTrue(e.getMessage(), e.getMessage().contains("not JSON-RPC"));
		}
		try {
			McpClient.connect(stdio("missing", List.of(temp.getRoot() + "/no-such-program"), Map.of(), 5), folder, new NullProgressMonitor());
			fail("there is no program");
		} catch (McpException e) {
			assertTrue(e.getMessage(), e.getMessage().contains("could not start"));
			assertTrue(e.getMessage(), e.getMessage().contains("no-such-program"));
		}
	}

	@Test
	public void overStreamableHttpWithItsHeadersTheServerWorksAndTellsOfNewTools() throws Exception {
		try (TestMcpServers.Http http = TestMcpServers.startHttp(log, "--require-header", "Authorization: Bearer sesame")) {
			String url = http.url().toString();
			try {
				McpClient.connect(new McpServerConfig("h", "web", List.of(), Map.of(), url, Map.of(), 10), folder, new NullProgressMonitor());
				fail("the server wants its header");
			} catch (McpException e) {
				assertTrue(e.getMessage(), e.getMessage().contains("401"));
				assertTrue(e.getMessage(), e.getMessage().contains("headers"));
			}
			McpServerConfig config = new McpServerConfig("h", "web", List.of(), Map.of(), url, Map.of("Authorization", "Bearer sesame"), 10);
			McpClient client = McpClient.connect(config, folder, new NullProgressMonitor());
			try {
				assertEquals("echo: over http", client.call("echo", args("{\"text\":\"over http\"}"), null).text());
				CountDownLatch changed = new CountDownLatch(1);
				client.addToolListener(changed::countDown);
				client.call("grow", new JsonObject(), null);
				assertTrue("list_changed came on the server's own stream", changed.await(10, TimeUnit.SECONDS));
				assertTrue(client.tools(null).stream().anyMatch(tool -> tool.name().equals("late")));

				NullProgressMonitor monitor = new NullProgressMonitor();
				new Thread(() -> {
					sleep(300);
					monitor.setCanceled(true);
				}).start();
				try {
					client.call("slow", args("{\"millis\":0}"), monitor);
					fail("cancelled");
				} catch (McpException e) {
					assertTrue(e.isCancelled());
				}
				waitForLog("\"cancelled\":\"slow\"");
				assertEquals("5", client.call("add", args("{\"a\":2,\"b\":3}"), null).text());
			} finally {
				client.close();
			}
		}
	}

	@Test
	public void aServerStartsOnFirstNeedIsSharedAndStopsWhenNoConversationUsesIt() throws Exception {
		store.save(testServer("shared"));
		McpServerRegistry.Lease one = registry.lease();
		McpServerRegistry.Lease two = registry.lease();
		assertEquals("nothing starts before it is needed", List.of(), registry.running());

		McpClient client = one.client("shared", null);
		assertEquals(List.of("shared"), registry.running());
		assertSame("one process for both", client, two.client("shared", null));
		one.close();
		assertEquals(List.of("shared"), registry.running());
		two.close();

		assertEquals(List.of(), registry.running());
		assertFalse(client.isAlive());
		assertEquals(List.of(), testServerProcesses());
	}

	@Test
	public void changedSettingsTakeEffectOnTheNextCallAndQuittingStopsEveryServer() throws Exception {
		store.save(stdio("s", TestMcpServers.commandLine(), Map.of(), 20));
		try (McpServerRegistry.Lease lease = registry.lease()) {
			assertEquals("echo: x", lease.client("s", null).call("echo", args("{\"text\":\"x\"}"), null).text());

			store.save(stdio("s", TestMcpServers.commandLine(), Map.of(TestMcpServers.ECHO_PREFIX_VARIABLE, "new:"), 20));

			assertEquals(List.of(), registry.running());
			assertEquals("new: x", lease.client("s", null).call("echo", args("{\"text\":\"x\"}"), null).text());
			registry.shutdown();
			assertEquals(List.of(), registry.running());
			assertEquals(List.of(), testServerProcesses());
			try {
				lease.client("s", null);
				fail("nothing starts after quitting");
			} catch (McpException expected) {
				// As it should.
			}
		}
	}

	@Test
	public void theListKeepsSecretsInSecureStorageAndADamagedFileLosesNothing() throws Exception {
		McpServerConfig web = new McpServerConfig(store.newId("Web Search"), "Web Search", List.of(), Map.of(), "https://example.org/mcp",
				Map.of("Authorization", "Bearer top-secret"), 30);
		store.save(web);
		store.save(stdio(store.newId("files"), List.of("node", "fs.js", "/tmp"), Map.of("TOKEN", "hidden-too"), 60));
		Path file = temp.getRoot().toPath().resolve("mcp-servers.json");
		String text = Files.readString(file);
		assertFalse(text, text.contains("top-secret"));
		assertFalse(text, text.contains("hidden-too"));

		McpServerStore again = new McpServerStore(file, secrets);
		assertEquals(store.list(), again.list());
		assertEquals("web-search", again.list().get(0).id());
		try {
			again.save(new McpServerConfig("other", "web search", List.of("x"), Map.of(), null, Map.of(), 0));
			fail("two servers of one name");
		} catch (java.io.IOException e) {
			assertTrue(e.getMessage(), e.getMessage().contains("already an MCP server named"));
		}

		Files.writeString(file, "{ this is not json");
		McpServerStore damaged = new McpServerStore(file, secrets);
		assertEquals(List.of(), damaged.list());
		assertTrue(damaged.problem(), damaged.problem().contains("damaged"));
		damaged.save(stdio("fresh", List.of("x"), Map.of(), 0));
		assertEquals("{ this is not json", Files.readString(file.resolveSibling("mcp-servers.json.damaged")));
		assertEquals(1, new McpServerStore(file, secrets).list().size());
	}
}
