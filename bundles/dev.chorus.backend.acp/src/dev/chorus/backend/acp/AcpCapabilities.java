package dev.chorus.backend.acp;

import java.util.ArrayList;
import java.util.List;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;

/**
 * What Chorus tells an agent it can do in {@code initialize}, and what the agent answered it can
 * do: each optional method is used only where the agent advertised it.
 */
final class AcpCapabilities {

	/**
	 * A way to log in that the agent offers.
	 *
	 * @param terminal whether the agent's own login runs in a terminal (never with {@code authenticate})
	 * @param args the arguments to start the agent with for that login, for a terminal method
	 */
	record AuthMethod(String id, String name, String description, boolean terminal, List<String> args) {
	}

	private final JsonObject result;
	private final JsonObject agent;

	AcpCapabilities(JsonObject result) {
		this.result = result;
		JsonObject capabilities = AcpUpdates.object(result, "agentCapabilities"); //$NON-NLS-1$
		this.agent = capabilities == null ? new JsonObject() : capabilities;
	}

	/** The parameters of Chorus's {@code initialize}: protocol version 1, files and terminals. */
	static JsonObject initializeParams() {
		JsonObject fs = new JsonObject();
		fs.addProperty("readTextFile", true); //$NON-NLS-1$
		fs.addProperty("writeTextFile", true); //$NON-NLS-1$
		JsonObject capabilities = new JsonObject();
		capabilities.add("fs", fs); //$NON-NLS-1$
		capabilities.addProperty("terminal", true); //$NON-NLS-1$
		JsonObject configOptions = new JsonObject();
		configOptions.add("boolean", new JsonObject()); //$NON-NLS-1$
		JsonObject session = new JsonObject();
		session.add("configOptions", configOptions); //$NON-NLS-1$
		capabilities.add("session", session); //$NON-NLS-1$
		JsonObject elicitation = new JsonObject();
		elicitation.add("form", new JsonObject()); //$NON-NLS-1$
		elicitation.add("url", new JsonObject()); //$NON-NLS-1$
		capabilities.add("elicitation", elicitation); //$NON-NLS-1$
		JsonObject clientInfo = new JsonObject();
		clientInfo.addProperty("name", "chorus"); //$NON-NLS-1$ //$NON-NLS-2$
		clientInfo.addProperty("title", "Chorus"); //$NON-NLS-1$ //$NON-NLS-2$
		clientInfo.addProperty("version", "0.1.0"); //$NON-NLS-1$ //$NON-NLS-2$
		JsonObject params = new JsonObject();
		params.addProperty("protocolVersion", AcpConversation.PROTOCOL_VERSION); //$NON-NLS-1$
		params.add("clientCapabilities", capabilities); //$NON-NLS-1$
		params.add("clientInfo", clientInfo); //$NON-NLS-1$
		return params;
	}

	String agentName(String fallback) {
		JsonObject info = AcpUpdates.object(result, "agentInfo"); //$NON-NLS-1$
		if (info == null) {
			return fallback;
		}
		String name = AcpUpdates.string(info, "title") != null ? AcpUpdates.string(info, "title") : AcpUpdates.string(info, "name"); //$NON-NLS-1$ //$NON-NLS-2$ //$NON-NLS-3$
		String version = AcpUpdates.string(info, "version"); //$NON-NLS-1$
		name = name == null ? fallback : name;
		return version == null ? name : name + ' ' + version;
	}

	boolean canLoad() {
		return flag(agent, "loadSession"); //$NON-NLS-1$
	}

	boolean canResume() {
		return sessionCapability("resume"); //$NON-NLS-1$
	}

	boolean canClose() {
		return sessionCapability("close"); //$NON-NLS-1$
	}

	boolean canList() {
		return sessionCapability("list"); //$NON-NLS-1$
	}

	boolean canDelete() {
		return sessionCapability("delete"); //$NON-NLS-1$
	}

	boolean canLogOut() {
		JsonObject auth = AcpUpdates.object(agent, "auth"); //$NON-NLS-1$
		return auth != null && AcpUpdates.object(auth, "logout") != null; //$NON-NLS-1$
	}

	boolean mcpHttp() {
		JsonObject mcp = AcpUpdates.object(agent, "mcpCapabilities"); //$NON-NLS-1$
		return mcp != null && flag(mcp, "http"); //$NON-NLS-1$
	}

	/** Which content blocks a prompt may hold beyond text and resource links. */
	boolean prompt(String kind) {
		JsonObject prompt = AcpUpdates.object(agent, "promptCapabilities"); //$NON-NLS-1$
		return prompt != null && flag(prompt, kind);
	}

	private boolean sessionCapability(String name) {
		JsonObject session = AcpUpdates.object(agent, "sessionCapabilities"); //$NON-NLS-1$
		return session != null && AcpUpdates.object(session, name) != null;
	}

	List<AuthMethod> authMethods() {
		List<AuthMethod> methods = new ArrayList<>();
		JsonArray given = AcpUpdates.array(result, "authMethods"); //$NON-NLS-1$
		if (given == null) {
			return methods;
		}
		for (JsonElement element : given) {
			if (!element.isJsonObject() || AcpUpdates.string(element.getAsJsonObject(), "id") == null) { //$NON-NLS-1$
				continue;
			}
			JsonObject method = element.getAsJsonObject();
			String id = AcpUpdates.string(method, "id"); //$NON-NLS-1$
			String name = AcpUpdates.string(method, "name"); //$NON-NLS-1$
			List<String> args = new ArrayList<>();
			JsonArray given2 = AcpUpdates.array(method, "args"); //$NON-NLS-1$
			if (given2 != null) {
				given2.forEach(arg -> args.add(arg.isJsonPrimitive() ? arg.getAsString() : String.valueOf(arg)));
			}
			methods.add(new AuthMethod(id, name == null ? id : name, AcpUpdates.string(method, "description"), //$NON-NLS-1$
					"terminal".equals(AcpUpdates.string(method, "type")), List.copyOf(args))); //$NON-NLS-1$ //$NON-NLS-2$
		}
		return methods;
	}

	private static boolean flag(JsonObject json, String key) {
		JsonElement element = json.get(key);
		return element != null && element.isJsonPrimitive() && element.getAsJsonPrimitive().isBoolean() && element.getAsBoolean();
	}
}
