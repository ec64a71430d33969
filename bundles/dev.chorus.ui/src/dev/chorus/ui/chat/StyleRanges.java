package dev.chorus.ui.chat;

import java.util.ArrayList;
import java.util.List;
import java.util.TreeSet;

import org.eclipse.swt.custom.StyleRange;

/**
 * Merges nested Markdown styles (a link inside bold text inside a quote) into the ordered,
 * non-overlapping ranges that {@link org.eclipse.swt.custom.StyledText} accepts.
 */
final class StyleRanges {

	private StyleRanges() {
	}

	static StyleRange[] flatten(List<StyleRange> ranges) {
		if (ranges.isEmpty()) {
			return new StyleRange[0];
		}
		TreeSet<Integer> cuts = new TreeSet<>();
		for (StyleRange range : ranges) {
			cuts.add(range.start);
			cuts.add(range.start + range.length);
		}
		List<StyleRange> result = new ArrayList<>();
		Integer previous = null;
		for (Integer cut : cuts) {
			if (previous != null && cut > previous) {
				StyleRange piece = null;
				for (StyleRange range : ranges) {
					if (range.start <= previous && range.start + range.length >= cut) {
						piece = piece == null ? copy(range, previous, cut - previous) : merge(piece, range);
					}
				}
				if (piece != null) {
					result.add(piece);
				}
			}
			previous = cut;
		}
		return result.toArray(StyleRange[]::new);
	}

	private static StyleRange copy(StyleRange range, int start, int length) {
		StyleRange piece = (StyleRange) range.clone();
		piece.start = start;
		piece.length = length;
		return piece;
	}

	/** Inner styles win where they set something; the outer ones fill the rest. */
	private static StyleRange merge(StyleRange outer, StyleRange inner) {
		StyleRange merged = (StyleRange) outer.clone();
		if (inner.font != null) {
			merged.font = inner.font;
		}
		if (inner.foreground != null) {
			merged.foreground = inner.foreground;
		}
		if (inner.background != null) {
			merged.background = inner.background;
		}
		merged.underline |= inner.underline;
		if (inner.underline) {
			merged.underlineStyle = inner.underlineStyle;
		}
		merged.strikeout |= inner.strikeout;
		if (inner.data != null) {
			merged.data = inner.data;
		}
		return merged;
	}
}
