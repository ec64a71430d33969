package dev.chorus.backend.acp;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.eclipse.osgi.util.NLS;

import dev.chorus.core.backend.BackendException;
import dev.chorus.core.backend.ConversationContext;
import dev.chorus.core.CommandLine;

/** An agent's ACP settings, checked before anything is started. */
record AcpSettings(List<String> command, Map<String, String> environment, Path workingDirectory, int startTimeoutSeconds,
		AcpMcpServers mcpServers) {

	static AcpSettings of(ConversationContext context) throws BackendException {
		String line = context.setting(AcpBackend.COMMAND, ""); //$NON-NLS-1$
		List<String> command;
		try {
			command = CommandLine.split(line);
		} catch (IllegalArgumentException e) {
			throw new BackendException(NLS.bind(Messages.Error_BadCommand, line, e.getMessage()), Messages.Error_CannotStartHint);
		}
		if (command.isEmpty()) {
			throw new BackendException(Messages.Error_NoCommand, Messages.Error_NoCommandHint);
		}
		Map<String, String> environment = new LinkedHashMap<>();
		for (String entry : context.setting(AcpBackend.ENVIRONMENT, "").split("\\R")) { //$NON-NLS-1$ //$NON-NLS-2$
			int equals = entry.indexOf('=');
			if (equals > 0) {
				environment.put(entry.substring(0, equals).strip(), entry.substring(equals + 1).strip());
			}
		}
		String variable = context.setting(AcpBackend.API_KEY_VARIABLE, ""); //$NON-NLS-1$
		if (!variable.isEmpty()) {
			// The key stays in secure storage; only the agent's process sees it.
			context.secrets().apply(AcpBackend.API_KEY).filter(key -> !key.isBlank()).ifPresent(key -> environment.put(variable, key));
		}
		String folder = context.setting(AcpBackend.WORKING_DIRECTORY, ""); //$NON-NLS-1$
		Path directory = folder.isEmpty() ? context.workingDirectory() : Path.of(folder);
		if (!Files.isDirectory(directory)) {
			throw new BackendException(NLS.bind(Messages.Error_NoDirectory, directory), Messages.Error_NoDirectoryHint);
		}
		int timeout;
		try {
			timeout = Math.max(1, Integer.parseInt(context.setting(AcpBackend.START_TIMEOUT, "30"))); //$NON-NLS-1$
		} catch (NumberFormatException e) {
			timeout = 30;
		}
		String servers = context.setting(AcpBackend.MCP_SERVERS, ""); //$NON-NLS-1$
		AcpMcpServers mcp;
		try {
			mcp = AcpMcpServers.parse(servers);
		} catch (IllegalArgumentException e) {
			throw new BackendException(NLS.bind(Messages.Error_BadMcpServer, e.getMessage()), Messages.Setting_McpServersHelp);
		}
		return new AcpSettings(command, environment, directory.toAbsolutePath(), timeout, mcp.withConfigured(context.mcpServers()));
	}
}
