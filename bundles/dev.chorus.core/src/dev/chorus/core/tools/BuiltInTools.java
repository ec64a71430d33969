package dev.chorus.core.tools;

import java.io.IOException;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;
import java.util.stream.Stream;

import org.eclipse.core.runtime.IProgressMonitor;
import org.eclipse.osgi.util.NLS;

import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;

import dev.chorus.core.CoreMessages;
import dev.chorus.core.Files2;
import dev.chorus.core.mcp.McpException;
import dev.chorus.core.mcp.McpTool;
import dev.chorus.core.mcp.McpToolResult;
import dev.chorus.core.transcript.FileDiff;
import dev.chorus.core.transcript.ToolCall;
import dev.chorus.core.transcript.ToolLocation;

/**
 * The tools Chorus offers an agent itself, confined to the session's folder: read a file, list a
 * folder, search text, write a file. Reading asks nothing; a write asks first and shows its change
 * as a diff. Results are bounded so that no file floods the model's context.
 */
public final class BuiltInTools implements ToolSet {

	public static final String READ_FILE = "read_file"; //$NON-NLS-1$
	public static final String LIST_DIRECTORY = "list_directory"; //$NON-NLS-1$
	public static final String SEARCH_TEXT = "search_text"; //$NON-NLS-1$
	public static final String WRITE_FILE = "write_file"; //$NON-NLS-1$

	/** The most a read returns, in characters; the rest is named. */
	static final int MAX_READ_CHARS = 256 * 1024;
	static final long MAX_FILE_BYTES = 16L * 1024 * 1024;
	private static final int MAX_ENTRIES = 1000;
	private static final int MAX_MATCHES = 200;
	private static final long MAX_SEARCHED_FILE = 2L * 1024 * 1024;
	private static final Set<String> SKIPPED = Set.of(".git", "node_modules", "target", "bin", ".metadata", ".hg", ".svn"); //$NON-NLS-1$ //$NON-NLS-2$ //$NON-NLS-3$ //$NON-NLS-4$ //$NON-NLS-5$ //$NON-NLS-6$ //$NON-NLS-7$

	private final ConfinedFolder folder;

	public BuiltInTools(Path folder) {
		this.folder = new ConfinedFolder(folder);
	}

	@Override
	public String name() {
		return "Chorus"; //$NON-NLS-1$
	}

	@Override
	public List<McpTool> tools(IProgressMonitor monitor) {
		return List.of(
				new McpTool(READ_FILE, "Read a text file of the working folder. Lines are numbered from 1; give offset and limit to read part of a long file.", //$NON-NLS-1$
						schema("{\"type\":\"object\",\"properties\":{\"path\":{\"type\":\"string\",\"description\":\"Path relative to the working folder\"},\"offset\":{\"type\":\"integer\",\"description\":\"First line to read (1-based)\"},\"limit\":{\"type\":\"integer\",\"description\":\"How many lines to read\"}},\"required\":[\"path\"]}"), //$NON-NLS-1$
						true),
				new McpTool(LIST_DIRECTORY, "List the files and folders of a folder of the working folder (folders end with /).", //$NON-NLS-1$
						schema("{\"type\":\"object\",\"properties\":{\"path\":{\"type\":\"string\",\"description\":\"Folder relative to the working folder; . for the working folder itself\"}}}"), //$NON-NLS-1$
						true),
				new McpTool(SEARCH_TEXT, "Search the text files under a folder of the working folder for a text (case-insensitive) or a regular expression; answers path:line: text.", //$NON-NLS-1$
						schema("{\"type\":\"object\",\"properties\":{\"query\":{\"type\":\"string\"},\"path\":{\"type\":\"string\",\"description\":\"Folder to search, relative to the working folder; . by default\"},\"regex\":{\"type\":\"boolean\",\"description\":\"Whether the query is a Java regular expression\"}},\"required\":[\"query\"]}"), //$NON-NLS-1$
						true),
				new McpTool(WRITE_FILE, "Write a text file of the working folder (created, or replaced as a whole). The user is asked first and sees the change.", //$NON-NLS-1$
						schema("{\"type\":\"object\",\"properties\":{\"path\":{\"type\":\"string\",\"description\":\"Path relative to the working folder\"},\"content\":{\"type\":\"string\",\"description\":\"The whole new content\"}},\"required\":[\"path\",\"content\"]}"), //$NON-NLS-1$
						false));
	}

	private static JsonObject schema(String json) {
		return JsonParser.parseString(json).getAsJsonObject();
	}

	@Override
	public boolean asks(McpTool tool) {
		return !tool.readOnly();
	}

	@Override
	public ToolCall describe(String tool, JsonObject arguments, ToolCall call) {
		String path = string(arguments, "path"); //$NON-NLS-1$
		if (path == null) {
			return call;
		}
		try {
			Path file = folder.resolve(path);
			String relative = relative(file);
			if (WRITE_FILE.equals(tool)) {
				String content = string(arguments, "content"); //$NON-NLS-1$
				String old = Files.isRegularFile(file) ? readText(file) : null;
				return new ToolCall(call.id(), NLS.bind(CoreMessages.Tools_WriteTitle, relative), "edit", call.status(), call.input(), //$NON-NLS-1$
						call.output(), List.of(FileDiff.bounded(file.toString(), old, content == null ? "" : content)), //$NON-NLS-1$
						List.of(new ToolLocation(file.toString(), null)), null);
			}
			String title = switch (tool) {
			case READ_FILE -> NLS.bind(CoreMessages.Tools_ReadTitle, relative);
			case LIST_DIRECTORY -> NLS.bind(CoreMessages.Tools_ListTitle, relative.isEmpty() ? "." : relative); //$NON-NLS-1$
			case SEARCH_TEXT -> NLS.bind(CoreMessages.Tools_SearchTitle, string(arguments, "query"), relative.isEmpty() ? "." : relative); //$NON-NLS-1$ //$NON-NLS-2$
			default -> call.title();
			};
			String kind = SEARCH_TEXT.equals(tool) ? "search" : "read"; //$NON-NLS-1$ //$NON-NLS-2$
			return new ToolCall(call.id(), title, kind, call.status(), call.input(), call.output(), null,
					READ_FILE.equals(tool) ? List.of(new ToolLocation(file.toString(), number(arguments, "offset"))) : null, null); //$NON-NLS-1$
		} catch (IOException | IllegalArgumentException e) {
			return call;
		}
	}

	@Override
	public McpToolResult call(String tool, JsonObject arguments, IProgressMonitor monitor) throws McpException {
		try {
			return switch (tool) {
			case READ_FILE -> new McpToolResult(read(file(arguments, "path"), number(arguments, "offset"), number(arguments, "limit")), false); //$NON-NLS-1$ //$NON-NLS-2$ //$NON-NLS-3$
			case LIST_DIRECTORY -> new McpToolResult(list(file(arguments, "path")), false); //$NON-NLS-1$
			case SEARCH_TEXT -> new McpToolResult(search(file(arguments, "path"), required(arguments, "query"), //$NON-NLS-1$ //$NON-NLS-2$
					Boolean.TRUE.equals(bool(arguments, "regex")), monitor), false); //$NON-NLS-1$
			case WRITE_FILE -> new McpToolResult(write(file(arguments, "path"), required(arguments, "content")), false); //$NON-NLS-1$ //$NON-NLS-2$
			default -> throw new McpException(NLS.bind(CoreMessages.Tools_Unknown, tool));
			};
		} catch (IOException e) {
			return new McpToolResult(e.getMessage() == null ? e.toString() : e.getMessage(), true);
		}
	}

	private Path file(JsonObject arguments, String key) throws IOException {
		String path = string(arguments, key);
		try {
			return folder.resolve(path == null || path.isBlank() ? "." : path); //$NON-NLS-1$
		} catch (IllegalArgumentException e) {
			throw new IOException(NLS.bind(CoreMessages.Tools_Outside, path, folder.root()));
		}
	}

	private String relative(Path file) {
		return folder.root().relativize(file).toString();
	}

	private String read(Path file, Integer offset, Integer limit) throws IOException {
		if (!Files.isRegularFile(file)) {
			throw new IOException(NLS.bind(CoreMessages.Tools_NoFile, relative(file)));
		}
		if (Files.size(file) > MAX_FILE_BYTES) {
			throw new IOException(NLS.bind(CoreMessages.Tools_TooLarge, relative(file), MAX_FILE_BYTES / (1024 * 1024)));
		}
		String text = readText(file);
		if (offset != null || limit != null) {
			List<String> lines = text.lines().toList();
			int from = Math.max(1, offset == null ? 1 : offset) - 1;
			int to = limit == null ? lines.size() : Math.min(lines.size(), from + Math.max(0, limit));
			text = from >= lines.size() ? "" : String.join("\n", lines.subList(from, to)); //$NON-NLS-1$ //$NON-NLS-2$
		}
		if (text.length() > MAX_READ_CHARS) {
			long lines = text.substring(0, MAX_READ_CHARS).lines().count();
			return text.substring(0, MAX_READ_CHARS) + '\n' + NLS.bind(CoreMessages.Tools_ReadCut, MAX_READ_CHARS / 1024, lines);
		}
		return text;
	}

	/** The file's text, refused unless it is UTF-8: a binary file read as text would mislead the model. */
	private String readText(Path file) throws IOException {
		try {
			return StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
					.onUnmappableCharacter(CodingErrorAction.REPORT).decode(java.nio.ByteBuffer.wrap(Files.readAllBytes(file))).toString();
		} catch (CharacterCodingException e) {
			throw new IOException(NLS.bind(CoreMessages.Tools_NotText, relative(file)));
		}
	}

	private String list(Path dir) throws IOException {
		if (!Files.isDirectory(dir)) {
			throw new IOException(NLS.bind(CoreMessages.Tools_NoFolder, relative(dir)));
		}
		List<String> names = new ArrayList<>();
		try (Stream<Path> children = Files.list(dir)) {
			children.sorted().forEach(child -> names.add(child.getFileName() + (Files.isDirectory(child) ? "/" : ""))); //$NON-NLS-1$ //$NON-NLS-2$
		}
		if (names.isEmpty()) {
			return CoreMessages.Tools_EmptyFolder;
		}
		StringBuilder text = new StringBuilder();
		names.stream().limit(MAX_ENTRIES).forEach(name -> text.append(name).append('\n'));
		if (names.size() > MAX_ENTRIES) {
			text.append(NLS.bind(CoreMessages.Tools_MoreEntries, names.size() - MAX_ENTRIES));
		}
		return text.toString().strip();
	}

	private String search(Path dir, String query, boolean regex, IProgressMonitor monitor) throws IOException {
		Pattern pattern;
		try {
			pattern = regex ? Pattern.compile(query) : Pattern.compile(Pattern.quote(query), Pattern.CASE_INSENSITIVE | Pattern.UNICODE_CASE);
		} catch (PatternSyntaxException e) {
			throw new IOException(NLS.bind(CoreMessages.Tools_BadPattern, e.getDescription()));
		}
		if (!Files.isDirectory(dir)) {
			throw new IOException(NLS.bind(CoreMessages.Tools_NoFolder, relative(dir)));
		}
		List<String> matches = new ArrayList<>();
		int[] more = { 0 };
		Files.walkFileTree(dir, new SimpleFileVisitor<>() {
			@Override
			public FileVisitResult preVisitDirectory(Path child, BasicFileAttributes attributes) {
				if (monitor != null && monitor.isCanceled()) {
					return FileVisitResult.TERMINATE;
				}
				return !child.equals(dir) && SKIPPED.contains(child.getFileName().toString()) ? FileVisitResult.SKIP_SUBTREE : FileVisitResult.CONTINUE;
			}

			@Override
			public FileVisitResult visitFile(Path file, BasicFileAttributes attributes) {
				if (!attributes.isRegularFile() || attributes.size() > MAX_SEARCHED_FILE) {
					return FileVisitResult.CONTINUE;
				}
				String text;
				try {
					text = readText(file);
				} catch (IOException e) {
					return FileVisitResult.CONTINUE;
				}
				int number = 0;
				for (String line : text.split("\\R", -1)) { //$NON-NLS-1$
					number++;
					if (pattern.matcher(line).find()) {
						if (matches.size() < MAX_MATCHES) {
							String shown = line.strip();
							matches.add(relative(file) + ':' + number + ": " + (shown.length() > 300 ? shown.substring(0, 300) + '\u2026' : shown)); //$NON-NLS-1$
						} else {
							more[0]++;
						}
					}
				}
				return FileVisitResult.CONTINUE;
			}

			@Override
			public FileVisitResult visitFileFailed(Path file, IOException e) {
				return FileVisitResult.CONTINUE;
			}
		});
		if (matches.isEmpty()) {
			return NLS.bind(CoreMessages.Tools_NoMatch, query);
		}
		String text = String.join("\n", matches); //$NON-NLS-1$
		return more[0] > 0 ? text + '\n' + NLS.bind(CoreMessages.Tools_MoreMatches, more[0]) : text;
	}

	private String write(Path file, String content) throws IOException {
		if (Files.isDirectory(file)) {
			throw new IOException(NLS.bind(CoreMessages.Tools_IsFolder, relative(file)));
		}
		boolean existed = Files.exists(file);
		Files2.writeAtomically(file, out -> out.write(content.getBytes(StandardCharsets.UTF_8)));
		return NLS.bind(existed ? CoreMessages.Tools_Written : CoreMessages.Tools_Created, relative(file),
				content.lines().count());
	}

	private static String required(JsonObject arguments, String key) throws IOException {
		String value = string(arguments, key);
		if (value == null) {
			throw new IOException(NLS.bind(CoreMessages.Tools_Missing, key));
		}
		return value;
	}

	private static String string(JsonObject json, String key) {
		JsonElement element = json.get(key);
		return element != null && element.isJsonPrimitive() ? element.getAsString() : null;
	}

	private static Integer number(JsonObject json, String key) {
		JsonElement element = json.get(key);
		try {
			return element != null && element.isJsonPrimitive() ? Integer.valueOf(element.getAsInt()) : null;
		} catch (NumberFormatException e) {
			return null;
		}
	}

	private static Boolean bool(JsonObject json, String key) {
		JsonElement element = json.get(key);
		return element != null && element.isJsonPrimitive() ? Boolean.valueOf(element.getAsString().toLowerCase(Locale.ROOT).equals("true")) : null; //$NON-NLS-1$
	}
}
