package dev.chorus.core.backend;

/** An installed backend: its id, the name and description shown to users, and its instance. */
public record BackendDescriptor(String id, String name, String description, IAgentBackend backend) {
}
