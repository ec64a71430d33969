// Checks every JSON-RPC message a client sends to this agent against the JSON Schema that ships
// in @agentclientprotocol/sdk (schema/v1/schema.json, JSON Schema 2020-12, hence Ajv2020).
//
// How the schema ties messages to types: each request, response and notification type in $defs
// names its method in "x-method" and the side that handles the method in "x-side". A request the
// client sends is an "agent"-side type ending in "Request" (InitializeRequest, PromptRequest...);
// a notification it sends is an "agent"- or "protocol"-side type ending in "Notification"
// (CancelNotification, CancelRequestNotification); a response it sends answers a request of the
// agent, so it is the "client"-side type ending in "Response" of that request's method
// (WriteTextFileResponse, RequestPermissionResponse...). The envelope follows ClientRequest,
// ClientResponse and ClientNotification: "jsonrpc": "2.0", ids of the RequestId type, a response
// with exactly one of result and error, errors of the Error type.

import { createRequire } from "node:module";
import Ajv2020 from "ajv/dist/2020.js";
import addFormats from "ajv-formats";

const require = createRequire(import.meta.url);
export const schema = require("@agentclientprotocol/sdk/schema/v1/schema.json");

const Ajv = Ajv2020.default ?? Ajv2020;
const ajv = new Ajv({ allErrors: true, strict: true, strictTypes: false });
(addFormats.default ?? addFormats)(ajv);
// Annotations of the schema's generator (and OpenAPI's discriminator): no effect on validation.
for (const keyword of ["x-side", "x-method", "x-docs-ignore", "x-deserialize-default-on-error",
	"x-deserialize-skip-invalid-items", "x-deserialize-default-on-null", "discriminator"]) {
	ajv.addKeyword({ keyword });
}
// Rust integer formats the schema uses beside the ones ajv-formats knows (int32, int64, double).
ajv.addFormat("uint16", { type: "number", validate: (n) => Number.isInteger(n) && n >= 0 && n <= 0xffff });
ajv.addFormat("uint32", { type: "number", validate: (n) => Number.isInteger(n) && n >= 0 && n <= 0xffffffff });
ajv.addFormat("uint64", { type: "number", validate: (n) => Number.isInteger(n) && n >= 0 });
ajv.addSchema(schema, "acp");

/** The $defs types by side, kind and method, read from x-side / x-method. */
const types = { request: new Map(), notification: new Map(), response: new Map(), other: new Map() };
for (const [name, def] of Object.entries(schema.$defs)) {
	const method = def["x-method"];
	const side = def["x-side"];
	if (!method) {
		continue;
	}
	const kind = name.endsWith("Request") ? "request" : name.endsWith("Notification") ? "notification"
		: name.endsWith("Response") ? "response" : null;
	if (kind === "request" && side === "agent") {
		types.request.set(method, name);
	} else if (kind === "notification" && (side === "agent" || side === "protocol")) {
		types.notification.set(method, name);
	} else if (kind === "response" && side === "client") {
		types.response.set(method, name);
	} else {
		types.other.set(method, name); // a method the agent handles' response, or one the client handles
	}
}

const validators = new Map();
function validator(name) {
	let validate = validators.get(name);
	if (!validate) {
		validate = ajv.getSchema(`acp#/$defs/${name}`);
		validators.set(name, validate);
	}
	return validate;
}

function check(name, value) {
	const validate = validator(name);
	if (validate(value)) {
		return [];
	}
	return validate.errors.slice(0, 30).map(({ instancePath, schemaPath, keyword, params, message }) =>
		({ instancePath, schemaPath, keyword, params, message }));
}

function problem(message, keyword = "envelope") {
	return { instancePath: "", schemaPath: "", keyword, params: {}, message };
}

function isRequestId(id) {
	return typeof id === "string" || Number.isSafeInteger(id);
}

/**
 * Checks one message from the client. `pending` maps the JSON of each id of the agent's own open
 * requests to their method; a response to one of them is checked against that method's response
 * type and removed. Returns { kind, method, type, errors }: errors is empty when the message is valid.
 */
export function checkIncoming(message, pending) {
	if (typeof message !== "object" || message === null || Array.isArray(message)) {
		return { kind: "invalid", method: null, type: null,
			errors: [problem(Array.isArray(message) ? "a JSON-RPC batch: ACP sends one message a line" : "not a JSON object")] };
	}
	const errors = [];
	if (message.jsonrpc !== "2.0") {
		errors.push(problem(`"jsonrpc" must be "2.0", is ${JSON.stringify(message.jsonrpc)}`));
	}
	if ("method" in message) {
		const method = message.method;
		if (typeof method !== "string") {
			return { kind: "invalid", method: null, type: null, errors: [...errors, problem("\"method\" must be a string")] };
		}
		const isRequest = "id" in message;
		const kind = isRequest ? "request" : "notification";
		if (isRequest && !isRequestId(message.id)) {
			errors.push(problem(`a request id must be a string or an integer (null is discouraged by JSON-RPC), is ${JSON.stringify(message.id)}`));
		}
		if ("result" in message || "error" in message) {
			errors.push(problem("a request or notification must not carry \"result\" or \"error\""));
		}
		const params = message.params;
		if (params !== undefined && params !== null && (typeof params !== "object" || Array.isArray(params))) {
			errors.push(problem("\"params\" must be an object when present"));
		}
		if (method.startsWith("_")) {
			return { kind, method, type: "extension", errors }; // ExtRequest / ExtNotification: any params
		}
		const type = types[kind].get(method);
		if (!type) {
			const other = types.request.get(method) ?? types.notification.get(method) ?? types.other.get(method);
			errors.push(problem(other
				? `${method} is not a ${kind} a client sends to an agent (the schema has ${other})`
				: `${method} is not an ACP ${kind} method (extension methods start with "_")`, "method"));
			return { kind, method, type: null, errors };
		}
		errors.push(...check(type, params ?? {}));
		return { kind, method, type, errors };
	}
	// A response.
	if (!("id" in message)) {
		return { kind: "invalid", method: null, type: null, errors: [...errors, problem("neither \"method\" nor \"id\": not a JSON-RPC message")] };
	}
	const hasResult = Object.hasOwn(message, "result");
	const hasError = Object.hasOwn(message, "error");
	if (hasResult === hasError) {
		errors.push(problem("a response must have exactly one of \"result\" and \"error\""));
	}
	const key = JSON.stringify(message.id);
	const method = pending.get(key);
	if (method === undefined) {
		errors.push(problem(`a response to ${key}, which is no open request of the agent`, "protocol"));
		return { kind: "response", method: null, type: null, errors };
	}
	pending.delete(key);
	if (hasError) {
		errors.push(...check("Error", message.error));
		return { kind: "response", method, type: "Error", errors };
	}
	const type = method.startsWith("_") ? null : types.response.get(method);
	if (type && hasResult) {
		errors.push(...check(type, message.result));
	}
	return { kind: "response", method, type, errors };
}

/** The methods the schema knows, by kind, for the self-test and for documentation. */
export function knownMethods() {
	return {
		requests: [...types.request.keys()],
		notifications: [...types.notification.keys()],
		responses: [...types.response.keys()],
	};
}
