package dev.chorus.core.mcp;

import com.google.gson.JsonObject;

/**
 * A tool an MCP server offers ({@code tools/list}).
 *
 * @param name the server's name for it
 * @param description what it does, for the model, or {@code ""}
 * @param inputSchema the JSON Schema of its arguments
 * @param readOnly whether the server says it changes nothing ({@code annotations.readOnlyHint})
 */
public record McpTool(String name, String description, JsonObject inputSchema, boolean readOnly) {
}
