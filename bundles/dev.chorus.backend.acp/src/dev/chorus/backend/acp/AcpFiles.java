package dev.chorus.backend.acp;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

import org.eclipse.osgi.util.NLS;

import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;

import dev.chorus.core.backend.ITurnSink;
import dev.chorus.core.backend.PermissionRequest;
import dev.chorus.core.transcript.FileDiff;
import dev.chorus.core.transcript.ToolCall;
import dev.chorus.core.transcript.ToolLocation;
import dev.chorus.core.rpc.JsonRpcPeer;

/**
 * The files an ACP agent reads and writes through Chorus ({@code fs/read_text_file},
 * {@code fs/write_text_file}), confined to the session's folder: a path that leads outside it, by
 * {@code ..} or by a link, is refused. A write the user allowed in the agent's own permission
 * question is not asked again; any other write is asked once, showing the change.
 */
final class AcpFiles {

	/** The largest file an agent may read through Chorus. */
	static final long MAX_READ_BYTES = 16L * 1024 * 1024;
	private static final List<String> PATH_KEYS = List.of("path", "file_path", "filePath", "abs_path", "absolute_path", //$NON-NLS-1$ //$NON-NLS-2$ //$NON-NLS-3$ //$NON-NLS-4$ //$NON-NLS-5$
			"file", "target_file", "notebook_path"); //$NON-NLS-1$ //$NON-NLS-2$ //$NON-NLS-3$

	private final Path workingDirectory;
	/** Files the user allowed the agent to change in this turn. */
	private final Set<Path> allowed = ConcurrentHashMap.newKeySet();
	/** The user allowed the agent's edits always: writes are no longer asked for in this session. */
	private volatile boolean editsAlwaysAllowed;

	AcpFiles(Path workingDirectory) {
		this.workingDirectory = workingDirectory;
	}

	/** A new turn: what the user allowed in the last one no longer stands. */
	void turnStarted() {
		allowed.clear();
	}

	/**
	 * The user answered one of the agent's permission questions: an allowing answer covers the
	 * writes of the files the tool call names.
	 */
	void answered(ToolCall call, PermissionRequest.Option chosen) {
		if (call == null || chosen == null || !chosen.isAllow()) {
			return;
		}
		boolean edit = !call.diffList().isEmpty() || call.toolKind() != null && List.of("edit", "delete", "move").contains(call.toolKind()); //$NON-NLS-1$ //$NON-NLS-2$ //$NON-NLS-3$
		if (edit && "allow_always".equals(chosen.kind())) { //$NON-NLS-1$
			editsAlwaysAllowed = true;
		}
		for (FileDiff diff : call.diffList()) {
			allow(diff.path());
		}
		for (ToolLocation location : call.locationList()) {
			allow(location.path());
		}
		if (call.input() != null) {
			try {
				JsonElement input = JsonParser.parseString(call.input());
				if (input.isJsonObject()) {
					for (String key : PATH_KEYS) {
						String value = AcpUpdates.string(input.getAsJsonObject(), key);
						if (value != null) {
							allow(value);
						}
					}
				}
			} catch (RuntimeException e) {
				// Input that is not JSON names no file.
			}
		}
	}

	private void allow(String path) {
		try {
			allowed.add(resolve(path));
		} catch (IOException | IllegalArgumentException e) {
			// A path outside the folder is never allowed.
		}
	}

	JsonElement read(JsonObject params) throws JsonRpcPeer.RpcError {
		Path file = confined(params);
		try {
			if (Files.size(file) > MAX_READ_BYTES) {
				throw new JsonRpcPeer.RpcError(JsonRpcPeer.INVALID_PARAMS, NLS.bind(Messages.Error_FileTooLarge, file, MAX_READ_BYTES / (1024 * 1024)));
			}
			String text = Files.readString(file, StandardCharsets.UTF_8);
			Integer line = number(params, "line"); //$NON-NLS-1$
			Integer limit = number(params, "limit"); //$NON-NLS-1$
			String content = line == null && limit == null ? text : lines(text, line == null ? 1 : line, limit);
			JsonObject result = new JsonObject();
			result.addProperty("content", content); //$NON-NLS-1$
			return result;
		} catch (java.nio.charset.MalformedInputException e) {
			throw new JsonRpcPeer.RpcError(JsonRpcPeer.INVALID_PARAMS, NLS.bind(Messages.Error_NotText, file));
		} catch (IOException e) {
			throw new JsonRpcPeer.RpcError(JsonRpcPeer.INTERNAL_ERROR, NLS.bind(Messages.Error_ReadFailed, file, e.getMessage()));
		}
	}

	/**
	 * Lines {@code from} (from 1) on, at most {@code limit} of them, with the line ends between them
	 * as the file has them and none after the last (as a slice of lines reads).
	 */
	static String lines(String text, int from, Integer limit) {
		int start = 0;
		for (int line = 1; line < from && start < text.length(); line++) {
			int end = text.indexOf('\n', start);
			start = end < 0 ? text.length() : end + 1;
		}
		int end = start;
		for (int taken = 0; (limit == null || taken < limit) && end < text.length(); taken++) {
			int next = text.indexOf('\n', end);
			end = next < 0 ? text.length() : next + 1;
		}
		String slice = text.substring(start, end);
		return slice.endsWith("\r\n") ? slice.substring(0, slice.length() - 2) //$NON-NLS-1$
				: slice.endsWith("\n") ? slice.substring(0, slice.length() - 1) : slice; //$NON-NLS-1$
	}

	JsonElement write(JsonObject params, ITurnSink sink, boolean cancelled) throws JsonRpcPeer.RpcError {
		Path file = confined(params);
		String content = AcpUpdates.string(params, "content"); //$NON-NLS-1$
		if (content == null) {
			throw new JsonRpcPeer.RpcError(JsonRpcPeer.INVALID_PARAMS, "content is required"); //$NON-NLS-1$
		}
		String relative = workingDirectoryReal().relativize(file).toString();
		if (!editsAlwaysAllowed && !allowed.contains(file)) {
			// Written without asking first: the user sees the change and decides once.
			String old = oldText(file);
			ToolCall call = new ToolCall("write-" + relative, NLS.bind(Messages.Permission_Write, relative), "edit", //$NON-NLS-1$ //$NON-NLS-2$
					ToolCall.STATUS_PENDING, null, null, List.of(FileDiff.bounded(file.toString(), old, content)),
					List.of(new ToolLocation(file.toString(), null)), null);
			List<PermissionRequest.Option> options = List.of(new PermissionRequest.Option("allow", Messages.Permission_Allow, "allow_once"), //$NON-NLS-1$ //$NON-NLS-2$
					new PermissionRequest.Option("reject", Messages.Permission_Reject, "reject_once")); //$NON-NLS-1$ //$NON-NLS-2$
			Optional<String> answer = sink == null || cancelled ? Optional.empty() : sink.requestPermission(new PermissionRequest(call, options));
			if (answer.isEmpty() || !answer.get().equals("allow")) { //$NON-NLS-1$
				throw new JsonRpcPeer.RpcError(JsonRpcPeer.INVALID_PARAMS, NLS.bind(Messages.Error_WriteRefused, relative));
			}
		}
		try {
			Files.createDirectories(file.getParent());
			Files.writeString(file, content, StandardCharsets.UTF_8);
		} catch (IOException e) {
			throw new JsonRpcPeer.RpcError(JsonRpcPeer.INTERNAL_ERROR, NLS.bind(Messages.Error_WriteFailed2, file, e.getMessage()));
		}
		if (sink != null) {
			sink.fileWritten(file);
		}
		// The schema's WriteTextFileResponse: an object, never null.
		return new JsonObject();
	}

	private static String oldText(Path file) {
		try {
			return Files.isRegularFile(file) && Files.size(file) <= FileDiff.MAX_CHARS ? Files.readString(file, StandardCharsets.UTF_8) : null;
		} catch (IOException | RuntimeException e) {
			return null;
		}
	}

	private static Integer number(JsonObject params, String key) {
		JsonElement element = params.get(key);
		return element != null && element.isJsonPrimitive() && element.getAsJsonPrimitive().isNumber() ? element.getAsInt() : null;
	}

	private Path workingDirectoryReal() {
		return new dev.chorus.core.tools.ConfinedFolder(workingDirectory).root();
	}

	/** Resolves a path the agent named, refusing anything outside the working directory (links included). */
	private Path confined(JsonObject params) throws JsonRpcPeer.RpcError {
		String path = AcpUpdates.string(params, "path"); //$NON-NLS-1$
		if (path == null) {
			throw new JsonRpcPeer.RpcError(JsonRpcPeer.INVALID_PARAMS, "path is required"); //$NON-NLS-1$
		}
		try {
			return resolve(path);
		} catch (IllegalArgumentException e) {
			throw new JsonRpcPeer.RpcError(JsonRpcPeer.INVALID_PARAMS, NLS.bind(Messages.Error_OutsideWorkingDirectory, path, workingDirectoryReal()));
		} catch (IOException e) {
			throw new JsonRpcPeer.RpcError(JsonRpcPeer.INTERNAL_ERROR, e.getMessage());
		}
	}

	/**
	 * The real place of a path inside the working directory.
	 *
	 * @throws IllegalArgumentException when it is outside
	 */
	Path resolve(String path) throws IOException {
		return new dev.chorus.core.tools.ConfinedFolder(workingDirectory).resolve(path);
	}
}
