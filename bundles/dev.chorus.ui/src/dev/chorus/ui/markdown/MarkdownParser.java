package dev.chorus.ui.markdown;

import java.util.ArrayList;
import java.util.List;

import org.commonmark.ext.gfm.strikethrough.Strikethrough;
import org.commonmark.ext.gfm.strikethrough.StrikethroughExtension;
import org.commonmark.ext.gfm.tables.TableBlock;
import org.commonmark.ext.gfm.tables.TableCell;
import org.commonmark.ext.gfm.tables.TableRow;
import org.commonmark.ext.gfm.tables.TablesExtension;
import org.commonmark.node.BlockQuote;
import org.commonmark.node.BulletList;
import org.commonmark.node.Code;
import org.commonmark.node.Emphasis;
import org.commonmark.node.FencedCodeBlock;
import org.commonmark.node.HardLineBreak;
import org.commonmark.node.Heading;
import org.commonmark.node.HtmlBlock;
import org.commonmark.node.HtmlInline;
import org.commonmark.node.IndentedCodeBlock;
import org.commonmark.node.Link;
import org.commonmark.node.ListItem;
import org.commonmark.node.Node;
import org.commonmark.node.OrderedList;
import org.commonmark.node.Paragraph;
import org.commonmark.node.SoftLineBreak;
import org.commonmark.node.StrongEmphasis;
import org.commonmark.node.Text;
import org.commonmark.node.ThematicBreak;
import org.commonmark.parser.Parser;

import dev.chorus.ui.markdown.MarkdownDocument.Segment;
import dev.chorus.ui.markdown.MarkdownDocument.Span;
import dev.chorus.ui.markdown.MarkdownDocument.Style;

/**
 * Turns Markdown (CommonMark with GitHub tables and strikethrough) into a {@link MarkdownDocument}.
 * Streaming replies are parsed again as they grow; an unclosed code fence simply reads as a code
 * block that is still being written, which is what the user expects to see.
 */
public final class MarkdownParser {

	private static final String BULLET = "\u2022 "; //$NON-NLS-1$
	private static final Parser PARSER = Parser.builder()
			.extensions(List.of(TablesExtension.create(), StrikethroughExtension.create())).build();

	private MarkdownParser() {
	}

	public static MarkdownDocument parse(String markdown) {
		Builder builder = new Builder();
		Node document = PARSER.parse(markdown == null ? "" : markdown); //$NON-NLS-1$
		for (Node block = document.getFirstChild(); block != null; block = block.getNext()) {
			builder.block(block, 0);
		}
		return builder.finish();
	}

	/** Collects prose into a buffer and cuts a new segment at every code block. */
	private static final class Builder {
		private final List<Segment> segments = new ArrayList<>();
		private StringBuilder text = new StringBuilder();
		private List<Span> spans = new ArrayList<>();

		MarkdownDocument finish() {
			flushProse();
			return new MarkdownDocument(segments);
		}

		private void flushProse() {
			int end = text.length();
			while (end > 0 && text.charAt(end - 1) == '\n') {
				end--;
			}
			if (end > 0) {
				// Blocks that end in a newline (tables, lists) lose it with the trailing ones.
				List<Span> inside = new ArrayList<>();
				for (Span span : spans) {
					int spanEnd = Math.min(end, span.start() + span.length());
					if (span.start() < spanEnd) {
						inside.add(new Span(span.start(), spanEnd - span.start(), span.style(), span.url()));
					}
				}
				segments.add(new MarkdownDocument.Prose(text.substring(0, end), inside));
			}
			text = new StringBuilder();
			spans = new ArrayList<>();
		}

		private void separateBlock() {
			int length = text.length();
			if (length > 0 && !(length >= 2 && text.charAt(length - 1) == '\n' && text.charAt(length - 2) == '\n')) {
				text.append(text.charAt(length - 1) == '\n' ? "\n" : "\n\n"); //$NON-NLS-1$ //$NON-NLS-2$
			}
		}

		void block(Node node, int depth) {
			if (node instanceof FencedCodeBlock fenced) {
				flushProse();
				segments.add(new MarkdownDocument.Code(fenced.getInfo() == null ? "" : fenced.getInfo().trim(), //$NON-NLS-1$
						stripTrailingNewline(fenced.getLiteral())));
			} else if (node instanceof IndentedCodeBlock indented) {
				flushProse();
				segments.add(new MarkdownDocument.Code("", stripTrailingNewline(indented.getLiteral()))); //$NON-NLS-1$
			} else if (node instanceof Heading heading) {
				separateBlock();
				int start = text.length();
				inlines(node);
				Style style = switch (heading.getLevel()) {
				case 1 -> Style.HEADING_1;
				case 2 -> Style.HEADING_2;
				default -> Style.HEADING_3;
				};
				spans.add(new Span(start, text.length() - start, style, null));
				text.append('\n');
			} else if (node instanceof Paragraph) {
				if (depth == 0) {
					separateBlock();
				}
				inlines(node);
				text.append('\n');
			} else if (node instanceof BulletList || node instanceof OrderedList) {
				if (depth == 0) {
					separateBlock();
				}
				int number = node instanceof OrderedList ordered && ordered.getMarkerStartNumber() != null
						? ordered.getMarkerStartNumber()
						: 1;
				for (Node item = node.getFirstChild(); item != null; item = item.getNext()) {
					text.append("  ".repeat(depth)); //$NON-NLS-1$
					text.append(node instanceof OrderedList ? (number++) + ". " : BULLET); //$NON-NLS-1$
					listItem((ListItem) item, depth + 1);
				}
			} else if (node instanceof BlockQuote) {
				separateBlock();
				int start = text.length();
				for (Node child = node.getFirstChild(); child != null; child = child.getNext()) {
					block(child, depth + 1);
				}
				spans.add(new Span(start, text.length() - start, Style.QUOTE, null));
			} else if (node instanceof TableBlock) {
				separateBlock();
				table(node);
			} else if (node instanceof ThematicBreak) {
				separateBlock();
				text.append("\u2500".repeat(24)).append('\n'); //$NON-NLS-1$
			} else if (node instanceof HtmlBlock html) {
				separateBlock();
				text.append(html.getLiteral());
			} else {
				inlines(node);
			}
		}

		private void listItem(ListItem item, int depth) {
			boolean first = true;
			for (Node child = item.getFirstChild(); child != null; child = child.getNext()) {
				if (child instanceof Paragraph) {
					if (!first) {
						text.append("  ".repeat(depth)); //$NON-NLS-1$
					}
					inlines(child);
					text.append('\n');
				} else if (child instanceof FencedCodeBlock || child instanceof IndentedCodeBlock) {
					block(child, depth);
				} else {
					if (first) {
						text.append('\n');
					}
					block(child, depth);
				}
				first = false;
			}
			if (first) {
				text.append('\n');
			}
		}

		/** Lays a table out as aligned monospace text: readable, selectable and copyable. */
		private void table(Node table) {
			List<List<String>> rows = new ArrayList<>();
			collectRows(table, rows);
			int columns = rows.stream().mapToInt(List::size).max().orElse(0);
			int[] widths = new int[columns];
			for (List<String> row : rows) {
				for (int c = 0; c < row.size(); c++) {
					widths[c] = Math.max(widths[c], row.get(c).length());
				}
			}
			int start = text.length();
			for (int r = 0; r < rows.size(); r++) {
				List<String> row = rows.get(r);
				for (int c = 0; c < columns; c++) {
					String cell = c < row.size() ? row.get(c) : ""; //$NON-NLS-1$
					text.append(c == 0 ? "" : " \u2502 ").append(cell).append(" ".repeat(widths[c] - cell.length())); //$NON-NLS-1$ //$NON-NLS-2$ //$NON-NLS-3$
				}
				text.append('\n');
				if (r == 0) {
					int headerEnd = text.length() - 1;
					spans.add(new Span(start, headerEnd - start, Style.BOLD, null));
					for (int c = 0; c < columns; c++) {
						text.append(c == 0 ? "" : "\u2500\u253c\u2500").append("\u2500".repeat(widths[c])); //$NON-NLS-1$ //$NON-NLS-2$ //$NON-NLS-3$
					}
					text.append('\n');
				}
			}
			spans.add(new Span(start, text.length() - start, Style.TABLE, null));
		}

		private void collectRows(Node node, List<List<String>> rows) {
			for (Node child = node.getFirstChild(); child != null; child = child.getNext()) {
				if (child instanceof TableRow) {
					List<String> cells = new ArrayList<>();
					for (Node cell = child.getFirstChild(); cell != null; cell = cell.getNext()) {
						if (cell instanceof TableCell) {
							cells.add(plainText(cell).trim());
						}
					}
					rows.add(cells);
				} else {
					collectRows(child, rows);
				}
			}
		}

		private static String plainText(Node node) {
			StringBuilder out = new StringBuilder();
			for (Node child = node.getFirstChild(); child != null; child = child.getNext()) {
				if (child instanceof Text t) {
					out.append(t.getLiteral());
				} else if (child instanceof Code c) {
					out.append(c.getLiteral());
				} else {
					out.append(plainText(child));
				}
			}
			return out.toString();
		}

		private void inlines(Node parent) {
			for (Node node = parent.getFirstChild(); node != null; node = node.getNext()) {
				inline(node);
			}
		}

		private void inline(Node node) {
			int start = text.length();
			if (node instanceof Text t) {
				text.append(t.getLiteral());
			} else if (node instanceof Code code) {
				text.append(code.getLiteral());
				spans.add(new Span(start, code.getLiteral().length(), Style.CODE, null));
			} else if (node instanceof SoftLineBreak || node instanceof HardLineBreak) {
				text.append('\n');
			} else if (node instanceof HtmlInline html) {
				text.append(html.getLiteral());
			} else {
				inlines(node);
				Style style = node instanceof StrongEmphasis ? Style.BOLD
						: node instanceof Emphasis ? Style.ITALIC
								: node instanceof Strikethrough ? Style.STRIKE : node instanceof Link ? Style.LINK : null;
				if (style != null && text.length() > start) {
					spans.add(new Span(start, text.length() - start, style,
							node instanceof Link link ? link.getDestination() : null));
				}
			}
		}

		private static String stripTrailingNewline(String code) {
			return code.endsWith("\n") ? code.substring(0, code.length() - 1) : code; //$NON-NLS-1$
		}
	}
}
