package dev.chorus.backend.acp;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertNull;
import static org.junit.Assert.assertTrue;
import static org.junit.Assert.fail;

import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import org.junit.Rule;
import org.junit.Test;
import org.junit.rules.TemporaryFolder;

import com.google.gson.JsonArray;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;

import dev.chorus.backend.acp.terminal.Ansi;
import dev.chorus.core.backend.ConfigOption;
import dev.chorus.core.backend.ISessionSink;
import dev.chorus.core.backend.PermissionRequest;
import dev.chorus.core.transcript.ToolCall;
import dev.chorus.core.rpc.JsonRpcPeer;
import dev.chorus.core.rpc.BoundedLineReader;

/** The ACP client's parts that need no agent: reading lines, options, MCP servers, files, escapes. */
public class AcpPiecesTest {

	@Rule
	public TemporaryFolder temp = new TemporaryFolder();

	@Test
	public void aLineLongerThanTheLimitIsSkippedWholeAndTheNextIsRead() throws Exception {
		String huge = "x".repeat(300_000);
		BoundedLineReader reader = new BoundedLineReader(new StringReader("{\"a\":1}\r\n" + huge + "\nnext\nlast"), 100_000);
		assertEquals("{\"a\":1}", reader.next().text());
		BoundedLineReader.Line skipped = reader.next();
		assertNull(skipped.text());
		assertEquals(300_000, skipped.skippedChars());
		assertEquals("next", reader.next().text());
		assertEquals("last", reader.next().text());
		assertNull(reader.next());
	}

	@Test
	public void configOptionsSelectsGroupsBooleansAndLegacyModesAreRead() {
		List<List<ConfigOption>> reported = new ArrayList<>();
		AcpConfigOptions options = new AcpConfigOptions(new ISessionSink() {
			@Override
			public void configOptions(List<ConfigOption> offered) {
				reported.add(offered);
			}
		});
		options.fromSessionResult(JsonParser.parseString("""
				{"sessionId":"s","configOptions":[
				 {"id":"model","name":"Model","category":"model","type":"select","currentValue":"b",
				  "options":[{"group":"fast","name":"Fast","options":[{"value":"a","name":"A"}]},
				             {"group":"big","name":"Big","options":[{"value":"b","name":"B","description":"the big one"}]}]},
				 {"id":"think","name":"Think","type":"boolean","currentValue":true},
				 {"id":"future","name":"Later","type":"slider","currentValue":3}],
				 "modes":{"currentModeId":"ask","availableModes":[{"id":"ask","name":"Ask"},{"id":"code","name":"Code"}]}}
				""").getAsJsonObject());
		List<ConfigOption> all = reported.get(reported.size() - 1);
		assertEquals("config options win over the legacy modes, the unknown type left out", 2, all.size());
		ConfigOption model = all.get(0);
		assertEquals("Big", model.currentChoice().orElseThrow().group());
		assertEquals("the big one", model.currentChoice().orElseThrow().description());
		assertEquals(ConfigOption.Type.BOOLEAN, all.get(1).type());
		assertEquals("true", all.get(1).currentValue());
		try {
			options.require("model", "nonexistent");
			fail("a value the agent does not offer is refused before anything is sent");
		} catch (dev.chorus.core.backend.BackendException expected) {
			assertTrue(expected.getMessage(), expected.getMessage().contains("nonexistent"));
		}
	}

	@Test
	public void mcpServerLinesBecomeTheSchemasServers() {
		AcpMcpServers servers = AcpMcpServers.parse("""
				# comment
				files = TOKEN=abc DEBUG=1 npx -y @modelcontextprotocol/server-filesystem "/tmp/my dir"
				docs=https://example.org/mcp
				""");
		JsonArray withHttp = servers.toJson(true);
		assertEquals(2, withHttp.size());
		JsonObject stdio = withHttp.get(0).getAsJsonObject();
		assertEquals("npx", stdio.get("command").getAsString());
		assertEquals("/tmp/my dir", stdio.getAsJsonArray("args").get(2).getAsString());
		assertEquals("TOKEN", stdio.getAsJsonArray("env").get(0).getAsJsonObject().get("name").getAsString());
		assertEquals("http", withHttp.get(1).getAsJsonObject().get("type").getAsString());
		assertEquals("an agent without HTTP support gets the stdio servers only", 1, servers.toJson(false).size());
		try {
			AcpMcpServers.parse("no equals sign here");
			fail("a line that cannot be read is named");
		} catch (IllegalArgumentException expected) {
			assertEquals("no equals sign here", expected.getMessage());
		}
	}

	@Test
	public void filesOutsideTheFolderAreRefusedThroughDotsAndLinks() throws Exception {
		Path root = temp.newFolder("root").toPath();
		Path outside = temp.newFolder("outside").toPath();
		Files.createSymbolicLink(root.resolve("escape"), outside);
		AcpFiles files = new AcpFiles(root);
		assertEquals(root.toRealPath().resolve("a/b.txt"), files.resolve("a/b.txt"));
		for (String bad : List.of("../outside/x.txt", "escape/x.txt", outside.resolve("x.txt").toString(), "a/../../outside")) {
			try {
				files.resolve(bad);
				fail(bad + " is outside the folder");
			} catch (IllegalArgumentException expected) {
				// refused
			}
		}
	}

	@Test
	public void aWriteTheUserAllowedInTheAgentsQuestionIsNotAskedAgainAndAnswersWithAnObject() throws Exception {
		Path root = temp.newFolder("work").toPath();
		AcpFiles files = new AcpFiles(root);
		ToolCall call = AcpUpdates.toolCall(JsonParser.parseString("{\"toolCallId\":\"t\",\"kind\":\"edit\",\"content\":[{\"type\":\"diff\",\"path\":\""
				+ root.resolve("notes.txt") + "\",\"oldText\":null,\"newText\":\"hi\"}]}").getAsJsonObject());
		files.answered(call, new PermissionRequest.Option("ok", "Allow", "allow_once"));
		JsonObject params = new JsonObject();
		params.addProperty("path", "notes.txt");
		params.addProperty("content", "hi");
		AcpBackendTest.Sink sink = new AcpBackendTest.Sink(request -> java.util.Optional.of("reject"));
		JsonObject result = files.write(params, sink, false).getAsJsonObject();
		assertEquals("the schema's WriteTextFileResponse is an object", 0, result.size());
		assertEquals("hi", Files.readString(root.resolve("notes.txt"), StandardCharsets.UTF_8));
		assertTrue("not asked a second time", sink.permissions.isEmpty());

		// A write of another file, never asked about, is asked for once, showing the change.
		params.addProperty("path", "other.txt");
		try {
			files.write(params, sink, false);
			fail("refused when the user does not allow it");
		} catch (JsonRpcPeer.RpcError expected) {
			assertEquals(1, sink.permissions.size());
			assertEquals("hi", sink.permissions.get(0).toolCall().diffList().get(0).newText());
			assertFalse(Files.exists(root.resolve("other.txt")));
		}
	}

	@Test
	public void anApiKeyFromSecureStorageReachesOnlyTheAgentsEnvironment() throws Exception {
		Path folder = temp.newFolder("agent").toPath();
		java.util.Map<String, String> settings = java.util.Map.of(AcpBackend.COMMAND, "agent --acp", AcpBackend.WORKING_DIRECTORY,
				folder.toString(), AcpBackend.API_KEY_VARIABLE, "OPENAI_API_KEY", AcpBackend.ENVIRONMENT, "MODE=fast");
		dev.chorus.core.backend.ConversationContext context = new dev.chorus.core.backend.ConversationContext("a", settings,
				key -> key.equals(AcpBackend.API_KEY) ? java.util.Optional.of("sk-secret") : java.util.Optional.empty(), null, folder);
		AcpSettings parsed = AcpSettings.of(context);
		assertEquals("sk-secret", parsed.environment().get("OPENAI_API_KEY"));
		assertEquals("fast", parsed.environment().get("MODE"));
		assertFalse("the key is in no setting", settings.containsValue("sk-secret"));
	}

	@Test
	public void aFileIsReadAsItIsWithItsLineEndsAndSlicesKeepThem() throws Exception {
		Path root = temp.newFolder("read").toPath();
		Files.writeString(root.resolve("a.txt"), "one\r\ntwo\nthree\n");
		Files.write(root.resolve("latin1.txt"), new byte[] { 'c', 'a', 'f', (byte) 0xE9 });
		AcpFiles files = new AcpFiles(root);
		JsonObject params = new JsonObject();
		params.addProperty("path", "a.txt");
		assertEquals("the final newline and the CRLF stay", "one\r\ntwo\nthree\n", files.read(params).getAsJsonObject().get("content").getAsString());
		params.addProperty("line", 2);
		params.addProperty("limit", 1);
		assertEquals("a slice of lines ends with its last line", "two", files.read(params).getAsJsonObject().get("content").getAsString());
		params.remove("limit");
		assertEquals("two\nthree", files.read(params).getAsJsonObject().get("content").getAsString());
		params.remove("line");
		params.addProperty("limit", 2);
		assertEquals("the line ends inside a slice stay", "one\r\ntwo", files.read(params).getAsJsonObject().get("content").getAsString());
		JsonObject latin = new JsonObject();
		latin.addProperty("path", "latin1.txt");
		try {
			files.read(latin);
			fail("a file that is not UTF-8 is refused with a message");
		} catch (JsonRpcPeer.RpcError expected) {
			assertTrue(expected.getMessage(), expected.getMessage().contains("UTF-8"));
		}
	}

	@Test
	public void configOptionsWinOverLegacyModesAndAnUnlistedCurrentValueShows() {
		List<List<ConfigOption>> reported = new ArrayList<>();
		AcpConfigOptions options = new AcpConfigOptions(new ISessionSink() {
			@Override
			public void configOptions(List<ConfigOption> offered) {
				reported.add(offered);
			}
		});
		options.fromSessionResult(JsonParser.parseString("""
				{"configOptions":[{"id":"provider","name":"Provider","type":"select","currentValue":"openai-compatible",
				  "options":[{"value":"anthropic","name":"Anthropic"}]}],
				 "modes":{"currentModeId":"off","availableModes":[{"id":"off","name":"Off"}]}}
				""").getAsJsonObject());
		List<ConfigOption> all = reported.get(reported.size() - 1);
		assertEquals(List.of("provider"), all.stream().map(ConfigOption::id).toList());
		assertEquals("openai-compatible", all.get(0).currentChoice().orElseThrow().name());
	}

	@Test
	public void terminalEscapesAreRemoved() {
		assertEquals("red plain ok\nnext", Ansi.strip("\u001B[31mred\u001B[0m plain \u001B]0;title\u0007ok\r\nnext"));
		assertEquals("50%", Ansi.strip("10%\r50%"));
	}
}
