package dev.chorus.core.tests;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertNull;

import java.util.List;
import java.util.stream.Collectors;

import org.junit.Test;

import dev.chorus.core.transcript.UnifiedDiff;

/** Changes as the lines a reader reviews. */
public class UnifiedDiffTest {

	private static String render(List<UnifiedDiff.Line> lines) {
		return lines.stream().map(line -> switch (line.kind()) {
		case ADDED -> "+" + line.text();
		case REMOVED -> "-" + line.text();
		case CONTEXT -> " " + line.text();
		case GAP -> "~";
		}).collect(Collectors.joining("\n"));
	}

	@Test
	public void aChangedLineShowsWithThreeLinesOfContextAndGapsAroundIt() {
		String old = "1\n2\n3\n4\n5\n6\n7\n8\n9\n10\n";
		String now = "1\n2\n3\n4\n5\nsix\n7\n8\n9\n10\n";
		assertEquals("~\n 3\n 4\n 5\n-6\n+six\n 7\n 8\n 9\n~", render(UnifiedDiff.of(old, now)));
		assertEquals(List.of(1, 1), List.of(UnifiedDiff.counts(UnifiedDiff.of(old, now))[0], UnifiedDiff.counts(UnifiedDiff.of(old, now))[1]));
	}

	@Test
	public void aNewFileIsAllAddedAndNearbyChangesShareOneHunk() {
		assertEquals("+a\n+b", render(UnifiedDiff.of(null, "a\nb")));
		assertEquals(" a\n-b\n+B\n c\n-d\n+D\n e", render(UnifiedDiff.of("a\nb\nc\nd\ne", "a\nB\nc\nD\ne")));
		assertEquals("", render(UnifiedDiff.of("same\n", "same\n")));
	}

	@Test
	public void hugeTextsAreNotMatched() {
		String many = "x\n".repeat(UnifiedDiff.MAX_LINES + 1);
		assertNull(UnifiedDiff.of(many, "y"));
	}
}
