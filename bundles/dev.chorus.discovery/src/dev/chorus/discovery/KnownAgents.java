package dev.chorus.discovery;

import java.util.List;

/**
 * What the finder looks for by default: OpenAI-compatible servers on their usual loopback ports,
 * and Agent Client Protocol programs on the PATH with the flag that starts each in ACP mode.
 *
 * <p>The ACP flags, as each project documents them and as its entry in the ACP agent registry
 * starts it, at the versions named; where a flag was renamed, the current one is tried first and
 * the older one only when the program exits at once (an unknown flag):
 * <ul>
 * <li>Gemini CLI 0.37 (registry), {@code gemini --acp} since 0.33; {@code gemini --experimental-acp}
 * from 0.1.13, a deprecated alias since 0.33</li>
 * <li>Qwen Code 0.21 (registry): {@code qwen --acp}; releases before the flag graduated (late 2025)
 * take {@code qwen --experimental-acp}, kept since as a deprecated alias</li>
 * <li>OpenCode 2.0 (registry): {@code opencode acp}</li>
 * <li>goose 1.50 (registry): {@code goose acp}</li>
 * <li>Hermes Agent 0.19 and 0.20: {@code hermes acp} (the ACP extra also installs {@code hermes-acp})</li>
 * <li>Codex through its adapter, codex-acp 1.4 (registry): {@code codex-acp}, no flag</li>
 * <li>Claude Code through its adapter, claude-agent-acp 0.85 (registry): {@code claude-agent-acp}, no
 * flag; its earlier name claude-code-acp installs {@code claude-code-acp}</li>
 * </ul>
 */
public final class KnownAgents {

	/** An OpenAI-compatible server's usual loopback port. */
	public record Server(String name, int port) {
	}

	/**
	 * An ACP program: its name for people, the executable looked up on the PATH, and the argument
	 * lists that start it in ACP mode, newest first.
	 */
	public record Program(String name, String executable, List<List<String>> acpArguments) {

		public Program {
			acpArguments = List.copyOf(acpArguments);
		}
	}

	public static final List<Server> SERVERS = List.of(new Server("Ollama", 11434), //$NON-NLS-1$
			new Server("llama.cpp", 8080), //$NON-NLS-1$
			new Server("LM Studio", 1234), //$NON-NLS-1$
			new Server("vLLM", 8000), //$NON-NLS-1$
			new Server("Hermes Agent", 8642)); //$NON-NLS-1$

	public static final List<Program> PROGRAMS = List.of(
			new Program("Gemini CLI", "gemini", List.of(List.of("--acp"), List.of("--experimental-acp"))), //$NON-NLS-1$ //$NON-NLS-2$ //$NON-NLS-3$ //$NON-NLS-4$
			new Program("Qwen Code", "qwen", List.of(List.of("--acp"), List.of("--experimental-acp"))), //$NON-NLS-1$ //$NON-NLS-2$ //$NON-NLS-3$ //$NON-NLS-4$
			new Program("OpenCode", "opencode", List.of(List.of("acp"))), //$NON-NLS-1$ //$NON-NLS-2$ //$NON-NLS-3$
			new Program("Goose", "goose", List.of(List.of("acp"))), //$NON-NLS-1$ //$NON-NLS-2$ //$NON-NLS-3$
			new Program("Hermes Agent", "hermes", List.of(List.of("acp"))), //$NON-NLS-1$ //$NON-NLS-2$ //$NON-NLS-3$
			new Program("Codex", "codex-acp", List.of(List.of())), //$NON-NLS-1$ //$NON-NLS-2$
			new Program("Claude Code", "claude-agent-acp", List.of(List.of())), //$NON-NLS-1$ //$NON-NLS-2$
			new Program("Claude Code", "claude-code-acp", List.of(List.of()))); //$NON-NLS-1$ //$NON-NLS-2$

	private KnownAgents() {
	}

	/** The usual server at a port, by what its models say of their owner; else the port's usual one. */
	static String serverName(int port, String ownedBy, String fallback) {
		String owner = ownedBy == null ? "" : ownedBy.toLowerCase(java.util.Locale.ROOT); //$NON-NLS-1$
		if (owner.contains("llamacpp") || owner.contains("llama.cpp")) { //$NON-NLS-1$ //$NON-NLS-2$
			return "llama.cpp"; //$NON-NLS-1$
		}
		if (owner.contains("vllm")) { //$NON-NLS-1$
			return "vLLM"; //$NON-NLS-1$
		}
		if (owner.contains("hermes")) { //$NON-NLS-1$
			return "Hermes Agent"; //$NON-NLS-1$
		}
		if (owner.equals("organization_owner")) { //$NON-NLS-1$
			return "LM Studio"; //$NON-NLS-1$
		}
		return fallback;
	}
}
