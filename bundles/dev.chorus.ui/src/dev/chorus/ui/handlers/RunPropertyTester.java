package dev.chorus.ui.handlers;

import org.eclipse.core.expressions.PropertyTester;

import dev.chorus.core.runs.Run;

/** Tests a run's state for command enablement: {@code generating}, {@code hasSession}, {@code hasEntries}. */
public class RunPropertyTester extends PropertyTester {

	public static final String NAMESPACE = "dev.chorus.ui.run"; //$NON-NLS-1$

	@Override
	public boolean test(Object receiver, String property, Object[] args, Object expectedValue) {
		if (!(receiver instanceof Run run)) {
			return false;
		}
		return switch (property) {
		case "generating" -> run.isGenerating(); //$NON-NLS-1$
		case "hasSession" -> run.getSessionId() != null; //$NON-NLS-1$
		case "hasEntries" -> !run.snapshot().isEmpty(); //$NON-NLS-1$
		default -> false;
		};
	}
}
