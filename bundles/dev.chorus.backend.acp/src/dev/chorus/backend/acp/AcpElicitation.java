package dev.chorus.backend.acp;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;

import dev.chorus.core.backend.Form;
import dev.chorus.core.backend.PermissionRequest;

/**
 * An agent's {@code elicitation/create}: a form built from its JSON schema (text, numbers,
 * booleans, choices) or a page to open, asked in the chat; answered accept (with the values),
 * decline, or cancel when the question was dropped. Fields of types Chorus cannot show are left
 * out of the form.
 */
final class AcpElicitation {

	static final String ACCEPT = "accept"; //$NON-NLS-1$
	static final String DECLINE = "decline"; //$NON-NLS-1$

	private AcpElicitation() {
	}

	/** Asks with {@code ask} and returns the schema's {@code CreateElicitationResponse}. */
	static JsonObject answer(JsonObject params, Function<PermissionRequest, Optional<String>> ask) {
		String message = String.valueOf(AcpUpdates.string(params, "message")); //$NON-NLS-1$
		Form form = "url".equals(AcpUpdates.string(params, "mode")) //$NON-NLS-1$ //$NON-NLS-2$
				? Form.page(message, AcpUpdates.string(params, "url")) //$NON-NLS-1$
				: Form.of(message, fields(AcpUpdates.object(params, "requestedSchema"))); //$NON-NLS-1$
		List<PermissionRequest.Option> options = List.of(
				new PermissionRequest.Option(ACCEPT, form.url() == null ? Messages.Elicit_Submit : Messages.Elicit_Done, "allow_once"), //$NON-NLS-1$
				new PermissionRequest.Option(DECLINE, Messages.Elicit_Decline, "reject_once")); //$NON-NLS-1$
		Optional<String> chosen = ask.apply(new PermissionRequest(null, options, form));
		JsonObject result = new JsonObject();
		if (chosen.isEmpty()) {
			result.addProperty("action", "cancel"); //$NON-NLS-1$ //$NON-NLS-2$
		} else if (chosen.get().equals(ACCEPT)) {
			result.addProperty("action", ACCEPT); //$NON-NLS-1$
			if (form.url() == null) {
				JsonObject content = new JsonObject();
				for (Map.Entry<String, Object> value : form.answers().entrySet()) {
					switch (value.getValue()) {
					case Boolean flag -> content.addProperty(value.getKey(), flag);
					case Number number -> content.addProperty(value.getKey(), number);
					default -> content.addProperty(value.getKey(), String.valueOf(value.getValue()));
					}
				}
				result.add("content", content); //$NON-NLS-1$
			}
		} else {
			result.addProperty("action", DECLINE); //$NON-NLS-1$
		}
		return result;
	}

	private static List<Form.Field> fields(JsonObject schema) {
		List<Form.Field> fields = new ArrayList<>();
		JsonObject properties = schema == null ? null : AcpUpdates.object(schema, "properties"); //$NON-NLS-1$
		if (properties == null) {
			return fields;
		}
		Set<String> required = new java.util.HashSet<>();
		JsonArray names = AcpUpdates.array(schema, "required"); //$NON-NLS-1$
		if (names != null) {
			names.forEach(name -> required.add(name.isJsonPrimitive() ? name.getAsString() : "")); //$NON-NLS-1$
		}
		for (Map.Entry<String, JsonElement> property : properties.entrySet()) {
			if (!property.getValue().isJsonObject()) {
				continue;
			}
			JsonObject field = property.getValue().getAsJsonObject();
			String title = AcpUpdates.string(field, "title"); //$NON-NLS-1$
			String description = AcpUpdates.string(field, "description"); //$NON-NLS-1$
			String defaultValue = AcpUpdates.string(field, "default"); //$NON-NLS-1$
			List<String> values = new ArrayList<>();
			List<String> labels = new ArrayList<>();
			choices(field, values, labels);
			Form.Kind kind = switch (String.valueOf(AcpUpdates.string(field, "type"))) { //$NON-NLS-1$
			case "string" -> values.isEmpty() ? Form.Kind.TEXT : Form.Kind.CHOICE; //$NON-NLS-1$
			case "number" -> Form.Kind.NUMBER; //$NON-NLS-1$
			case "integer" -> Form.Kind.INTEGER; //$NON-NLS-1$
			case "boolean" -> Form.Kind.BOOLEAN; //$NON-NLS-1$
			default -> null;
			};
			if (kind != null) {
				fields.add(new Form.Field(property.getKey(), title == null ? property.getKey() : title, description, kind,
						required.contains(property.getKey()), values, labels, defaultValue));
			}
		}
		return fields;
	}

	private static void choices(JsonObject field, List<String> values, List<String> labels) {
		JsonArray plain = AcpUpdates.array(field, "enum"); //$NON-NLS-1$
		if (plain != null) {
			plain.forEach(value -> {
				values.add(value.getAsString());
				labels.add(value.getAsString());
			});
			return;
		}
		JsonArray titled = AcpUpdates.array(field, "oneOf"); //$NON-NLS-1$
		if (titled != null) {
			for (JsonElement option : titled) {
				if (option.isJsonObject() && AcpUpdates.string(option.getAsJsonObject(), "const") != null) { //$NON-NLS-1$
					values.add(AcpUpdates.string(option.getAsJsonObject(), "const")); //$NON-NLS-1$
					String title = AcpUpdates.string(option.getAsJsonObject(), "title"); //$NON-NLS-1$
					labels.add(title == null ? AcpUpdates.string(option.getAsJsonObject(), "const") : title); //$NON-NLS-1$
				}
			}
		}
	}
}
