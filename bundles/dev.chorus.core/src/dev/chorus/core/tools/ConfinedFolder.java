package dev.chorus.core.tools;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;

/**
 * A folder an agent may touch and nothing outside it: a path that leads out by {@code ..} or by a
 * link is refused. Paths are taken relative to the folder unless absolute.
 */
public final class ConfinedFolder {

	private final Path folder;

	public ConfinedFolder(Path folder) {
		this.folder = folder;
	}

	/** The folder with its links followed (as it is, when it does not exist). */
	public Path root() {
		try {
			return folder.toRealPath();
		} catch (IOException e) {
			return folder.toAbsolutePath().normalize();
		}
	}

	/**
	 * The real place of a path: the nearest part of it that exists with its links followed, then
	 * the rest.
	 *
	 * @throws IllegalArgumentException when that is outside the folder
	 */
	public Path resolve(String path) throws IOException {
		Path root = root();
		Path requested = root.resolve(path).normalize();
		Path existing = requested;
		while (existing != null && !Files.exists(existing, LinkOption.NOFOLLOW_LINKS)) {
			existing = existing.getParent();
		}
		Path real = existing == null ? requested : existing.toRealPath().resolve(existing.relativize(requested)).normalize();
		if (!real.startsWith(root)) {
			throw new IllegalArgumentException(path);
		}
		return real;
	}
}
