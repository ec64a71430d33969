package dev.chorus.backend.openai;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Function;

import dev.chorus.core.backend.ITurnSink;
import dev.chorus.core.backend.PermissionRequest;
import dev.chorus.core.transcript.PlanStep;
import dev.chorus.core.transcript.Problem;
import dev.chorus.core.transcript.ToolCall;
import dev.chorus.core.transcript.Usage;

/** Records a turn's text, tool calls (merged by id, as the transcript merges them) and problems, and answers permission questions. */
final class ToolSink implements ITurnSink {

	final StringBuilder text = new StringBuilder();
	final Map<String, ToolCall> calls = Collections.synchronizedMap(new LinkedHashMap<>());
	final List<PermissionRequest> asked = new CopyOnWriteArrayList<>();
	final List<Problem> problems = new CopyOnWriteArrayList<>();
	final List<Path> written = new CopyOnWriteArrayList<>();
	private final Function<PermissionRequest, Optional<String>> answers;

	ToolSink(Function<PermissionRequest, Optional<String>> answers) {
		this.answers = answers;
	}

	/** A sink that answers every question with the option of that id. */
	static ToolSink answering(String optionId) {
		return new ToolSink(request -> Optional.of(optionId));
	}

	List<ToolCall> calls() {
		synchronized (calls) {
			return new ArrayList<>(calls.values());
		}
	}

	ToolCall call(String id) {
		return calls.get(id);
	}

	@Override
	public synchronized void text(String delta) {
		text.append(delta);
	}

	@Override
	public void reasoning(String delta) {
	}

	@Override
	public void toolCall(ToolCall call) {
		calls.merge(call.id(), call, ToolCall::merge);
	}

	@Override
	public void plan(List<PlanStep> steps) {
	}

	volatile Usage usage;

	@Override
	public void usage(Usage reported) {
		usage = reported;
	}

	@Override
	public void problem(Problem problem) {
		problems.add(problem);
	}

	@Override
	public void fileWritten(Path file) {
		written.add(file);
	}

	@Override
	public void backendSessionId(String id) {
	}

	@Override
	public Optional<String> requestPermission(PermissionRequest request) {
		asked.add(request);
		return answers.apply(request);
	}
}
