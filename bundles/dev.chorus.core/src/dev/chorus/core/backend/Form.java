package dev.chorus.core.backend;

import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * What an agent asks the user to fill in or to open (an ACP elicitation): a message, and either
 * fields to fill in or a page to open. Asked as a {@link PermissionRequest} whose accepting option
 * submits the form; the values the user gave are read from {@link #answers()} once it is answered.
 */
public final class Form {

	/** What a field holds. */
	public enum Kind {
		TEXT, NUMBER, INTEGER, BOOLEAN, CHOICE
	}

	/**
	 * One field.
	 *
	 * @param name the key of its value in the answer
	 * @param title its label
	 * @param description a longer explanation, or {@code null}
	 * @param values the values of a {@link Kind#CHOICE}, else empty
	 * @param labels the labels of those values, in the same order
	 * @param defaultValue the value it starts with, or {@code null}
	 */
	public record Field(String name, String title, String description, Kind kind, boolean required, List<String> values,
			List<String> labels, String defaultValue) {

		public Field {
			values = values == null ? List.of() : List.copyOf(values);
			labels = labels == null ? values : List.copyOf(labels);
		}
	}

	private final String message;
	private final List<Field> fields;
	private final String url;
	private final Map<String, Object> answers = new ConcurrentHashMap<>();

	private Form(String message, List<Field> fields, String url) {
		this.message = message;
		this.fields = List.copyOf(fields);
		this.url = url;
	}

	public static Form of(String message, List<Field> fields) {
		return new Form(message, fields, null);
	}

	/** A page the user opens (to sign in, say); the agent learns when it is done by itself. */
	public static Form page(String message, String url) {
		return new Form(message, List.of(), url);
	}

	public String message() {
		return message;
	}

	public List<Field> fields() {
		return fields;
	}

	/** The page to open, or {@code null} for a form with fields. */
	public String url() {
		return url;
	}

	/** Sets the user's value of a field: a String, a Boolean or a Number. */
	public void answer(String field, Object value) {
		if (value == null) {
			answers.remove(field);
		} else {
			answers.put(field, value);
		}
	}

	public Map<String, Object> answers() {
		return Map.copyOf(answers);
	}
}
