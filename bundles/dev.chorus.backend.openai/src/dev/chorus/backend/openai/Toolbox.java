package dev.chorus.backend.openai;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

import org.eclipse.core.runtime.IProgressMonitor;
import org.eclipse.osgi.util.NLS;

import com.google.gson.GsonBuilder;
import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParseException;
import com.google.gson.JsonParser;

import dev.chorus.core.backend.ConversationContext;
import dev.chorus.core.backend.ITurnSink;
import dev.chorus.core.backend.PermissionRequest;
import dev.chorus.core.mcp.McpException;
import dev.chorus.core.mcp.McpServerConfig;
import dev.chorus.core.mcp.McpServerRegistry;
import dev.chorus.core.mcp.McpServerTools;
import dev.chorus.core.mcp.McpTool;
import dev.chorus.core.mcp.McpToolResult;
import dev.chorus.core.tools.BuiltInTools;
import dev.chorus.core.tools.ToolSet;
import dev.chorus.core.transcript.Problem;
import dev.chorus.core.transcript.ToolCall;

/**
 * The tools an OpenAI-compatible agent offers its model: Chorus's own file tools when the agent
 * enables them, and the tools of the MCP servers it chose. Gives them to the model as
 * {@code tools} (function names prefixed by their server, so that two servers' tools never clash)
 * and runs what the model calls: asks the user first (allow once, always for this tool, reject),
 * shows the call with its arguments, status, result and duration, and answers the model with the
 * result or with what went wrong, so that a failing tool never ends the conversation.
 */
final class Toolbox implements AutoCloseable {

	/** A tool the model can call: its set and its name there. */
	private record Entry(ToolSet set, McpTool tool) {
	}

	private static final int MAX_RESULT_CHARS = 256 * 1024;
	private static final int MAX_FUNCTION_NAME = 64;

	private final List<ToolSet> sets = new ArrayList<>();
	private final McpServerRegistry.Lease lease;
	private final Map<String, Entry> entries = new LinkedHashMap<>();
	/** Function names the user allowed always, for this conversation. */
	private final Set<String> alwaysAllowed = ConcurrentHashMap.newKeySet();

	Toolbox(ConversationContext context, boolean builtIn) {
		if (builtIn) {
			sets.add(new BuiltInTools(context.workingDirectory()));
		}
		List<McpServerConfig> servers = context.mcpServers();
		lease = servers.isEmpty() ? null : context.mcp().lease();
		for (McpServerConfig server : servers) {
			sets.add(new McpServerTools(lease, server));
		}
	}

	boolean isEmpty() {
		return sets.isEmpty();
	}

	/**
	 * The tools as the request's {@code tools}, listed now (servers start on this first need); a
	 * server that cannot start or list its tools is told in the transcript and left out.
	 */
	JsonArray definitions(ITurnSink sink, IProgressMonitor monitor) {
		entries.clear();
		JsonArray tools = new JsonArray();
		for (ToolSet set : sets) {
			List<McpTool> listed;
			try {
				listed = set.tools(monitor);
			} catch (McpException e) {
				if (!e.isCancelled()) {
					sink.problem(new Problem(e.getMessage(), NLS.bind(Messages.Tools_LeftOutHint, set.name())));
				}
				continue;
			}
			for (McpTool tool : listed) {
				String name = functionName(set, tool);
				entries.put(name, new Entry(set, tool));
				JsonObject function = new JsonObject();
				function.addProperty("name", name); //$NON-NLS-1$
				function.addProperty("description", tool.description()); //$NON-NLS-1$
				function.add("parameters", tool.inputSchema()); //$NON-NLS-1$
				JsonObject definition = new JsonObject();
				definition.addProperty("type", "function"); //$NON-NLS-1$ //$NON-NLS-2$
				definition.add("function", function); //$NON-NLS-1$
				tools.add(definition);
			}
		}
		return tools;
	}

	/** Chorus's own tools keep their names; a server's are {@code server__tool}, as function names allow. */
	private String functionName(ToolSet set, McpTool tool) {
		String base = set instanceof BuiltInTools ? sanitize(tool.name()) : sanitize(set.name()) + "__" + sanitize(tool.name()); //$NON-NLS-1$
		String name = base.length() > MAX_FUNCTION_NAME ? base.substring(0, MAX_FUNCTION_NAME) : base;
		for (int n = 2; entries.containsKey(name); n++) {
			String suffix = "_" + n; //$NON-NLS-1$
			name = base.substring(0, Math.min(base.length(), MAX_FUNCTION_NAME - suffix.length())) + suffix;
		}
		return name;
	}

	private static String sanitize(String text) {
		String clean = text.replaceAll("[^A-Za-z0-9_-]", "_"); //$NON-NLS-1$ //$NON-NLS-2$
		return clean.isEmpty() ? "tool" : clean; //$NON-NLS-1$
	}

	/** A call as it streams in, named as the transcript will show it once it runs. */
	ToolCall streaming(ToolCall call) {
		Entry entry = entries.get(call.title());
		return entry == null ? call : new ToolCall(call.id(), title(entry), kind(entry), call.status(), call.input(), null);
	}

	private static String title(Entry entry) {
		return entry.set() instanceof BuiltInTools ? entry.tool().name() : entry.set().name() + ": " + entry.tool().name(); //$NON-NLS-1$
	}

	/** {@code read} for what the server says changes nothing, else the server's name says enough. */
	private static String kind(Entry entry) {
		return entry.tool().readOnly() ? "read" : "mcp"; //$NON-NLS-1$ //$NON-NLS-2$
	}

	/** What the run of one call ended with: the model's answer, and whether the user stopped the run. */
	record Outcome(String result, boolean cancelled) {
	}

	/**
	 * Runs one call the model made, reporting it to the transcript as it goes.
	 *
	 * @param call as the model sent it: id, function name and arguments
	 */
	Outcome run(ToolCall call, ITurnSink sink, IProgressMonitor monitor) {
		long start = System.nanoTime();
		Entry entry = entries.get(call.title());
		if (entry == null) {
			String message = NLS.bind(Messages.Tools_NoSuchTool, call.title(), String.join(", ", entries.keySet())); //$NON-NLS-1$
			sink.toolCall(call.ended(ToolCall.STATUS_FAILED, message, millis(start)));
			return new Outcome(message, false);
		}
		JsonObject arguments;
		try {
			String text = call.input() == null || call.input().isBlank() ? "{}" : call.input(); //$NON-NLS-1$
			JsonElement parsed = JsonParser.parseString(text);
			if (!parsed.isJsonObject()) {
				throw new JsonParseException(text);
			}
			arguments = parsed.getAsJsonObject();
		} catch (JsonParseException e) {
			String message = NLS.bind(Messages.Tools_BadArguments, call.title(), snippet(call.input()));
			sink.toolCall(shown(entry, call, null).ended(ToolCall.STATUS_FAILED, message, millis(start)));
			return new Outcome(message, false);
		}
		ToolCall shown = shown(entry, call, arguments);
		String function = call.title();
		if (entry.set().asks(entry.tool()) && !alwaysAllowed.contains(function)) {
			sink.toolCall(shown);
			List<PermissionRequest.Option> options = List.of(new PermissionRequest.Option("allow", Messages.Tools_Allow, "allow_once"), //$NON-NLS-1$ //$NON-NLS-2$
					new PermissionRequest.Option("always", NLS.bind(Messages.Tools_AllowAlways, entry.tool().name()), "allow_always"), //$NON-NLS-1$ //$NON-NLS-2$
					new PermissionRequest.Option("reject", Messages.Tools_Reject, "reject_once")); //$NON-NLS-1$ //$NON-NLS-2$
			String answer = sink.requestPermission(new PermissionRequest(shown, options)).orElse(null);
			if (answer == null || monitor.isCanceled()) {
				sink.toolCall(shown.ended(ToolCall.STATUS_FAILED, Messages.Tools_Stopped, millis(start)));
				return new Outcome(Messages.Tools_Stopped, true);
			}
			if ("reject".equals(answer)) { //$NON-NLS-1$
				sink.toolCall(shown.ended(ToolCall.STATUS_FAILED, Messages.Tools_Rejected, millis(start)));
				return new Outcome(Messages.Tools_RejectedForModel, false);
			}
			if ("always".equals(answer)) { //$NON-NLS-1$
				alwaysAllowed.add(function);
			}
		}
		long running = System.nanoTime();
		sink.toolCall(new ToolCall(shown.id(), null, null, ToolCall.STATUS_IN_PROGRESS, null, null));
		try {
			McpToolResult result = entry.set().call(entry.tool().name(), arguments, monitor);
			String text = bounded(result.text());
			sink.toolCall(shown.ended(result.error() ? ToolCall.STATUS_FAILED : ToolCall.STATUS_COMPLETED, text, millis(running)));
			if (!result.error()) {
				shown.diffList().forEach(diff -> sink.fileWritten(java.nio.file.Path.of(diff.path())));
			}
			return new Outcome(result.error() ? NLS.bind(Messages.Tools_FailedForModel, text) : text, false);
		} catch (McpException e) {
			String message = e.isCancelled() ? Messages.Tools_Stopped : e.getMessage();
			sink.toolCall(shown.ended(ToolCall.STATUS_FAILED, message, millis(running)));
			return new Outcome(message, e.isCancelled());
		}
	}

	/** The call as the transcript shows it: its tool and server, its arguments set out, what its set adds (a diff). */
	private static ToolCall shown(Entry entry, ToolCall call, JsonObject arguments) {
		String input = arguments == null ? call.input() : new GsonBuilder().setPrettyPrinting().create().toJson(arguments);
		ToolCall base = new ToolCall(call.id(), title(entry), kind(entry), ToolCall.STATUS_PENDING, input, null);
		return arguments == null ? base : entry.set().describe(entry.tool().name(), arguments, base);
	}

	private static String bounded(String text) {
		if (text.length() <= MAX_RESULT_CHARS) {
			return text;
		}
		return text.substring(0, MAX_RESULT_CHARS) + '\n' + NLS.bind(Messages.Tools_ResultCut, text.length() / 1024);
	}

	private static long millis(long start) {
		return (System.nanoTime() - start) / 1_000_000;
	}

	private static String snippet(String text) {
		String shown = text == null ? "" : text; //$NON-NLS-1$
		return shown.length() <= 200 ? shown : shown.substring(0, 200) + '\u2026';
	}

	@Override
	public void close() {
		if (lease != null) {
			lease.close();
		}
	}
}
