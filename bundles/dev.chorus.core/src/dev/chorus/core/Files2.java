package dev.chorus.core;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.BasicFileAttributes;

/** File operations that leave either the old or the new state behind, never half of one. */
public final class Files2 {

	/** Writes the content of a file. */
	@FunctionalInterface
	public interface Content {
		void writeTo(OutputStream out) throws IOException;
	}

	private Files2() {
	}

	/** Writes to a temp file beside the target, forces it to disk, then moves it over the target. */
	public static void writeAtomically(Path target, Content content) throws IOException {
		Files.createDirectories(target.getParent());
		Path temp = Files.createTempFile(target.getParent(), "." + target.getFileName(), ".tmp"); //$NON-NLS-1$ //$NON-NLS-2$
		try {
			try (OutputStream out = Files.newOutputStream(temp)) {
				content.writeTo(out);
			}
			try (java.nio.channels.FileChannel channel = java.nio.channels.FileChannel.open(temp,
					java.nio.file.StandardOpenOption.WRITE)) {
				channel.force(true);
			}
			try {
				Files.move(temp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
			} catch (AtomicMoveNotSupportedException e) {
				Files.move(temp, target, StandardCopyOption.REPLACE_EXISTING);
			}
		} finally {
			Files.deleteIfExists(temp);
		}
	}

	/** Deletes a folder and everything in it; nothing happens when it does not exist. */
	public static void deleteRecursively(Path folder) throws IOException {
		if (!Files.exists(folder)) {
			return;
		}
		Files.walkFileTree(folder, new SimpleFileVisitor<>() {
			@Override
			public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) throws IOException {
				Files.delete(file);
				return FileVisitResult.CONTINUE;
			}

			@Override
			public FileVisitResult postVisitDirectory(Path dir, IOException exc) throws IOException {
				if (exc != null) {
					throw exc;
				}
				Files.delete(dir);
				return FileVisitResult.CONTINUE;
			}
		});
	}
}
