package dev.chorus.core.mcp;

import java.util.List;

import org.eclipse.core.runtime.IProgressMonitor;

import com.google.gson.JsonObject;

import dev.chorus.core.tools.ToolSet;

/** The tools of one configured MCP server, reached through a conversation's lease. */
public final class McpServerTools implements ToolSet {

	private final McpServerRegistry.Lease lease;
	private final String serverId;
	private final String name;

	public McpServerTools(McpServerRegistry.Lease lease, McpServerConfig server) {
		this.lease = lease;
		this.serverId = server.id();
		this.name = server.name();
	}

	@Override
	public String name() {
		return name;
	}

	@Override
	public List<McpTool> tools(IProgressMonitor monitor) throws McpException {
		return lease.client(serverId, monitor).tools(monitor);
	}

	@Override
	public McpToolResult call(String tool, JsonObject arguments, IProgressMonitor monitor) throws McpException {
		return lease.client(serverId, monitor).call(tool, arguments, monitor);
	}
}
