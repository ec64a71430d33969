package dev.chorus.core.tools;

import java.util.List;

import org.eclipse.core.runtime.IProgressMonitor;

import com.google.gson.JsonObject;

import dev.chorus.core.mcp.McpException;
import dev.chorus.core.mcp.McpTool;
import dev.chorus.core.mcp.McpToolResult;
import dev.chorus.core.transcript.ToolCall;

/**
 * Tools an agent whose model asks for them can use: an MCP server's, or the ones Chorus offers
 * itself ({@link BuiltInTools}), described and called the MCP way.
 */
public interface ToolSet {

	/** The set's name, shown with its tools and put before their names for the model. */
	String name();

	/** The tools it offers now. */
	List<McpTool> tools(IProgressMonitor monitor) throws McpException;

	/** Runs a tool; the monitor's cancel stops it promptly. */
	McpToolResult call(String tool, JsonObject arguments, IProgressMonitor monitor) throws McpException;

	/** Whether calling the tool asks the user first (until they allow it always). */
	default boolean asks(McpTool tool) {
		return true;
	}

	/**
	 * The call as the transcript shows it, before it runs: a write shows its change as a diff, a
	 * read the file it reads.
	 */
	default ToolCall describe(String tool, JsonObject arguments, ToolCall call) {
		return call;
	}
}
