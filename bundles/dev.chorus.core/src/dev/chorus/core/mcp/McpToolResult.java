package dev.chorus.core.mcp;

import com.google.gson.GsonBuilder;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;

/**
 * What a tool call returned, as text for the model and the transcript: text content as it is,
 * other content named ({@code [image image/png, 2 KB]}), structured content as JSON when there is
 * nothing else.
 *
 * @param text the result
 * @param error whether the tool reported a failure ({@code isError})
 */
public record McpToolResult(String text, boolean error) {

	static McpToolResult of(JsonObject result) {
		StringBuilder text = new StringBuilder();
		JsonElement content = result.get("content"); //$NON-NLS-1$
		if (content != null && content.isJsonArray()) {
			for (JsonElement element : content.getAsJsonArray()) {
				if (!element.isJsonObject()) {
					continue;
				}
				if (text.length() > 0) {
					text.append('\n');
				}
				text.append(describe(element.getAsJsonObject()));
			}
		}
		if (text.length() == 0 && result.has("structuredContent")) { //$NON-NLS-1$
			text.append(new GsonBuilder().setPrettyPrinting().create().toJson(result.get("structuredContent"))); //$NON-NLS-1$
		}
		boolean error = result.has("isError") && result.get("isError").isJsonPrimitive() && result.get("isError").getAsBoolean(); //$NON-NLS-1$ //$NON-NLS-2$ //$NON-NLS-3$
		return new McpToolResult(text.toString(), error);
	}

	private static String describe(JsonObject item) {
		String type = string(item, "type"); //$NON-NLS-1$
		return switch (type) {
		case "text" -> string(item, "text"); //$NON-NLS-1$ //$NON-NLS-2$
		case "image", "audio" -> "[" + type + ' ' + string(item, "mimeType") + ", " + size(string(item, "data")) + ']'; //$NON-NLS-1$ //$NON-NLS-2$ //$NON-NLS-3$ //$NON-NLS-4$ //$NON-NLS-5$ //$NON-NLS-6$
		case "resource" -> { //$NON-NLS-1$
			JsonObject resource = item.has("resource") && item.get("resource").isJsonObject() ? item.getAsJsonObject("resource") : new JsonObject(); //$NON-NLS-1$ //$NON-NLS-2$ //$NON-NLS-3$
			yield resource.has("text") ? string(resource, "text") : "[resource " + string(resource, "uri") + ']'; //$NON-NLS-1$ //$NON-NLS-2$ //$NON-NLS-3$ //$NON-NLS-4$
		}
		case "resource_link" -> "[" + string(item, "name") + "](" + string(item, "uri") + ')'; //$NON-NLS-1$ //$NON-NLS-2$ //$NON-NLS-3$ //$NON-NLS-4$ //$NON-NLS-5$
		default -> "[" + type + ']'; //$NON-NLS-1$
		};
	}

	private static String size(String base64) {
		long bytes = base64.length() * 3L / 4;
		return bytes < 1024 ? bytes + " B" : bytes / 1024 + " KB"; //$NON-NLS-1$ //$NON-NLS-2$
	}

	private static String string(JsonObject json, String key) {
		JsonElement element = json.get(key);
		return element != null && element.isJsonPrimitive() ? element.getAsString() : ""; //$NON-NLS-1$
	}
}
