package dev.chorus.backend.openai;

import java.io.IOException;
import java.net.ConnectException;
import java.net.URI;
import java.net.http.HttpConnectTimeoutException;

import org.eclipse.osgi.util.NLS;

import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;

import dev.chorus.core.backend.BackendException;

/** Failures of an OpenAI-compatible server, named for the user, with what to do about them. */
final class Failures {

	private Failures() {
	}

	static BackendException unreachable(URI uri, IOException e) {
		String where = uri.getScheme() + "://" + uri.getAuthority(); //$NON-NLS-1$
		if (e instanceof ConnectException || e instanceof HttpConnectTimeoutException) {
			return new BackendException(NLS.bind(Messages.Error_Unreachable, where), Messages.Error_UnreachableHint, e);
		}
		return new BackendException(NLS.bind(Messages.Error_Network, where, describe(e)), Messages.Error_UnreachableHint, e);
	}

	static BackendException httpError(URI uri, int status, String body, String retryAfter) {
		String serverMessage = serverMessage(body);
		String message;
		String hint;
		switch (status) {
		case 401, 403 -> {
			message = NLS.bind(Messages.Error_Auth, status, serverMessage);
			hint = Messages.Error_AuthHint;
		}
		case 404 -> {
			message = NLS.bind(Messages.Error_NotFound, uri, serverMessage);
			hint = Messages.Error_NotFoundHint;
		}
		case 429 -> {
			message = NLS.bind(Messages.Error_RateLimited, serverMessage);
			hint = retryAfter != null ? NLS.bind(Messages.Error_RetryAfter, retryAfter) : Messages.Error_RateLimitedHint;
		}
		default -> {
			message = NLS.bind(status >= 500 ? Messages.Error_ServerFailed : Messages.Error_Http, status, serverMessage);
			hint = status >= 500 ? Messages.Error_ServerFailedHint : null;
		}
		}
		return new BackendException(message, hint);
	}

	/** The server's {@code error.message}, or a short piece of a body that is not JSON. */
	static String serverMessage(String body) {
		if (body == null || body.isBlank()) {
			return Messages.Error_NoDetails;
		}
		try {
			JsonElement json = JsonParser.parseString(body);
			if (json.isJsonObject()) {
				JsonElement error = json.getAsJsonObject().get("error"); //$NON-NLS-1$
				if (error != null && error.isJsonObject() && error.getAsJsonObject().has("message")) { //$NON-NLS-1$
					return error.getAsJsonObject().get("message").getAsString(); //$NON-NLS-1$
				}
				if (error != null && error.isJsonPrimitive()) {
					return error.getAsString();
				}
				JsonObject object = json.getAsJsonObject();
				if (object.has("message") && object.get("message").isJsonPrimitive()) { //$NON-NLS-1$ //$NON-NLS-2$
					return object.get("message").getAsString(); //$NON-NLS-1$
				}
			}
		} catch (RuntimeException e) {
			// Not JSON: show the start of it.
		}
		return snippet(body);
	}

	static String snippet(String body) {
		String flat = body == null ? "" : body.strip().replaceAll("\\s+", " "); //$NON-NLS-1$ //$NON-NLS-2$ //$NON-NLS-3$
		return flat.length() <= 200 ? flat : flat.substring(0, 200) + '\u2026';
	}

	static String describe(Throwable e) {
		return e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
	}
}
