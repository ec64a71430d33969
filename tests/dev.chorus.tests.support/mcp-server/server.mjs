#!/usr/bin/env node
// A Model Context Protocol server for Chorus's tests, built on the official TypeScript SDK
// (@modelcontextprotocol/sdk, its high-level McpServer with zod input schemas). Tests start it as
// a real child process: node server.mjs [flags]. It serves stdio by default, or the Streamable HTTP
// transport with --http. Its tools (echo, add, slow, crash, garbage, fail, big, grow) let a test
// drive every path of a client; with --log FILE every request and notification the client sends is
// appended to FILE as one JSON line. See the README beside this file for the whole contract.

import fs from "node:fs";
import http from "node:http";
import os from "node:os";
import path from "node:path";
import { randomUUID } from "node:crypto";
import { fileURLToPath } from "node:url";
import { z } from "zod";
import { McpServer } from "@modelcontextprotocol/sdk/server/mcp.js";
import { StdioServerTransport } from "@modelcontextprotocol/sdk/server/stdio.js";
import { StreamableHTTPServerTransport } from "@modelcontextprotocol/sdk/server/streamableHttp.js";
import { isInitializeRequest } from "@modelcontextprotocol/sdk/types.js";

const SERVER_NAME = "chorus-mcp-test-server";
const SERVER_VERSION = "1.0.0";
const HERE = path.dirname(fileURLToPath(import.meta.url));

// --- Flags --------------------------------------------------------------------------------------

const FLAGS = {
	"--log FILE": "append one JSON line {\"method\",\"params\"(,\"id\")} per request or notification received",
	"--fail-start": "write 'cannot start: on purpose' to stderr and exit 1 before speaking",
	"--garbage-start": "write lines that are not JSON to stdout instead of serving",
	"--http": "serve Streamable HTTP on 127.0.0.1 (a free port, path /mcp) and print 'PORT <n>'",
	"--require-header \"Name: value\"": "with --http: answer 401 to a request without that header",
	"--self-test": "check that the SDK and the filesystem server load and answer, print ok, exit 0",
};

function usage(problem) {
	process.stderr.write(`${SERVER_NAME}: ${problem}; the flags are:\n`
		+ Object.entries(FLAGS).map(([name, help]) => `  ${name}  ${help}\n`).join(""));
	process.exit(2);
}

const options = { log: null, failStart: false, garbageStart: false, http: false, requireHeader: null, selfTest: false };
{
	const args = process.argv.slice(2);
	for (let i = 0; i < args.length; i++) {
		const arg = args[i];
		const eq = arg.indexOf("=");
		const name = arg.startsWith("--") && eq > 0 ? arg.slice(0, eq) : arg;
		const inline = arg.startsWith("--") && eq > 0 ? arg.slice(eq + 1) : null;
		const value = () => {
			if (inline !== null) {
				return inline;
			}
			if (i + 1 >= args.length) {
				usage(`${name} needs a value`);
			}
			return args[++i];
		};
		switch (name) {
			case "--log": options.log = value(); break;
			case "--fail-start": options.failStart = true; break;
			case "--garbage-start": options.garbageStart = true; break;
			case "--http": options.http = true; break;
			case "--require-header": {
				const header = value();
				const colon = header.indexOf(":");
				if (colon <= 0) {
					usage(`--require-header wants "Name: value", not ${JSON.stringify(header)}`);
				}
				options.requireHeader = { name: header.slice(0, colon).trim().toLowerCase(), value: header.slice(colon + 1).trim() };
				break;
			}
			case "--self-test": options.selfTest = true; break;
			default: usage(`unknown flag ${arg}`);
		}
	}
	if (options.requireHeader && !options.http) {
		usage("--require-header needs --http");
	}
}

// --- The log ------------------------------------------------------------------------------------

const logFd = options.log ? fs.openSync(options.log, "a") : null;

/** Appends one JSON line to the log file (written at once, so a test sees it when the call returns). */
function log(entry) {
	if (logFd !== null) {
		fs.writeSync(logFd, JSON.stringify(entry) + "\n");
	}
}

/** Logs each request and notification the transport receives, before the SDK handles it. */
function logIncoming(transport) {
	// Protocol.connect() keeps a handler set before it and calls it first for each message.
	transport.onmessage = message => {
		if (message && typeof message === "object" && typeof message.method === "string") {
			const entry = { method: message.method, params: message.params ?? null };
			if (message.id !== undefined) {
				entry.id = message.id;
			}
			log(entry);
		}
	};
}

// --- The tools ----------------------------------------------------------------------------------

function text(value) {
	return { content: [{ type: "text", text: value }] };
}

/** A server with the test tools; each connection (stdio, or one HTTP session) has its own. */
function createServer() {
	const server = new McpServer({ name: SERVER_NAME, version: SERVER_VERSION });
	const prefix = process.env.CHORUS_MCP_TEST_ECHO_PREFIX ?? "echo:";

	server.registerTool("echo", {
		description: "Answers the text back, after the prefix 'echo:' (or $CHORUS_MCP_TEST_ECHO_PREFIX).",
		inputSchema: { text: z.string().describe("The text to echo") },
	}, async ({ text: value }) => text(`${prefix} ${value}`));

	server.registerTool("add", {
		description: "Adds two numbers and answers the sum.",
		inputSchema: { a: z.number().describe("The first number"), b: z.number().describe("The second number") },
	}, async ({ a, b }) => text(String(a + b)));

	server.registerTool("slow", {
		description: "Waits that many milliseconds (0: until cancelled), then answers 'slept <millis>'.",
		inputSchema: { millis: z.number().min(0).describe("How long to wait; 0 waits until the call is cancelled") },
	}, ({ millis }, extra) => new Promise((resolve, reject) => {
		const signal = extra.signal;
		let timer = null;
		const onAbort = () => {
			if (timer !== null) {
				clearTimeout(timer);
			}
			log({ cancelled: "slow" });
			reject(new Error("cancelled"));
		};
		if (signal.aborted) {
			onAbort();
			return;
		}
		signal.addEventListener("abort", onAbort, { once: true });
		if (millis > 0) {
			timer = setTimeout(() => {
				signal.removeEventListener("abort", onAbort);
				resolve(text(`slept ${millis}`));
			}, millis);
		}
	}));

	server.registerTool("crash", {
		description: "The server process exits with code 3 in the middle of the call, without answering.",
		inputSchema: {},
	}, async () => {
		process.exit(3);
	});

	server.registerTool("garbage", {
		description: "Writes the line 'this is not json' to stdout, then answers 'garbage written'.",
		inputSchema: {},
	}, async () => {
		process.stdout.write("this is not json\n");
		return text("garbage written");
	});

	server.registerTool("fail", {
		description: "Answers a tool error (isError: true): 'the tool failed on purpose'.",
		inputSchema: {},
	}, async () => ({ isError: true, content: [{ type: "text", text: "the tool failed on purpose" }] }));

	server.registerTool("big", {
		description: "Answers a text of that many 'x' characters.",
		inputSchema: { bytes: z.number().int().min(0).describe("How many characters") },
	}, async ({ bytes }) => text("x".repeat(bytes)));

	server.registerTool("grow", {
		description: "Adds the tool 'late' (the server sends notifications/tools/list_changed), then answers 'grown'.",
		inputSchema: {},
	}, async () => {
		if (server.isConnected() && !lateTools.has(server)) {
			lateTools.add(server);
			// Registering after connect makes the SDK send notifications/tools/list_changed.
			server.registerTool("late", {
				description: "A tool that 'grow' added: answers 'late tool ran'.",
				inputSchema: {},
			}, async () => text("late tool ran"));
		} else {
			// Already grown: the list is the same, but say so again.
			server.sendToolListChanged();
		}
		return text("grown");
	});

	return server;
}
const lateTools = new WeakSet();

// --- Start --------------------------------------------------------------------------------------

async function serveStdio() {
	const transport = new StdioServerTransport();
	logIncoming(transport);
	await createServer().connect(transport);
	// The SDK's stdio transport does not end the process when the client closes stdin; this does.
	process.stdin.on("end", () => process.exit(0));
}

function jsonError(res, status, code, message) {
	res.writeHead(status, { "Content-Type": "application/json" });
	res.end(JSON.stringify({ jsonrpc: "2.0", error: { code, message }, id: null }));
}

function readBody(req) {
	return new Promise((resolve, reject) => {
		const chunks = [];
		req.on("data", chunk => chunks.push(chunk));
		req.on("end", () => resolve(Buffer.concat(chunks).toString("utf8")));
		req.on("error", reject);
	});
}

async function serveHttp() {
	const sessions = new Map(); // Mcp-Session-Id -> transport
	const httpServer = http.createServer(async (req, res) => {
		try {
			const url = new URL(req.url, "http://127.0.0.1");
			if (url.pathname !== "/mcp") {
				jsonError(res, 404, -32601, `no such path ${url.pathname}: the server is at /mcp`);
				return;
			}
			if (options.requireHeader) {
				const got = req.headers[options.requireHeader.name];
				if (got !== options.requireHeader.value) {
					jsonError(res, 401, -32001, `Unauthorized: the request needs the header ${options.requireHeader.name}`);
					return;
				}
			}
			const sessionId = req.headers["mcp-session-id"];
			let body;
			if (req.method === "POST") {
				const raw = await readBody(req);
				try {
					body = JSON.parse(raw);
				} catch {
					jsonError(res, 400, -32700, "Parse error: the body is not JSON");
					return;
				}
			}
			let transport = typeof sessionId === "string" ? sessions.get(sessionId) : undefined;
			if (transport === undefined) {
				if (typeof sessionId === "string") {
					jsonError(res, 404, -32001, "Session not found");
					return;
				}
				const initializing = req.method === "POST"
					&& (Array.isArray(body) ? body.some(isInitializeRequest) : isInitializeRequest(body));
				if (!initializing) {
					jsonError(res, 400, -32000, "Bad Request: No valid session ID provided");
					return;
				}
				transport = new StreamableHTTPServerTransport({
					sessionIdGenerator: () => randomUUID(),
					onsessioninitialized: id => sessions.set(id, transport),
				});
				const created = transport;
				logIncoming(created);
				await createServer().connect(created);
				const closed = created.onclose;
				created.onclose = () => {
					if (created.sessionId) {
						sessions.delete(created.sessionId);
					}
					closed?.();
				};
			}
			await transport.handleRequest(req, res, body);
		} catch (error) {
			process.stderr.write(`${SERVER_NAME}: ${error?.stack ?? error}\n`);
			if (!res.headersSent) {
				jsonError(res, 500, -32603, `Internal error: ${error?.message ?? error}`);
			} else {
				res.end();
			}
		}
	});
	await new Promise((resolve, reject) => {
		httpServer.once("error", reject);
		httpServer.listen(0, "127.0.0.1", resolve);
	});
	// Runs until it is killed (stdin is not read: a shell may give a background job /dev/null).
	process.stdout.write(`PORT ${httpServer.address().port}\n`);
}

function garbageStart() {
	process.stdout.write("this is not json\n<html>not an MCP server</html>\nGarbage start: on purpose\n");
	// Never serves: answers each line it reads with another line that is not JSON; exits 0 when stdin closes.
	process.stdin.setEncoding("utf8");
	process.stdin.on("data", chunk => {
		for (let n = chunk.split("\n").length - 1; n > 0; n--) {
			process.stdout.write("still not json\n");
		}
	});
	process.stdin.on("end", () => process.exit(0));
}

// --- Self-test ----------------------------------------------------------------------------------

async function selfTest() {
	const { Client } = await import("@modelcontextprotocol/sdk/client/index.js");
	const { StdioClientTransport } = await import("@modelcontextprotocol/sdk/client/stdio.js");
	// The packages' exports do not include their package.json: read it in node_modules.
	const packageJson = folder => JSON.parse(fs.readFileSync(path.join(folder, "package.json"), "utf8"));
	const sdk = packageJson(path.join(HERE, "node_modules", "@modelcontextprotocol", "sdk"));
	const filesystem = path.join(HERE, "node_modules", "@modelcontextprotocol", "server-filesystem");
	const filesystemJson = packageJson(filesystem);
	const filesystemBin = path.join(filesystem, filesystemJson.bin["mcp-server-filesystem"]);
	createServer(); // The tools register with their schemas.

	async function listTools(args) {
		const client = new Client({ name: "chorus-mcp-self-test", version: SERVER_VERSION });
		await client.connect(new StdioClientTransport({ command: process.execPath, args, stderr: "pipe" }));
		try {
			return (await client.listTools()).tools.map(tool => tool.name);
		} finally {
			await client.close();
		}
	}
	const folder = fs.mkdtempSync(path.join(os.tmpdir(), "chorus-mcp-self-test-"));
	try {
		const own = await listTools([fileURLToPath(import.meta.url)]);
		const expected = ["echo", "add", "slow", "crash", "garbage", "fail", "big", "grow"];
		const missing = expected.filter(name => !own.includes(name));
		if (missing.length > 0) {
			throw new Error(`the test server lacks the tools ${missing.join(", ")}`);
		}
		const files = await listTools([filesystemBin, folder]);
		if (!files.includes("read_text_file")) {
			throw new Error(`the filesystem server has no read_text_file tool: ${files.join(", ")}`);
		}
		process.stdout.write(`ok: ${SERVER_NAME} on @modelcontextprotocol/sdk ${sdk.version} (${own.length} tools), `
			+ `@modelcontextprotocol/server-filesystem ${filesystemJson.version} (${files.length} tools)\n`);
	} finally {
		fs.rmSync(folder, { recursive: true, force: true });
	}
}

if (options.selfTest) {
	const timer = setTimeout(() => {
		process.stderr.write(`${SERVER_NAME} self-test: no answer in 30 s\n`);
		process.exit(1);
	}, 30000);
	try {
		await selfTest();
		clearTimeout(timer);
		process.exit(0);
	} catch (error) {
		process.stderr.write(`${SERVER_NAME} self-test failed: ${error?.stack ?? error}\n`);
		process.exit(1);
	}
} else if (options.failStart) {
	process.stderr.write("cannot start: on purpose\n");
	process.exit(1);
} else if (options.garbageStart) {
	garbageStart();
} else if (options.http) {
	await serveHttp();
} else {
	await serveStdio();
}
