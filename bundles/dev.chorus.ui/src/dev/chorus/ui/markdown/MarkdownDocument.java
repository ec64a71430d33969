package dev.chorus.ui.markdown;

import java.util.List;

/**
 * Markdown broken into what the chat editor shows: runs of prose with styled spans, and code
 * blocks that get their own monospace panel with a copy action. Free of SWT, so that parsing is
 * tested plainly and the widgets only map spans to fonts and colours.
 */
public record MarkdownDocument(List<Segment> segments) {

	public MarkdownDocument {
		segments = List.copyOf(segments);
	}

	/** A part of the document. */
	public sealed interface Segment permits Prose, Code {
	}

	/** Text with styled spans (headings, emphasis, links, inline code, quotes, lists, tables). */
	public record Prose(String text, List<Span> spans) implements Segment {
		public Prose {
			spans = List.copyOf(spans);
		}
	}

	/** A fenced or indented code block, shown verbatim. */
	public record Code(String language, String code) implements Segment {
	}

	/** How a span of prose looks. */
	public enum Style {
		BOLD, ITALIC, STRIKE, CODE, LINK, HEADING_1, HEADING_2, HEADING_3, QUOTE, TABLE
	}

	/**
	 * A styled range of a prose segment's text.
	 *
	 * @param start offset in the segment's text
	 * @param length number of characters
	 * @param style the look
	 * @param url the target of a LINK, else {@code null}
	 */
	public record Span(int start, int length, Style style, String url) {
	}
}
