package dev.chorus.core.transcript;

/** One step of an agent's plan (ACP {@code plan} update). Status: pending, in_progress or completed. */
public record PlanStep(String content, String priority, String status) {
}
