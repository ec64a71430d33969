package dev.chorus.core.transcript;

import java.util.ArrayList;
import java.util.List;

import org.eclipse.compare.rangedifferencer.IRangeComparator;
import org.eclipse.compare.rangedifferencer.RangeDifference;
import org.eclipse.compare.rangedifferencer.RangeDifferencer;

/**
 * A file change as the lines a reader reviews: removed and added lines with a few unchanged ones
 * around them, in hunks, as {@code diff -u} shows them. The line matching is the Eclipse Compare
 * framework's own ({@link RangeDifferencer}), the one its editors use.
 */
public final class UnifiedDiff {

	/** Unchanged lines shown around each change. */
	public static final int CONTEXT = 3;
	/** Beyond this many lines on a side, the lines are not matched (too slow for a transcript). */
	public static final int MAX_LINES = 20_000;

	/** What a line of the diff is. */
	public enum Kind {
		/** Unchanged, shown for context. */
		CONTEXT,
		/** Only in the old text. */
		REMOVED,
		/** Only in the new text. */
		ADDED,
		/** A gap between hunks. */
		GAP
	}

	/**
	 * One line of the diff.
	 *
	 * @param oldLine its number in the old text, from 1, or 0 when it is not there
	 * @param newLine its number in the new text, from 1, or 0 when it is not there
	 */
	public record Line(Kind kind, String text, int oldLine, int newLine) {
	}

	private UnifiedDiff() {
	}

	/**
	 * The lines of the change, or {@code null} when a side has more than {@link #MAX_LINES} lines.
	 */
	public static List<Line> of(String oldText, String newText) {
		String[] left = split(oldText);
		String[] right = split(newText);
		if (left.length > MAX_LINES || right.length > MAX_LINES) {
			return null;
		}
		RangeDifference[] differences = RangeDifferencer.findDifferences(new Lines(left), new Lines(right));
		List<Line> lines = new ArrayList<>();
		int shownLeft = 0; // the next old line not yet shown
		for (int d = 0; d < differences.length; d++) {
			RangeDifference difference = differences[d];
			int contextStart = Math.max(shownLeft, difference.leftStart() - CONTEXT);
			if (contextStart > shownLeft || d == 0 && contextStart > 0) {
				lines.add(new Line(Kind.GAP, "", 0, 0)); //$NON-NLS-1$
			}
			int offset = difference.rightStart() - difference.leftStart();
			for (int i = contextStart; i < difference.leftStart(); i++) {
				lines.add(new Line(Kind.CONTEXT, left[i], i + 1, i + offset + 1));
			}
			for (int i = difference.leftStart(); i < difference.leftEnd(); i++) {
				lines.add(new Line(Kind.REMOVED, left[i], i + 1, 0));
			}
			for (int i = difference.rightStart(); i < difference.rightEnd(); i++) {
				lines.add(new Line(Kind.ADDED, right[i], 0, i + 1));
			}
			// Context after the change, up to the next change's own context.
			int nextLeft = d + 1 < differences.length ? differences[d + 1].leftStart() - CONTEXT : left.length;
			int end = Math.min(left.length, Math.min(difference.leftEnd() + CONTEXT, Math.max(difference.leftEnd(), nextLeft)));
			int after = difference.rightEnd() - difference.leftEnd();
			for (int i = difference.leftEnd(); i < end; i++) {
				lines.add(new Line(Kind.CONTEXT, left[i], i + 1, i + after + 1));
			}
			shownLeft = end;
		}
		if (differences.length > 0 && shownLeft < left.length) {
			lines.add(new Line(Kind.GAP, "", 0, 0)); //$NON-NLS-1$
		}
		return lines;
	}

	/** Lines added and removed. */
	public static int[] counts(List<Line> lines) {
		int added = 0;
		int removed = 0;
		for (Line line : lines) {
			if (line.kind() == Kind.ADDED) {
				added++;
			} else if (line.kind() == Kind.REMOVED) {
				removed++;
			}
		}
		return new int[] { added, removed };
	}

	private static String[] split(String text) {
		if (text == null || text.isEmpty()) {
			return new String[0];
		}
		String[] lines = text.split("\\r?\\n", -1); //$NON-NLS-1$
		// A final newline ends the last line; it starts no empty one.
		return text.endsWith("\n") ? java.util.Arrays.copyOf(lines, lines.length - 1) : lines; //$NON-NLS-1$
	}

	private record Lines(String[] lines) implements IRangeComparator {
		@Override
		public int getRangeCount() {
			return lines.length;
		}

		@Override
		public boolean rangesEqual(int thisIndex, IRangeComparator other, int otherIndex) {
			return lines[thisIndex].equals(((Lines) other).lines[otherIndex]);
		}

		@Override
		public boolean skipRangeComparison(int length, int maxLength, IRangeComparator other) {
			return false;
		}
	}
}
