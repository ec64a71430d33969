package dev.chorus.discovery;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/** Finds executables on a search path, as a shell would (without running a shell). */
public final class ProgramPath {

	private ProgramPath() {
	}

	/** The executable file of that name in the first folder of the path that has one. */
	public static Optional<Path> find(String name, String searchPath) {
		if (name == null || name.isBlank() || searchPath == null) {
			return Optional.empty();
		}
		boolean windows = File.separatorChar == '\\';
		List<String> suffixes = windows ? List.of("", ".exe", ".cmd", ".bat") : List.of(""); //$NON-NLS-1$ //$NON-NLS-2$ //$NON-NLS-3$ //$NON-NLS-4$
		for (String folder : searchPath.split(File.pathSeparator)) {
			if (folder.isBlank()) {
				continue;
			}
			for (String suffix : suffixes) {
				try {
					Path candidate = Path.of(folder, name + suffix);
					if (Files.isRegularFile(candidate) && Files.isExecutable(candidate)) {
						return Optional.of(candidate.toAbsolutePath());
					}
				} catch (InvalidPathException e) {
					// A folder of the path that cannot name a file here: the next one may.
				}
			}
		}
		return Optional.empty();
	}

	/** The program of a command line (its first word, unquoted), or {@code ""}. */
	public static String programOf(String commandLine) {
		String line = commandLine == null ? "" : commandLine.strip(); //$NON-NLS-1$
		if (line.isEmpty()) {
			return ""; //$NON-NLS-1$
		}
		char first = line.charAt(0);
		if (first == '\'' || first == '"') {
			int end = line.indexOf(first, 1);
			return end < 0 ? line.substring(1) : line.substring(1, end);
		}
		int space = 0;
		while (space < line.length() && !Character.isWhitespace(line.charAt(space))) {
			space++;
		}
		return line.substring(0, space);
	}

	/** Whether the program of a command line can be started: an executable path, or a name on the path. */
	public static boolean isInstalled(String program, String searchPath) {
		if (program.isEmpty()) {
			return false;
		}
		if (program.indexOf('/') >= 0 || program.indexOf('\\') >= 0) {
			try {
				Path path = Path.of(program);
				return Files.isRegularFile(path) && Files.isExecutable(path);
			} catch (InvalidPathException e) {
				return false;
			}
		}
		return find(program, searchPath).isPresent();
	}

	/** A word for a command line: quoted with single quotes when it holds anything a shell would split. */
	public static String quote(String word) {
		for (int i = 0; i < word.length(); i++) {
			char c = word.charAt(i);
			if (!(Character.isLetterOrDigit(c) || "/._-+:=@%,".indexOf(c) >= 0)) { //$NON-NLS-1$
				return '\'' + word.replace("'", "'\\''") + '\''; //$NON-NLS-1$ //$NON-NLS-2$
			}
		}
		return word.isEmpty() ? "''" : word; //$NON-NLS-1$
	}

	static String lowerName(Path program) {
		return program.getFileName().toString().toLowerCase(Locale.ROOT);
	}
}
