package dev.chorus.core.sessions;

import java.io.IOException;
import java.io.Writer;
import java.util.List;

import dev.chorus.core.transcript.PlanStep;
import dev.chorus.core.transcript.TranscriptEntry;

/** A session as a Markdown document: messages verbatim, reasoning folded, tool calls listed. */
final class MarkdownExport {

	private MarkdownExport() {
	}

	static void write(SessionInfo info, List<TranscriptEntry> entries, Writer out) throws IOException {
		String title = info.title() == null || info.title().isBlank() ? "Chat" : info.title(); //$NON-NLS-1$
		out.write("# " + title + "\n\n"); //$NON-NLS-1$ //$NON-NLS-2$
		out.write("_Agent: " + info.agentId() + ", started " + info.created() + "_\n\n"); //$NON-NLS-1$ //$NON-NLS-2$ //$NON-NLS-3$
		for (TranscriptEntry entry : entries) {
			switch (entry.kind()) {
			case USER -> out.write("## You\n\n" + entry.text() + "\n\n"); //$NON-NLS-1$ //$NON-NLS-2$
			case ASSISTANT -> out.write("## " + info.agentId() + "\n\n" + entry.text() + stopped(entry) + "\n\n"); //$NON-NLS-1$ //$NON-NLS-2$ //$NON-NLS-3$
			case REASONING -> out.write("<details><summary>Reasoning</summary>\n\n" + entry.text() + "\n\n</details>\n\n"); //$NON-NLS-1$ //$NON-NLS-2$
			case TOOL_CALL -> {
				out.write("- Tool call: **" + entry.toolCall().title() + "** (" + entry.toolCall().status() + ")\n"); //$NON-NLS-1$ //$NON-NLS-2$ //$NON-NLS-3$
				if (entry.toolCall().input() != null) {
					out.write("\n  ```\n  " + entry.toolCall().input().replace("\n", "\n  ") + "\n  ```\n"); //$NON-NLS-1$ //$NON-NLS-2$ //$NON-NLS-3$ //$NON-NLS-4$
				}
				out.write("\n"); //$NON-NLS-1$
			}
			case PLAN -> {
				out.write("Plan:\n\n"); //$NON-NLS-1$
				for (PlanStep step : entry.plan()) {
					out.write("- [" + ("completed".equals(step.status()) ? "x" : " ") + "] " + step.content() + "\n"); //$NON-NLS-1$ //$NON-NLS-2$ //$NON-NLS-3$ //$NON-NLS-4$ //$NON-NLS-5$ //$NON-NLS-6$
				}
				out.write("\n"); //$NON-NLS-1$
			}
			case USAGE -> out.write("_Tokens: " + entry.usage().totalTokens() + "_\n\n"); //$NON-NLS-1$ //$NON-NLS-2$
			case ERROR -> out.write("> **Error:** " + entry.problem().message() //$NON-NLS-1$
					+ (entry.problem().hint() == null ? "" : "\n> " + entry.problem().hint()) + "\n\n"); //$NON-NLS-1$ //$NON-NLS-2$ //$NON-NLS-3$
			}
		}
	}

	private static String stopped(TranscriptEntry entry) {
		return switch (entry.state()) {
		case STOPPED -> "\n\n_(stopped)_"; //$NON-NLS-1$
		case FAILED -> "\n\n_(failed)_"; //$NON-NLS-1$
		default -> ""; //$NON-NLS-1$
		};
	}
}
