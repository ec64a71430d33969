package dev.chorus.core.sessions;

import java.nio.file.Path;

/** A session file that could not be read, and why; the other sessions load regardless. */
public record SessionProblem(Path file, String message) {
}
