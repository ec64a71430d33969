package dev.chorus.ui.mcp;

import java.nio.file.Path;
import java.util.List;

import org.eclipse.core.runtime.IProgressMonitor;
import org.eclipse.core.runtime.IStatus;
import org.eclipse.core.runtime.OperationCanceledException;
import org.eclipse.core.runtime.Status;
import org.eclipse.core.runtime.SubMonitor;
import org.eclipse.core.runtime.jobs.Job;
import org.eclipse.osgi.util.NLS;

import dev.chorus.core.mcp.McpClient;
import dev.chorus.core.mcp.McpException;
import dev.chorus.core.mcp.McpServerConfig;
import dev.chorus.core.mcp.McpTool;

/**
 * Starts (or reaches) one MCP server as configured, lists its tools and closes it again, off the
 * UI thread. Its result, for the UI thread once the job is done: the server's name and version
 * and its tools, or why it failed.
 */
public final class McpTestJob extends Job {

	/** The family of every server test, for tests to join. */
	public static final Object FAMILY = McpTestJob.class;

	private final McpServerConfig server;
	private volatile String serverInfo = ""; //$NON-NLS-1$
	private volatile List<McpTool> tools = List.of();
	private volatile String error;

	public McpTestJob(McpServerConfig server) {
		super(NLS.bind(Messages.Test_JobName, server.name()));
		this.server = server;
		setUser(false);
	}

	@Override
	protected IStatus run(IProgressMonitor monitor) {
		SubMonitor progress = SubMonitor.convert(monitor, getName(), 2);
		McpClient client = null;
		try {
			// Stdio servers start in the home folder, as they do for the agents.
			client = McpClient.connect(server, Path.of(System.getProperty("user.home")), progress.split(1)); //$NON-NLS-1$
			tools = List.copyOf(client.tools(progress.split(1)));
			serverInfo = client.serverInfo();
		} catch (McpException e) {
			if (e.isCancelled() || monitor.isCanceled()) {
				return Status.CANCEL_STATUS;
			}
			error = e.getMessage();
		} catch (OperationCanceledException e) {
			return Status.CANCEL_STATUS;
		} catch (RuntimeException e) {
			error = e.toString();
		} finally {
			if (client != null) {
				client.close();
			}
		}
		return Status.OK_STATUS;
	}

	@Override
	public boolean belongsTo(Object family) {
		return family == FAMILY;
	}

	public McpServerConfig getServer() {
		return server;
	}

	/** The name and version the server gave, or {@code ""}. */
	public String getServerInfo() {
		return serverInfo;
	}

	public List<McpTool> getTools() {
		return tools;
	}

	/** Why the test failed, or {@code null} when the server answered. */
	public String getError() {
		return error;
	}
}
