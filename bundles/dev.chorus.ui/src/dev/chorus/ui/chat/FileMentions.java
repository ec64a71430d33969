package dev.chorus.ui.chat;

import java.io.IOException;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.function.Supplier;

import org.eclipse.jface.bindings.keys.KeyStroke;
import org.eclipse.jface.fieldassist.ContentProposalAdapter;
import org.eclipse.jface.fieldassist.IContentProposal;
import org.eclipse.jface.fieldassist.IContentProposalProvider;
import org.eclipse.jface.fieldassist.TextContentAdapter;
import org.eclipse.swt.SWT;
import org.eclipse.swt.widgets.Text;

/**
 * {@code @} in the input: completion over the files under the folder the agent works in; the
 * chosen file is attached to the message and named in its text. The folder is walked at most
 * {@value #MAX_DEPTH} levels deep and for {@value #MAX_FILES} files, leaving out hidden folders and
 * build output, and the list is kept for a few seconds while the user types.
 */
final class FileMentions {

	static final int MAX_FILES = 5000;
	static final int MAX_DEPTH = 8;
	private static final int MAX_PROPOSALS = 50;
	private static final long KEEP_MILLIS = 5000;
	private static final Set<String> SKIPPED = Set.of("node_modules", "target", "bin", "build", "dist", "out"); //$NON-NLS-1$ //$NON-NLS-2$ //$NON-NLS-3$ //$NON-NLS-4$ //$NON-NLS-5$ //$NON-NLS-6$

	private final Text input;
	private final Supplier<Path> folder;
	private final AttachmentTray tray;
	private final ContentProposalAdapter adapter;
	private List<Path> files = List.of();
	private Path listed;
	private long listedAt;

	FileMentions(Text input, Supplier<Path> folder, AttachmentTray tray) {
		this.input = input;
		this.folder = folder;
		this.tray = tray;
		adapter = new ContentProposalAdapter(input, new TextContentAdapter(), new Provider(), KeyStroke.getInstance(SWT.CTRL, ' '),
				new char[] { '@' });
		adapter.setProposalAcceptanceStyle(ContentProposalAdapter.PROPOSAL_IGNORE);
		adapter.setPopupSize(new org.eclipse.swt.graphics.Point(480, 200));
		adapter.addContentProposalListener(proposal -> accept(((Proposal) proposal).file));
	}

	boolean isAssisting() {
		return adapter.isProposalPopupOpen();
	}

	ContentProposalAdapter getAdapter() {
		return adapter;
	}

	/** The word being typed at the caret, if it starts with {@code @}. */
	private String mention(String contents, int position) {
		int start = position;
		while (start > 0 && !Character.isWhitespace(contents.charAt(start - 1))) {
			start--;
		}
		String word = contents.substring(start, position);
		return word.startsWith("@") ? word.substring(1) : null; //$NON-NLS-1$
	}

	private void accept(Path file) {
		int caret = input.getCaretPosition();
		String text = input.getText();
		String typed = mention(text, caret);
		if (typed == null) {
			return;
		}
		int start = caret - typed.length() - 1;
		String name = "@" + file.getFileName() + ' '; //$NON-NLS-1$
		input.setText(text.substring(0, start) + name + text.substring(caret));
		input.setSelection(start + name.length());
		tray.addFile(file);
	}

	private List<Path> files() {
		Path root = folder.get();
		long now = System.currentTimeMillis();
		if (root == null) {
			return List.of();
		}
		if (!root.equals(listed) || now - listedAt > KEEP_MILLIS) {
			files = walk(root);
			listed = root;
			listedAt = now;
		}
		return files;
	}

	static List<Path> walk(Path root) {
		List<Path> found = new ArrayList<>();
		try {
			Files.walkFileTree(root, Set.of(), MAX_DEPTH, new SimpleFileVisitor<>() {
				@Override
				public FileVisitResult preVisitDirectory(Path dir, BasicFileAttributes attrs) {
					String name = String.valueOf(dir.getFileName());
					return !dir.equals(root) && (name.startsWith(".") || SKIPPED.contains(name)) ? FileVisitResult.SKIP_SUBTREE //$NON-NLS-1$
							: FileVisitResult.CONTINUE;
				}

				@Override
				public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) {
					if (attrs.isRegularFile()) {
						found.add(file);
					}
					return found.size() >= MAX_FILES ? FileVisitResult.TERMINATE : FileVisitResult.CONTINUE;
				}

				@Override
				public FileVisitResult visitFileFailed(Path file, IOException e) {
					return FileVisitResult.CONTINUE;
				}
			});
		} catch (IOException e) {
			// What was found so far.
		}
		return found;
	}

	private final class Provider implements IContentProposalProvider {
		@Override
		public IContentProposal[] getProposals(String contents, int position) {
			String typed = mention(contents, Math.min(position, contents.length()));
			if (typed == null) {
				return new IContentProposal[0];
			}
			String query = typed.toLowerCase(Locale.ROOT);
			Path root = folder.get();
			return files().stream().filter(file -> root.relativize(file).toString().toLowerCase(Locale.ROOT).contains(query))
					.sorted(Comparator.comparing((Path file) -> !file.getFileName().toString().toLowerCase(Locale.ROOT).startsWith(query))
							.thenComparing(file -> root.relativize(file).getNameCount()).thenComparing(Path::toString))
					.limit(MAX_PROPOSALS).map(file -> new Proposal(file, root.relativize(file).toString())).toArray(IContentProposal[]::new);
		}
	}

	private record Proposal(Path file, String relative) implements IContentProposal {
		@Override
		public String getContent() {
			return ""; //$NON-NLS-1$
		}

		@Override
		public int getCursorPosition() {
			return 0;
		}

		@Override
		public String getLabel() {
			return relative;
		}

		@Override
		public String getDescription() {
			return null;
		}
	}
}
