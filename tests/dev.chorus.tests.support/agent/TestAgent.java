import java.io.BufferedReader;
import java.io.FileWriter;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * An Agent Client Protocol agent for tests, run as a real child process with the JDK's source
 * launcher: {@code java TestAgent.java <scenario> <log file>}. It speaks JSON-RPC 2.0, one message
 * a line on stdin/stdout, logs every line it receives, and behaves as the scenario says. JDK only,
 * so it carries its own small JSON reader and writer.
 */
public class TestAgent {

	static PrintStream out;
	static BufferedReader in;
	static FileWriter log;
	static String scenario;
	static String cwd = ".";
	static volatile boolean cancelled;

	public static void main(String[] args) throws Exception {
		scenario = args[0];
		log = new FileWriter(args[1], StandardCharsets.UTF_8, true);
		out = new PrintStream(System.out, true, StandardCharsets.UTF_8);
		in = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8));
		if (scenario.equals("exit-at-start")) {
			System.err.println("boom at start: missing configuration");
			System.exit(3);
		}
		if (scenario.equals("garbage")) {
			out.println("Welcome to the agent! (this is not JSON)");
		}
		String line;
		while ((line = in.readLine()) != null) {
			handle(line);
		}
	}

	static void handle(String line) throws Exception {
		log.write(line + "\n");
		log.flush();
		Map<String, Object> message = asMap(new Json(line).value());
		String method = (String) message.get("method");
		Object id = message.get("id");
		Map<String, Object> params = message.get("params") == null ? Map.of() : asMap(message.get("params"));
		if (method == null) {
			return;
		}
		switch (method) {
		case "initialize" -> {
			if (scenario.equals("no-init")) {
				return;
			}
			respond(id, map("protocolVersion", 1, "agentCapabilities", map("loadSession", scenario.equals("load")),
					"authMethods", List.of(), "agentInfo", map("name", "test-agent", "version", "1.0")));
		}
		case "session/new" -> {
			cwd = (String) params.get("cwd");
			respond(id, map("sessionId", "sess-new"));
		}
		case "session/load" -> {
			cwd = (String) params.get("cwd");
			String session = (String) params.get("sessionId");
			update(session, map("sessionUpdate", "user_message_chunk", "content", text("old question")));
			update(session, map("sessionUpdate", "agent_message_chunk", "content", text("old answer")));
			respond(id, null);
		}
		case "session/cancel" -> cancelled = true;
		case "session/prompt" -> prompt(id, (String) params.get("sessionId"));
		default -> {
			if (id != null) {
				out.println(Json.write(map("jsonrpc", "2.0", "id", id, "error", map("code", -32601, "message", "no " + method))));
			}
		}
		}
	}

	static void prompt(Object id, String session) throws Exception {
		cancelled = false;
		switch (scenario) {
		case "crash" -> {
			update(session, map("sessionUpdate", "agent_message_chunk", "content", text("Starting...")));
			System.err.println("fatal: segfault-ish crash in the model runner");
			System.exit(7);
		}
		case "permission" -> {
			Map<String, Object> request = map("sessionId", session,
					"toolCall", map("toolCallId", "t9", "title", "Run rm -rf build", "kind", "execute", "rawInput", map("command", "rm -rf build")),
					"options", List.of(map("optionId", "yes", "name", "Allow once", "kind", "allow_once"),
							map("optionId", "no", "name", "Reject", "kind", "reject_once")));
			Map<String, Object> answer = call("session/request_permission", request);
			Map<String, Object> outcome = asMap(asMap(answer.get("result")).get("outcome"));
			String chosen = outcome.get("outcome").equals("selected") ? (String) outcome.get("optionId") : "cancelled";
			update(session, map("sessionUpdate", "agent_message_chunk", "content", text("You chose " + chosen)));
			respond(id, map("stopReason", "end_turn"));
		}
		case "fs" -> {
			Map<String, Object> read = call("fs/read_text_file", map("sessionId", session, "path", cwd + "/in.txt", "line", 2, "limit", 1));
			Map<String, Object> write = call("fs/write_text_file", map("sessionId", session, "path", cwd + "/out.txt", "content", "written by agent"));
			Map<String, Object> outside = call("fs/read_text_file", map("sessionId", session, "path", cwd + "/../outside.txt"));
			String readText = read.containsKey("result") ? (String) asMap(read.get("result")).get("content") : "error";
			String writeText = write.containsKey("error") ? "refused" : "ok";
			String outsideText = outside.containsKey("error") ? "refused" : "read";
			update(session, map("sessionUpdate", "agent_message_chunk", "content", text("read=" + readText + ";write=" + writeText + ";outside=" + outsideText)));
			respond(id, map("stopReason", "end_turn"));
		}
		case "slow", "stubborn" -> {
			while (true) {
				update(session, map("sessionUpdate", "agent_message_chunk", "content", text("tick ")));
				Thread.sleep(30);
				while (in.ready()) {
					String line = in.readLine();
					if (line == null) {
						return;
					}
					handle(line);
				}
				if (cancelled && scenario.equals("slow")) {
					respond(id, map("stopReason", "cancelled"));
					return;
				}
			}
		}
		default -> {
			update(session, map("sessionUpdate", "agent_thought_chunk", "content", text("Let me think.")));
			for (String piece : List.of("Hello", " from", " ACP.")) {
				update(session, map("sessionUpdate", "agent_message_chunk", "content", text(piece)));
			}
			update(session, map("sessionUpdate", "tool_call", "toolCallId", "t1", "title", "Read a.txt", "kind", "read", "status", "pending",
					"rawInput", map("path", "a.txt")));
			update(session, map("sessionUpdate", "tool_call_update", "toolCallId", "t1", "status", "completed",
					"content", List.of(map("type", "content", "content", text("file body")))));
			update(session, map("sessionUpdate", "plan", "entries", List.of(map("content", "Step 1", "priority", "high", "status", "completed"),
					map("content", "Step 2", "priority", "low", "status", "pending"))));
			update(session, map("sessionUpdate", "a_kind_from_the_future", "whatever", 1));
			respond(id, map("stopReason", "end_turn"));
		}
		}
	}

	/** Sends a request to the client and reads lines until its response comes. */
	static Map<String, Object> call(String method, Map<String, Object> params) throws Exception {
		String id = "a" + System.nanoTime();
		out.println(Json.write(map("jsonrpc", "2.0", "id", id, "method", method, "params", params)));
		String line;
		while ((line = in.readLine()) != null) {
			log.write(line + "\n");
			log.flush();
			Map<String, Object> message = asMap(new Json(line).value());
			if (id.equals(message.get("id")) && message.get("method") == null) {
				return message;
			}
			if ("session/cancel".equals(message.get("method"))) {
				cancelled = true;
			}
		}
		System.exit(0);
		return null;
	}

	static void update(String session, Map<String, Object> update) {
		out.println(Json.write(map("jsonrpc", "2.0", "method", "session/update", "params", map("sessionId", session, "update", update))));
	}

	static void respond(Object id, Object result) {
		Map<String, Object> message = map("jsonrpc", "2.0", "id", id);
		message.put("result", result);
		out.println(Json.write(message));
	}

	static Map<String, Object> text(String text) {
		return map("type", "text", "text", text);
	}

	static Map<String, Object> map(Object... pairs) {
		Map<String, Object> map = new LinkedHashMap<>();
		for (int i = 0; i < pairs.length; i += 2) {
			map.put((String) pairs[i], pairs[i + 1]);
		}
		return map;
	}

	@SuppressWarnings("unchecked")
	static Map<String, Object> asMap(Object value) {
		return (Map<String, Object>) value;
	}

	/** A small JSON reader and writer: objects, arrays, strings, numbers, booleans, null. */
	static final class Json {
		private final String text;
		private int at;

		Json(String text) {
			this.text = text;
		}

		Object value() {
			skip();
			char c = text.charAt(at);
			if (c == '{') {
				Map<String, Object> map = new LinkedHashMap<>();
				at++;
				skip();
				if (text.charAt(at) == '}') {
					at++;
					return map;
				}
				while (true) {
					skip();
					String key = (String) value();
					skip();
					at++; // :
					map.put(key, value());
					skip();
					if (text.charAt(at++) == '}') {
						return map;
					}
				}
			}
			if (c == '[') {
				List<Object> list = new ArrayList<>();
				at++;
				skip();
				if (text.charAt(at) == ']') {
					at++;
					return list;
				}
				while (true) {
					list.add(value());
					skip();
					if (text.charAt(at++) == ']') {
						return list;
					}
				}
			}
			if (c == '"') {
				StringBuilder s = new StringBuilder();
				at++;
				while (text.charAt(at) != '"') {
					char ch = text.charAt(at++);
					if (ch == '\\') {
						char e = text.charAt(at++);
						switch (e) {
						case 'n' -> s.append('\n');
						case 't' -> s.append('\t');
						case 'r' -> s.append('\r');
						case 'b' -> s.append('\b');
						case 'f' -> s.append('\f');
						case 'u' -> {
							s.append((char) Integer.parseInt(text.substring(at, at + 4), 16));
							at += 4;
						}
						default -> s.append(e);
						}
					} else {
						s.append(ch);
					}
				}
				at++;
				return s.toString();
			}
			if (text.startsWith("true", at)) {
				at += 4;
				return Boolean.TRUE;
			}
			if (text.startsWith("false", at)) {
				at += 5;
				return Boolean.FALSE;
			}
			if (text.startsWith("null", at)) {
				at += 4;
				return null;
			}
			int start = at;
			while (at < text.length() && "+-0123456789.eE".indexOf(text.charAt(at)) >= 0) {
				at++;
			}
			String number = text.substring(start, at);
			return number.contains(".") || number.contains("e") || number.contains("E") ? (Object) Double.valueOf(number) : (Object) Long.valueOf(number);
		}

		private void skip() {
			while (at < text.length() && Character.isWhitespace(text.charAt(at))) {
				at++;
			}
		}

		static String write(Object value) {
			if (value == null) {
				return "null";
			}
			if (value instanceof String s) {
				StringBuilder out = new StringBuilder("\"");
				for (char c : s.toCharArray()) {
					switch (c) {
					case '"' -> out.append("\\\"");
					case '\\' -> out.append("\\\\");
					case '\n' -> out.append("\\n");
					case '\r' -> out.append("\\r");
					case '\t' -> out.append("\\t");
					default -> {
						if (c < 0x20) {
							out.append(String.format("\\u%04x", (int) c));
						} else {
							out.append(c);
						}
					}
					}
				}
				return out.append('"').toString();
			}
			if (value instanceof Map<?, ?> map) {
				StringBuilder out = new StringBuilder("{");
				for (Map.Entry<?, ?> entry : map.entrySet()) {
					if (out.length() > 1) {
						out.append(',');
					}
					out.append(write(entry.getKey())).append(':').append(write(entry.getValue()));
				}
				return out.append('}').toString();
			}
			if (value instanceof List<?> list) {
				StringBuilder out = new StringBuilder("[");
				for (Object item : list) {
					if (out.length() > 1) {
						out.append(',');
					}
					out.append(write(item));
				}
				return out.append(']').toString();
			}
			return String.valueOf(value);
		}
	}
}
