package dev.chorus.core.backend;

/**
 * A command the agent offers, typed as {@code /name} at the start of a message (ACP
 * {@code available_commands_update}).
 *
 * @param name the command's name, without the slash
 * @param description what it does
 * @param inputHint what to type after it, or {@code null} when it takes no input
 */
public record SlashCommand(String name, String description, String inputHint) {
}
