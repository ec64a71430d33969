#!/usr/bin/env node
// An Agent Client Protocol agent for Chorus's tests, built on the official TypeScript SDK
// (@agentclientprotocol/sdk, its agent-side app on an ndJsonStream over stdio). Tests start it as
// a real child process: node agent.mjs [flags]. Every line the client writes is checked against
// the SDK's JSON Schema before the SDK reads it (validator.mjs); each violation is appended as one
// JSON line to $CHORUS_SDK_AGENT_VIOLATIONS, and every message both ways to $CHORUS_SDK_AGENT_LOG
// as {"dir":"in"|"out","msg":...}. Behaviour comes from the flags and from the first word of each
// prompt; see the README beside this file for the whole contract.

import fs from "node:fs";
import path from "node:path";
import { createRequire } from "node:module";
import { Readable, Transform } from "node:stream";
import * as acp from "@agentclientprotocol/sdk";
import { checkIncoming, knownMethods } from "./validator.mjs";

const require = createRequire(import.meta.url);
// The package's exports do not include its package.json: read it beside the schema it exports.
const SDK_VERSION = JSON.parse(fs.readFileSync(path.join(path.dirname(
	require.resolve("@agentclientprotocol/sdk/schema/v1/schema.json")), "..", "..", "package.json"), "utf8")).version;
const AGENT_NAME = "chorus-sdk-test-agent";
const AGENT_VERSION = "1.0.0";

const FLAGS = {
	"--auth": "advertise auth methods; session/new, load, resume and list need authenticate(test-login) first",
	"--auth-hang": "with --auth: authenticate never answers (until $/cancel_request)",
	"--auth-terminal": "list the terminal auth method even when the client did not set auth.terminal",
	"--legacy-modes": "answer sessions with the legacy modes instead of configOptions",
	"--early-updates": "send available_commands_update before the session/new response, not after it",
	"--replay": "session/load and session/resume accept any session id (load replays two messages)",
	"--ignore-capabilities": "call fs, terminal and elicitation methods even when the client did not offer them",
	"--terminal-login": "run the terminal login (what the terminal auth method's args add) instead of ACP",
	"--self-test": "check the schema validator on good and bad messages, then exit",
};
const flags = new Set(process.argv.slice(2));
for (const flag of flags) {
	if (!(flag in FLAGS)) {
		process.stderr.write(`${AGENT_NAME}: unknown flag ${flag}; the flags are:\n`
			+ Object.entries(FLAGS).map(([name, help]) => `  ${name}  ${help}\n`).join(""));
		process.exit(2);
	}
}

// --- The log and the violations ---------------------------------------------------------------

function openAppend(file) {
	return file ? fs.openSync(file, "a") : null;
}
const logFd = openAppend(process.env.CHORUS_SDK_AGENT_LOG);
const violationsFd = openAppend(process.env.CHORUS_SDK_AGENT_VIOLATIONS);
const loginFile = process.env.CHORUS_SDK_AGENT_LOGIN_FILE;
let violationCount = 0;

function log(dir, text, isJson) {
	if (logFd !== null) {
		fs.writeSync(logFd, `{"dir":"${dir}","msg":${isJson ? text : JSON.stringify(text)}${isJson ? "" : ",\"notJson\":true"}}\n`);
	}
}

/** Appends one violation: what the client sent that the schema (or the protocol) does not allow. */
function violation(kind, method, type, errors, text) {
	violationCount++;
	const entry = {
		direction: "in", kind, method, type, errors,
		message: text.length > 2048 ? text.slice(0, 2048) + "…" : text,
	};
	const line = JSON.stringify(entry);
	if (violationsFd !== null) {
		fs.writeSync(violationsFd, line + "\n");
	}
	process.stderr.write(`${AGENT_NAME}: violation in the ${kind} ${method ?? ""} (${type ?? "no schema type"}): ${errors.map((e) => `${e.instancePath} ${e.message}`).join("; ")}\n`);
}

function protocolViolation(method, message, params) {
	violation("protocol", method, null, [{ instancePath: "", schemaPath: "", keyword: "protocol", params: {}, message }], JSON.stringify(params ?? null));
}

// --- Self-test and terminal login (no ACP connection) --------------------------------------

function selfTest() {
	const pending = new Map([["7", "fs/write_text_file"], ["8", "fs/write_text_file"], ["9", "session/request_permission"], ["10", "fs/write_text_file"]]);
	// Each case is checked once, in order: a response removes its id from the pending requests.
	const cases = [
		[true, { jsonrpc: "2.0", id: 1, method: "initialize", params: { protocolVersion: 1, clientCapabilities: { fs: { readTextFile: true } } } }],
		[true, { jsonrpc: "2.0", id: 2, method: "session/new", params: { cwd: "/tmp", mcpServers: [] } }],
		[true, { jsonrpc: "2.0", method: "session/cancel", params: { sessionId: "s" } }],
		[true, { jsonrpc: "2.0", id: 7, result: {} }],
		[true, { jsonrpc: "2.0", id: 9, result: { outcome: { outcome: "selected", optionId: "allow-once" } } }],
		[false, { jsonrpc: "2.0", id: 8, result: null }],
		[false, { jsonrpc: "2.0", id: 3, method: "session/new", params: { mcpServers: "none" } }],
		[false, { jsonrpc: "1.0", id: 4, method: "session/list", params: {} }],
		[false, { jsonrpc: "2.0", id: 5.5, method: "session/prompt", params: { sessionId: "s", prompt: [{ type: "text" }] } }],
		[false, { jsonrpc: "2.0", method: "session/update", params: {} }],
		[false, { jsonrpc: "2.0", id: 99, result: {} }],
		[false, { jsonrpc: "2.0", id: 10 }],
	];
	let failed = 0;
	for (const [valid, message] of cases) {
		const { errors } = checkIncoming(message, pending);
		if ((errors.length === 0) !== valid) {
			failed++;
			process.stderr.write(`self-test: expected ${valid ? "valid" : "invalid"}: ${JSON.stringify(message)} ${JSON.stringify(errors)}\n`);
		}
	}
	const methods = knownMethods();
	process.stdout.write(`${AGENT_NAME} validator self-test: ${cases.length - failed} of ${cases.length} cases as expected`
		+ ` (SDK ${SDK_VERSION}; ${methods.requests.length} client requests, ${methods.notifications.length} notifications,`
		+ ` ${methods.responses.length} responses in the schema)\n`);
	process.exit(failed === 0 ? 0 : 1);
}

function terminalLogin() {
	process.stdout.write(`${AGENT_NAME}: terminal login. Press Enter to log in.\n`);
	let answered = false;
	process.stdin.once("data", () => {
		answered = true;
		if (loginFile) {
			fs.writeFileSync(loginFile, new Date().toISOString() + "\n");
		}
		log("login", JSON.stringify({ env: process.env.CHORUS_SDK_AGENT_TERMINAL_LOGIN ?? null }), true);
		process.stdout.write("Logged in.\n");
		process.exit(0);
	});
	process.stdin.once("end", () => {
		if (!answered) {
			process.stderr.write("Login aborted.\n");
			process.exit(1);
		}
	});
}

// --- The wrapped stdio --------------------------------------------------------------------

/** Splits a byte stream into lines, handing each complete line (as text) to the callback. */
class Lines {
	constructor(onLine) {
		this.onLine = onLine;
		this.parts = [];
	}

	push(chunk) {
		let start = 0;
		let newline;
		while ((newline = chunk.indexOf(0x0a, start)) !== -1) {
			this.parts.push(chunk.subarray(start, newline));
			const line = Buffer.concat(this.parts).toString("utf8");
			this.parts = [];
			this.onLine(line);
			start = newline + 1;
		}
		if (start < chunk.length) {
			this.parts.push(Buffer.from(chunk.subarray(start)));
		}
	}

	end() {
		if (this.parts.length > 0) {
			const line = Buffer.concat(this.parts).toString("utf8");
			this.parts = [];
			this.onLine(line);
		}
	}
}

/** The agent's own requests still waiting for the client's answer: JSON of the id -> method. */
const pendingRequests = new Map();
/** Work to do once the agent's response to a request has been written: JSON of the id -> callbacks. */
const afterResponses = new Map();
let initializeSeen = false;

function inspectIncoming(line) {
	const text = line.trim();
	if (!text) {
		return;
	}
	let message;
	try {
		message = JSON.parse(text);
	} catch (e) {
		log("in", text, false);
		violation("invalid", null, null, [{ instancePath: "", schemaPath: "", keyword: "json", params: {}, message: `not JSON: ${e.message}` }], text);
		return;
	}
	log("in", text, true);
	const result = checkIncoming(message, pendingRequests);
	if (result.kind === "request" && result.method === "initialize") {
		initializeSeen = true;
	} else if (result.kind === "request" && !initializeSeen) {
		result.errors.push({ instancePath: "", schemaPath: "", keyword: "protocol", params: {},
			message: `${result.method} before initialize` });
	}
	if (result.errors.length > 0) {
		violation(result.kind, result.method, result.type, result.errors, text);
	}
}

function inspectOutgoing(line) {
	const text = line.trim();
	if (!text) {
		return;
	}
	log("out", text, true);
	const message = JSON.parse(text);
	if (typeof message.method === "string" && "id" in message) {
		pendingRequests.set(JSON.stringify(message.id), message.method);
	} else if (!("method" in message) && "id" in message) {
		const key = JSON.stringify(message.id);
		const callbacks = afterResponses.get(key);
		if (callbacks) {
			afterResponses.delete(key);
			setImmediate(() => callbacks.forEach((callback) => callback()));
		}
	}
}

/** Runs the callback right after the response to the request with this id has been written. */
function afterResponse(requestId, callback) {
	const key = JSON.stringify(requestId);
	const callbacks = afterResponses.get(key) ?? [];
	callbacks.push(callback);
	afterResponses.set(key, callbacks);
}

function wrappedStdio() {
	const incoming = new Lines(inspectIncoming);
	const tap = new Transform({
		transform(chunk, _encoding, done) {
			incoming.push(chunk);
			done(null, chunk);
		},
		flush(done) {
			incoming.end();
			done();
		},
	});
	process.stdin.pipe(tap);
	const outgoing = new Lines(inspectOutgoing);
	const output = new WritableStream({
		write(chunk) {
			outgoing.push(Buffer.from(chunk.buffer, chunk.byteOffset, chunk.byteLength));
			return new Promise((resolve, reject) => process.stdout.write(chunk, (error) => (error ? reject(error) : resolve())));
		},
	});
	process.stdout.on("error", () => process.exit(0));
	return acp.ndJsonStream(output, Readable.toWeb(tap));
}

// --- The agent ----------------------------------------------------------------------------

const MODES = [
	{ id: "ask", name: "Ask", description: "Answers questions without changing files" },
	{ id: "code", name: "Code", description: "Edits files" },
	{ id: "architect", name: "Architect", description: "Plans changes before making them" },
];
const MODELS = [
	{ group: "fast", name: "Fast", options: [{ value: "small", name: "Small", description: "Quick answers" }] },
	{ group: "smart", name: "Smart", options: [{ value: "large", name: "Large", description: "Careful answers" }] },
];
const COMMANDS = [
	{ name: "plan", description: "Make a plan before changing anything" },
	{ name: "review", description: "Review a file", input: { hint: "file to review" } },
	{ name: "web", description: "Search the \"web\" for <b>answers</b> & more: ünïcödé ✓ 🌐 'quoted'" },
];
const STORED = [
	{ sessionId: "sdk-stored-1", cwd: process.cwd(), title: "Fix the login bug", updatedAt: "2026-11-20T10:00:00Z" },
	{ sessionId: "sdk-stored-2", cwd: process.cwd(), title: "Write the README", updatedAt: "2026-11-21T11:30:00Z" },
	{ sessionId: "sdk-stored-3", cwd: path.join(path.dirname(process.cwd()), "another-project"), title: "Another project", updatedAt: "2026-11-22T09:15:00Z" },
];
const REPLAY = [
	{ role: "user", messageId: "replay-user-1", text: "What does this project do?" },
	{ role: "agent", messageId: "replay-agent-1", text: "It is a test project for Chorus." },
];
const PIXEL_PNG = "iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNkYPhfDwAChwGA60e6kgAAAABJRU5ErkJggg==";
const PAGE_SIZE = 2;

const state = {
	clientCapabilities: {},
	authenticated: false,
	sessions: new Map(),
	deleted: new Set(),
	sessionCount: 0,
	callCount: 0,
	elicitationCount: 0,
};
let connection;

function authRequired() {
	return flags.has("--auth") && !state.authenticated && !(loginFile && fs.existsSync(loginFile));
}

function requireAuth() {
	if (authRequired()) {
		throw acp.RequestError.authRequired(undefined, "log in with authenticate (method test-login) first");
	}
}

function newSession(sessionId, cwd) {
	const session = {
		id: sessionId, cwd, active: true, legacy: flags.has("--legacy-modes"),
		booleans: state.clientCapabilities?.session?.configOptions?.boolean != null,
		mode: "ask", model: "small", think: false,
		history: [], title: null, updatedAt: new Date().toISOString(), turns: 0, used: 0,
		cancelled: false, wakers: new Set(),
	};
	state.sessions.set(sessionId, session);
	state.deleted.delete(sessionId);
	return session;
}

function activeSession(sessionId) {
	const session = state.sessions.get(sessionId);
	if (!session || !session.active) {
		throw acp.RequestError.sessionNotFound(sessionId);
	}
	return session;
}

/** A session that load or resume may open: one of this process, a stored one, or any with --replay. */
function reopen(sessionId, cwd) {
	if (state.deleted.has(sessionId)) {
		throw acp.RequestError.sessionNotFound(sessionId);
	}
	const known = state.sessions.get(sessionId);
	if (known) {
		known.active = true;
		known.cwd = cwd;
		return { session: known, history: known.history };
	}
	const stored = STORED.find((s) => s.sessionId === sessionId);
	if (stored || flags.has("--replay")) {
		const session = newSession(sessionId, cwd);
		session.title = stored?.title ?? null;
		session.history = REPLAY.map((m) => ({ ...m }));
		return { session, history: session.history };
	}
	throw acp.RequestError.sessionNotFound(sessionId);
}

function configOptions(session) {
	const options = [
		{ type: "select", id: "mode", name: "Mode", description: "How the agent works", category: "mode",
			currentValue: session.mode, options: MODES.map((m) => ({ value: m.id, name: m.name, description: m.description })) },
		{ type: "select", id: "model", name: "Model", description: "The model that answers", category: "model",
			currentValue: session.model, options: MODELS },
	];
	if (session.booleans) {
		options.push({ type: "boolean", id: "think", name: "Think harder", description: "Spend more time reasoning",
			category: "thought_level", currentValue: session.think });
	}
	return options;
}

/** What session/new, load and resume answer besides the id: config options, or the legacy modes. */
function sessionState(session) {
	return session.legacy
		? { modes: { currentModeId: session.mode, availableModes: MODES } }
		: { configOptions: configOptions(session) };
}

function sendUpdate(sessionId, update) {
	return connection.client.notify(acp.methods.client.session.update, { sessionId, update });
}

function sendCommands(sessionId) {
	return sendUpdate(sessionId, { sessionUpdate: "available_commands_update", availableCommands: COMMANDS });
}

function sendModeChange(session) {
	return session.legacy
		? sendUpdate(session.id, { sessionUpdate: "current_mode_update", currentModeId: session.mode })
		: sendUpdate(session.id, { sessionUpdate: "config_option_update", configOptions: configOptions(session) });
}

function sleep(session, millis) {
	return new Promise((resolve) => {
		const waker = () => {
			clearTimeout(timer);
			session.wakers.delete(waker);
			resolve();
		};
		const timer = setTimeout(waker, millis);
		session.wakers.add(waker);
	});
}

function cancel(session) {
	session.cancelled = true;
	[...session.wakers].forEach((wake) => wake());
}

function offered(capable) {
	return capable || flags.has("--ignore-capabilities");
}

function describeError(error) {
	return error instanceof acp.RequestError ? `(${error.code}): ${error.message}` : `: ${error?.message ?? error}`;
}

/** Pieces of a text for streaming: three or more, at most 4,000 code points each. */
function pieces(text) {
	const points = Array.from(text);
	const size = Math.max(1, Math.min(4000, Math.ceil(points.length / 3)));
	const result = [];
	for (let i = 0; i < points.length; i += size) {
		result.push(points.slice(i, i + size).join(""));
	}
	return result;
}

/** Describes a content block that is not text, for the echo. */
function describeBlock(block) {
	switch (block.type) {
	case "image":
	case "audio":
		return `[${block.type} ${block.mimeType} ${Buffer.from(block.data ?? "", "base64").length} bytes]`;
	case "resource_link":
		return `[resource_link uri=${block.uri} name=${block.name}]`;
	case "resource": {
		const resource = block.resource ?? {};
		return "text" in resource
			? `[resource uri=${resource.uri} ${Array.from(resource.text).length} chars]`
			: `[resource uri=${resource.uri} ${Buffer.from(resource.blob ?? "", "base64").length} bytes]`;
	}
	default:
		return `[${block.type}]`;
	}
}

/** One prompt turn: streams the agent's message (with one messageId) and keeps it for replay. */
class Turn {
	constructor(session, userText, signal) {
		this.session = session;
		this.number = ++session.turns;
		this.messageId = `${session.id}-msg-${this.number}-agent`;
		this.text = "";
		this.signal = signal;
		session.history.push({ role: "user", messageId: `${session.id}-msg-${this.number}-user`, text: userText });
		session.used += Array.from(userText).length;
	}

	get cancelled() {
		return this.session.cancelled || this.signal.aborted;
	}

	update(update) {
		return sendUpdate(this.session.id, update);
	}

	/** Sends the text as one agent_message_chunk. */
	async say(text) {
		this.text += text;
		await this.update({ sessionUpdate: "agent_message_chunk", messageId: this.messageId, content: { type: "text", text } });
	}

	/** Sends the text in pieces (see pieces()), each an agent_message_chunk of the same message. */
	async stream(text) {
		for (const piece of pieces(text)) {
			await this.say(piece);
		}
	}

	think(text) {
		return this.update({ sessionUpdate: "agent_thought_chunk", content: { type: "text", text } });
	}

	request(method, params) {
		return connection.client.request(method, params);
	}

	nextCallId() {
		return `call-${++state.callCount}`;
	}

	finish() {
		if (this.text) {
			this.session.history.push({ role: "agent", messageId: this.messageId, text: this.text });
			this.session.used += Array.from(this.text).length;
		}
		this.session.updatedAt = new Date().toISOString();
	}
}

async function prompt(turn, text, blocks) {
	const match = /^\s*(\S+)(?:\s([\s\S]*))?$/.exec(text);
	const command = match ? match[1] : "";
	const rest = match ? match[2] ?? "" : "";
	switch (command) {
	case "echo": return echo(turn, rest, blocks);
	case "read": return read(turn, rest.trim());
	case "write": return write(turn, rest, true);
	case "write-unasked": return write(turn, rest, false);
	case "terminal": return terminal(turn, rest, false);
	case "terminal-kill": return terminal(turn, rest, true);
	case "elicit": return elicit(turn, "form");
	case "elicit-url": return elicit(turn, "url");
	case "switch-mode": return switchMode(turn, rest.trim());
	case "big-diff": return bigDiff(turn, rest.trim());
	case "flood": return flood(turn, rest.trim());
	case "unknown-updates": return unknownUpdates(turn);
	case "run-self": return runSelf(turn, rest);
	case "slow": return slow(turn);
	default: return echo(turn, text, blocks);
	}
}

async function echo(turn, text, blocks) {
	await turn.think("I will echo that.");
	const described = blocks.filter((block) => block.type !== "text").map((block) => "\n" + describeBlock(block)).join("");
	await turn.stream(text + described || "(nothing to echo)");
	const session = turn.session;
	await turn.update({ sessionUpdate: "usage_update", used: session.used + Array.from(turn.text).length, size: 200000,
		cost: { amount: Math.round(turn.number * 10) / 10000, currency: "USD" } });
	session.title = `Echo: ${text}`;
	await turn.update({ sessionUpdate: "session_info_update", title: session.title, updatedAt: new Date().toISOString() });
	return "end_turn";
}

function absolute(turn, file) {
	return path.isAbsolute(file) ? file : path.resolve(turn.session.cwd, file);
}

async function read(turn, file) {
	if (!offered(state.clientCapabilities?.fs?.readTextFile)) {
		await turn.say("the client does not offer fs/read_text_file");
		return "end_turn";
	}
	try {
		const result = await turn.request(acp.methods.client.fs.readTextFile, { sessionId: turn.session.id, path: absolute(turn, file) });
		await turn.stream(result?.content ?? "");
	} catch (error) {
		await turn.say(`read failed ${describeError(error)}`);
	}
	return "end_turn";
}

async function write(turn, rest, ask) {
	const match = /^(\S+)(?:\s([\s\S]*))?$/.exec(rest);
	if (!match) {
		await turn.say("write needs a path and a text");
		return "end_turn";
	}
	const file = absolute(turn, match[1]);
	const newText = match[2] ?? "";
	const sessionId = turn.session.id;
	if (!offered(state.clientCapabilities?.fs?.writeTextFile)) {
		await turn.say("the client does not offer fs/write_text_file");
		return "end_turn";
	}
	if (ask) {
		let oldText = null;
		if (offered(state.clientCapabilities?.fs?.readTextFile)) {
			try {
				oldText = (await turn.request(acp.methods.client.fs.readTextFile, { sessionId, path: file }))?.content ?? null;
			} catch {
				oldText = null; // a new file
			}
		}
		const toolCallId = turn.nextCallId();
		const call = { toolCallId, title: `Write ${match[1]}`, kind: "edit", status: "pending",
			content: [{ type: "diff", path: file, oldText, newText }], locations: [{ path: file, line: 1 }],
			rawInput: { path: file, content: newText } };
		await turn.update({ sessionUpdate: "tool_call", ...call });
		const answer = await turn.request(acp.methods.client.session.requestPermission, {
			sessionId, toolCall: call,
			options: [{ optionId: "allow-once", name: "Allow once", kind: "allow_once" },
				{ optionId: "allow-always", name: "Always allow", kind: "allow_always" },
				{ optionId: "reject-once", name: "Reject", kind: "reject_once" }],
		});
		const outcome = answer?.outcome;
		if (outcome?.outcome !== "selected" || !String(outcome.optionId).startsWith("allow")) {
			await turn.update({ sessionUpdate: "tool_call_update", toolCallId, status: "failed" });
			if (outcome?.outcome === "cancelled" || turn.cancelled) {
				await turn.say("permission cancelled");
				return turn.cancelled ? "cancelled" : "end_turn";
			}
			await turn.say(`the user rejected writing ${match[1]}`);
			return "end_turn";
		}
		try {
			await turn.request(acp.methods.client.fs.writeTextFile, { sessionId, path: file, content: newText });
		} catch (error) {
			await turn.update({ sessionUpdate: "tool_call_update", toolCallId, status: "failed" });
			await turn.say(`write failed ${describeError(error)}`);
			return "end_turn";
		}
		await turn.update({ sessionUpdate: "tool_call_update", toolCallId, status: "completed" });
	} else {
		try {
			await turn.request(acp.methods.client.fs.writeTextFile, { sessionId, path: file, content: newText });
		} catch (error) {
			await turn.say(`write failed ${describeError(error)}`);
			return "end_turn";
		}
	}
	await turn.say(`wrote ${Array.from(newText).length} characters to ${match[1]}`);
	return "end_turn";
}

async function terminal(turn, rest, kill) {
	const words = rest.trim().split(/\s+/).filter(Boolean);
	if (words.length === 0) {
		await turn.say("terminal needs a command");
		return "end_turn";
	}
	if (!offered(state.clientCapabilities?.terminal)) {
		await turn.say("the client does not offer terminals");
		return "end_turn";
	}
	const [command, ...args] = words;
	const sessionId = turn.session.id;
	let handle;
	try {
		handle = await connection.client.createTerminal({ sessionId, command, args, cwd: turn.session.cwd,
			env: [{ name: "CHORUS_SDK_AGENT", value: "1" }], outputByteLimit: 4096 });
	} catch (error) {
		await turn.say(`terminal failed ${describeError(error)}`);
		return "end_turn";
	}
	const toolCallId = turn.nextCallId();
	await turn.update({ sessionUpdate: "tool_call", toolCallId, title: `Run ${words.join(" ")}`, kind: "execute",
		status: "in_progress", content: [{ type: "terminal", terminalId: handle.id }], rawInput: { command, args } });
	try {
		let status;
		if (kill) {
			await sleep(turn.session, 300);
			await handle.kill();
		} else {
			status = await handle.waitForExit();
		}
		const output = await handle.currentOutput();
		status = status ?? output?.exitStatus ?? null;
		await handle.release();
		await turn.update({ sessionUpdate: "tool_call_update", toolCallId, status: "completed", rawOutput: { exitStatus: status } });
		const code = status?.exitCode ?? status?.signal ?? "running";
		await turn.say(kill ? `killed (exit ${code}): ${output?.output ?? ""}` : `exit ${code}: ${output?.output ?? ""}`);
	} catch (error) {
		await turn.update({ sessionUpdate: "tool_call_update", toolCallId, status: "failed" });
		await turn.say(`terminal failed ${describeError(error)}`);
	}
	return "end_turn";
}

async function elicit(turn, mode) {
	if (!offered(state.clientCapabilities?.elicitation?.[mode] != null)) {
		await turn.say(`the client does not offer elicitation (${mode})`);
		return "end_turn";
	}
	const sessionId = turn.session.id;
	const elicitationId = `elicitation-${++state.elicitationCount}`;
	const request = mode === "form"
		? { sessionId, mode, message: "Tell the test agent who you are",
			requestedSchema: { type: "object", title: "Who are you?",
				properties: { name: { type: "string", title: "Name", description: "Your name", minLength: 1 },
					ok: { type: "boolean", title: "OK?", description: "Whether all is well", default: true } },
				required: ["name"] } }
		: { sessionId, mode, message: "Open the page to sign in to the test service", elicitationId,
			url: `https://example.com/chorus-sdk-test-agent/sign-in?elicitation=${elicitationId}` };
	let answer;
	try {
		answer = await turn.request(acp.methods.client.elicitation.create, request);
	} catch (error) {
		await turn.say(`elicitation failed ${describeError(error)}`);
		return "end_turn";
	}
	if (mode === "url" && answer?.action === "accept") {
		await connection.client.notify(acp.methods.client.elicitation.complete, { elicitationId });
	}
	const content = answer?.action === "accept" && answer.content != null ? ` ${JSON.stringify(answer.content)}` : "";
	await turn.say(`elicitation ${answer?.action}${content}`);
	return turn.cancelled ? "cancelled" : "end_turn";
}

async function switchMode(turn, modeId) {
	if (!MODES.some((m) => m.id === modeId)) {
		await turn.say(`no mode '${modeId}': the modes are ${MODES.map((m) => m.id).join(", ")}`);
		return "end_turn";
	}
	turn.session.mode = modeId;
	await sendModeChange(turn.session);
	await turn.say(`mode is now ${modeId}`);
	return "end_turn";
}

async function bigDiff(turn, megabytes) {
	const size = Math.round(Number.parseFloat(megabytes) * 1024 * 1024);
	if (!(size > 0)) {
		await turn.say("big-diff needs a size in MB");
		return "end_turn";
	}
	const line = "x".repeat(79) + "\n";
	const newText = line.repeat(Math.ceil(size / line.length)).slice(0, size);
	const file = absolute(turn, "big.txt");
	await turn.update({ sessionUpdate: "tool_call", toolCallId: turn.nextCallId(), title: "Write big.txt", kind: "edit",
		status: "completed", content: [{ type: "diff", path: file, oldText: null, newText }], locations: [{ path: file, line: 1 }] });
	await turn.say(`sent a diff of ${size} characters`);
	return "end_turn";
}

async function flood(turn, count) {
	const n = count ? Number.parseInt(count, 10) : 1000;
	if (!(n > 0)) {
		await turn.say("flood needs a count");
		return "end_turn";
	}
	let last;
	for (let i = 1; i <= n; i++) {
		const text = `${i} `;
		turn.text += text;
		last = turn.update({ sessionUpdate: "agent_message_chunk", messageId: turn.messageId, content: { type: "text", text } });
	}
	await last;
	return "end_turn";
}

async function unknownUpdates(turn) {
	await turn.update({ sessionUpdate: "notice", severity: "info", title: "A notice from the test agent",
		description: "A client that does not show notices ignores this." });
	await turn.update({ sessionUpdate: "compaction_update", compactionId: "compaction-1", status: "in_progress" });
	await turn.update({ sessionUpdate: "compaction_summary_chunk", compactionId: "compaction-1",
		content: { type: "text", text: "A summary of the earlier turns." } });
	await turn.update({ sessionUpdate: "compaction_update", compactionId: "compaction-1", status: "completed" });
	await turn.update({ sessionUpdate: "chorus_test_future_update", payload: { anything: true } });
	await turn.update({ sessionUpdate: "tool_call", toolCallId: turn.nextCallId(), title: "Show media", kind: "read",
		status: "completed", content: [
			{ type: "content", content: { type: "image", mimeType: "image/png", data: PIXEL_PNG } },
			{ type: "content", content: { type: "resource",
				resource: { uri: `file://${absolute(turn, "notes.md")}`, mimeType: "text/markdown", text: "# Notes\nEmbedded in a tool call." } } },
		] });
	await turn.say("done");
	return "end_turn";
}

/** A command the agent "runs" itself: an execute tool call whose output comes as text content. */
async function runSelf(turn, rest) {
	const toolCallId = turn.nextCallId();
	await turn.update({ sessionUpdate: "tool_call", toolCallId, title: rest.trim() || "true", kind: "execute", status: "in_progress" });
	await turn.update({ sessionUpdate: "tool_call_update", toolCallId, status: "completed",
		content: [{ type: "content", content: { type: "text", text: `output of ${rest.trim()}\nsecond line` } }] });
	await turn.say("ran it myself");
	return "end_turn";
}

async function slow(turn) {
	const end = Date.now() + 30_000;
	for (let i = 1; Date.now() < end; i++) {
		if (turn.cancelled) {
			return "cancelled";
		}
		await turn.say(`tick ${i} `);
		await sleep(turn.session, 200);
	}
	return turn.cancelled ? "cancelled" : "end_turn";
}

function serve() {
	const app = acp.agent({ name: AGENT_NAME })
		.onRequest(acp.methods.agent.initialize, ({ params }) => {
			state.clientCapabilities = params.clientCapabilities ?? {};
			const authMethods = [];
			if (flags.has("--auth")) {
				authMethods.push({ id: "test-login", name: "Test login", description: "Logs in at once: authenticate with this method" });
				if (state.clientCapabilities?.auth?.terminal || flags.has("--auth-terminal")) {
					authMethods.push({ type: "terminal", id: "test-terminal-login", name: "Test terminal login",
						description: "Runs the agent with --terminal-login in a terminal; press Enter there",
						args: ["--terminal-login"], env: { CHORUS_SDK_AGENT_TERMINAL_LOGIN: "1" } });
				}
			}
			return {
				protocolVersion: acp.PROTOCOL_VERSION,
				agentCapabilities: {
					loadSession: true,
					promptCapabilities: { image: true, audio: false, embeddedContext: true },
					mcpCapabilities: { http: true, sse: false },
					sessionCapabilities: { list: {}, resume: {}, close: {}, delete: {} },
					auth: { logout: {} },
				},
				authMethods,
				agentInfo: { name: AGENT_NAME, version: AGENT_VERSION },
			};
		})
		.onRequest(acp.methods.agent.authenticate, ({ params, signal }) => {
			if (!flags.has("--auth")) {
				throw acp.RequestError.invalidParams({ methodId: params.methodId }, "this agent was started without --auth and has no auth methods");
			}
			if (params.methodId === "test-terminal-login") {
				protocolViolation("authenticate", "authenticate called for a terminal auth method: the client runs the agent's login in a terminal instead", params);
				throw acp.RequestError.invalidParams({ methodId: params.methodId }, "test-terminal-login is a terminal login: run the agent with its args in a terminal");
			}
			if (params.methodId !== "test-login") {
				throw acp.RequestError.invalidParams({ methodId: params.methodId }, `unknown auth method '${params.methodId}'`);
			}
			if (flags.has("--auth-hang")) {
				return new Promise((_resolve, reject) => signal.addEventListener("abort", () => reject(signal.reason)));
			}
			state.authenticated = true;
			return {};
		})
		.onRequest(acp.methods.agent.logout, () => {
			state.authenticated = false;
			if (loginFile) {
				fs.rmSync(loginFile, { force: true });
			}
			return {};
		})
		.onRequest(acp.methods.agent.session.new, async ({ params, requestId }) => {
			requireAuth();
			if (!path.isAbsolute(params.cwd)) {
				protocolViolation("session/new", `cwd must be an absolute path, is '${params.cwd}'`, params);
			}
			const session = newSession(`sdk-session-${++state.sessionCount}`, params.cwd);
			if (flags.has("--early-updates")) {
				await sendCommands(session.id);
			} else {
				afterResponse(requestId, () => void sendCommands(session.id));
			}
			return { sessionId: session.id, ...sessionState(session) };
		})
		.onRequest(acp.methods.agent.session.load, async ({ params, requestId }) => {
			requireAuth();
			const { session, history } = reopen(params.sessionId, params.cwd);
			for (const message of history) {
				const kind = message.role === "user" ? "user_message_chunk" : "agent_message_chunk";
				for (const piece of message.role === "user" ? [message.text] : pieces(message.text)) {
					await sendUpdate(session.id, { sessionUpdate: kind, messageId: message.messageId, content: { type: "text", text: piece } });
				}
			}
			afterResponse(requestId, () => void sendCommands(session.id));
			return sessionState(session);
		})
		.onRequest(acp.methods.agent.session.resume, ({ params, requestId }) => {
			requireAuth();
			const { session } = reopen(params.sessionId, params.cwd);
			afterResponse(requestId, () => void sendCommands(session.id));
			return sessionState(session);
		})
		.onRequest(acp.methods.agent.session.list, ({ params }) => {
			requireAuth();
			const live = [...state.sessions.values()].reverse()
				.map((s) => ({ sessionId: s.id, cwd: s.cwd, title: s.title, updatedAt: s.updatedAt }));
			const stored = STORED.filter((s) => !state.sessions.has(s.sessionId) && !state.deleted.has(s.sessionId));
			const all = [...live, ...stored].filter((s) => params.cwd == null || s.cwd === params.cwd);
			const offset = params.cursor == null ? 0 : Number(params.cursor);
			if (!Number.isInteger(offset) || offset < 0 || offset > all.length) {
				throw acp.RequestError.invalidParams({ cursor: params.cursor }, `'${params.cursor}' is no cursor this agent gave`);
			}
			const page = all.slice(offset, offset + PAGE_SIZE);
			return offset + PAGE_SIZE < all.length ? { sessions: page, nextCursor: String(offset + PAGE_SIZE) } : { sessions: page };
		})
		.onRequest(acp.methods.agent.session.close, ({ params }) => {
			const session = activeSession(params.sessionId);
			session.active = false;
			cancel(session);
			process.stderr.write(`${AGENT_NAME}: closed ${session.id}\n`);
			return {};
		})
		.onRequest(acp.methods.agent.session.delete, ({ params }) => {
			const known = state.sessions.has(params.sessionId) || STORED.some((s) => s.sessionId === params.sessionId);
			if (!known || state.deleted.has(params.sessionId)) {
				throw acp.RequestError.sessionNotFound(params.sessionId);
			}
			const session = state.sessions.get(params.sessionId);
			if (session) {
				cancel(session);
				state.sessions.delete(params.sessionId);
			}
			state.deleted.add(params.sessionId);
			process.stderr.write(`${AGENT_NAME}: deleted ${params.sessionId}\n`);
			return {};
		})
		.onRequest(acp.methods.agent.session.setConfigOption, ({ params }) => {
			const session = activeSession(params.sessionId);
			if (session.legacy) {
				throw acp.RequestError.invalidParams({ configId: params.configId }, "this session has no config options (the agent was started with --legacy-modes)");
			}
			const option = configOptions(session).find((o) => o.id === params.configId);
			if (!option) {
				throw acp.RequestError.invalidParams({ configId: params.configId },
					`unknown config option '${params.configId}': the options are ${configOptions(session).map((o) => o.id).join(", ")}`);
			}
			if (option.type === "boolean") {
				if (typeof params.value !== "boolean") {
					throw acp.RequestError.invalidParams({ configId: params.configId, value: params.value },
						`'${params.configId}' is a boolean option: send "type": "boolean" and true or false`);
				}
				session.think = params.value;
			} else {
				const values = option.id === "mode" ? MODES.map((m) => m.id) : MODELS.flatMap((g) => g.options.map((o) => o.value));
				if (!values.includes(params.value)) {
					throw acp.RequestError.invalidParams({ configId: params.configId, value: params.value },
						`'${params.value}' is not a value of '${params.configId}': one of ${values.join(", ")}`);
				}
				session[option.id] = params.value;
			}
			return { configOptions: configOptions(session) };
		})
		.onRequest(acp.methods.agent.session.setMode, ({ params, requestId }) => {
			const session = activeSession(params.sessionId);
			if (!MODES.some((m) => m.id === params.modeId)) {
				throw acp.RequestError.invalidParams({ modeId: params.modeId },
					`unknown mode '${params.modeId}': one of ${MODES.map((m) => m.id).join(", ")}`);
			}
			session.mode = params.modeId;
			afterResponse(requestId, () => void sendModeChange(session));
			return {};
		})
		.onRequest(acp.methods.agent.session.prompt, async ({ params, signal }) => {
			const session = activeSession(params.sessionId);
			session.cancelled = false;
			const blocks = params.prompt ?? [];
			const text = blocks.filter((block) => block.type === "text").map((block) => block.text).join("\n");
			const turn = new Turn(session, text, signal);
			signal.addEventListener("abort", () => cancel(session));
			try {
				const stopReason = await prompt(turn, text, blocks);
				return { stopReason: turn.cancelled ? "cancelled" : stopReason };
			} finally {
				turn.finish();
			}
		})
		.onNotification(acp.methods.agent.session.cancel, ({ params }) => {
			const session = state.sessions.get(params.sessionId);
			if (session) {
				cancel(session);
			}
		});
	connection = app.connect(wrappedStdio());
	connection.closed.then(() => finish(), () => finish());
	process.stderr.write(`${AGENT_NAME} ${AGENT_VERSION} on @agentclientprotocol/sdk ${SDK_VERSION}, flags: ${[...flags].join(" ") || "none"}\n`);
}

function finish() {
	if (violationCount > 0) {
		process.stderr.write(`${AGENT_NAME}: ${violationCount} schema violation(s) in what the client sent\n`);
	}
	process.exit(0);
}

if (flags.has("--self-test")) {
	selfTest();
} else if (flags.has("--terminal-login")) {
	terminalLogin();
} else {
	serve();
}
