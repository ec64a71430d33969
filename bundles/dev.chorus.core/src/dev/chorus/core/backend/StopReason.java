package dev.chorus.core.backend;

/** Why a turn ended (ACP stop reasons; OpenAI finish reasons are mapped onto them). */
public enum StopReason {
	END_TURN, MAX_TOKENS, MAX_TURN_REQUESTS, REFUSAL, CANCELLED
}
