package dev.chorus.ui.tests;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertTrue;

import java.util.List;

import org.junit.Test;

import dev.chorus.ui.markdown.MarkdownDocument;
import dev.chorus.ui.markdown.MarkdownDocument.Code;
import dev.chorus.ui.markdown.MarkdownDocument.Prose;
import dev.chorus.ui.markdown.MarkdownDocument.Span;
import dev.chorus.ui.markdown.MarkdownDocument.Style;
import dev.chorus.ui.markdown.MarkdownParser;

/** What the chat shows of Markdown: text, styled spans and code blocks cut out as their own segments. */
public class MarkdownParserTest {

	@Test
	public void headingsEmphasisCodeAndLinksBecomeSpansOverTheRightText() {
		MarkdownDocument document = MarkdownParser.parse("# Plan\n\nUse **bold**, *it*, `x()` and [docs](https://example.org).");
		Prose prose = (Prose) document.segments().get(0);
		assertEquals("Plan\n\nUse bold, it, x() and docs.", prose.text());
		assertSpan(prose, "Plan", Style.HEADING_1, null);
		assertSpan(prose, "bold", Style.BOLD, null);
		assertSpan(prose, "it", Style.ITALIC, null);
		assertSpan(prose, "x()", Style.CODE, null);
		assertSpan(prose, "docs", Style.LINK, "https://example.org");
	}

	@Test
	public void codeBlocksAreSegmentsOfTheirOwnWithTheirLanguage() {
		MarkdownDocument document = MarkdownParser.parse("Before\n\n```java\nint x = 1;\n\nint y;\n```\n\nAfter");
		List<MarkdownDocument.Segment> segments = document.segments();
		assertEquals(3, segments.size());
		assertEquals("Before", ((Prose) segments.get(0)).text());
		assertEquals(new Code("java", "int x = 1;\n\nint y;"), segments.get(1));
		assertEquals("After", ((Prose) segments.get(2)).text());
	}

	@Test
	public void anUnclosedFenceWhileStreamingReadsAsACodeBlockSoFar() {
		MarkdownDocument document = MarkdownParser.parse("Here:\n```py\nprint(1)\nprint(");
		assertEquals(new Code("py", "print(1)\nprint("), document.segments().get(1));
	}

	@Test
	public void listsAreBulletedAndNumberedWithNesting() {
		Prose prose = (Prose) MarkdownParser.parse("- one\n- two\n  1. inner\n  2. next\n").segments().get(0);
		assertEquals("\u2022 one\n\u2022 two\n  1. inner\n  2. next", prose.text());
	}

	@Test
	public void tablesAreAlignedInMonospaceWithABoldHeader() {
		Prose prose = (Prose) MarkdownParser.parse("| Name | N |\n|---|---|\n| a | 100 |\n| bbbb | 2 |").segments().get(0);
		String[] lines = prose.text().split("\n");
		assertEquals("Name \u2502 N  ", lines[0]);
		assertEquals("a    \u2502 100", lines[2]);
		assertEquals("bbbb \u2502 2  ", lines[3]);
		assertTrue(prose.spans().stream().anyMatch(span -> span.style() == Style.TABLE && span.start() == 0));
		assertSpan(prose, "Name \u2502 N  ", Style.BOLD, null);
	}

	@Test
	public void nothingIsLostFromPlainText() {
		String text = "Line one\nline two with <tag> & ampersand";
		Prose prose = (Prose) MarkdownParser.parse(text).segments().get(0);
		assertEquals(text, prose.text());
	}

	private static void assertSpan(Prose prose, String covered, Style style, String url) {
		int start = prose.text().indexOf(covered);
		assertTrue("text has " + covered, start >= 0);
		Span expected = new Span(start, covered.length(), style, url);
		assertTrue("span " + expected + " in " + prose.spans(), prose.spans().contains(expected));
	}

	@Test
	public void everyPrefixOfAStreamedReplyGivesSpansInsideTheirText() {
		// What a chat sees while an answer streams in: every prefix must render.
		String reply = "## In the dark\n\nChats follow the **theme**: text, `code`, [links](https://x.org) and\n\n"
				+ "| kind | colour |\n|---|---|\n| text | light |\n\n> a *quote* with **bold `code`**\n\n"
				+ "1. one\n2. **two**\n   - nested ~~gone~~\n\n```python\nprint('chorus')\n```\nafter";
		for (int end = 0; end <= reply.length(); end++) {
			for (MarkdownDocument.Segment segment : MarkdownParser.parse(reply.substring(0, end)).segments()) {
				if (segment instanceof Prose prose) {
					for (Span span : prose.spans()) {
						String where = "prefix " + end + " " + span + " in \"" + prose.text() + '"';
						assertTrue(where, span.start() >= 0 && span.length() >= 0);
						assertTrue(where, span.start() + span.length() <= prose.text().length());
					}
				}
			}
		}
	}
}
