package dev.chorus.core.transcript;

/**
 * A place in a file that a tool call is about (ACP {@code locations}), for following the agent.
 *
 * @param path the file's path
 * @param line the line, from 1, or {@code null} for the whole file
 */
public record ToolLocation(String path, Integer line) {
}
