package dev.chorus.ui.chat;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import java.util.function.Supplier;
import java.util.stream.Collectors;

import org.eclipse.jface.layout.GridDataFactory;
import org.eclipse.jface.layout.RowLayoutFactory;
import org.eclipse.osgi.util.NLS;
import org.eclipse.swt.SWT;
import org.eclipse.swt.dnd.Clipboard;
import org.eclipse.swt.dnd.DND;
import org.eclipse.swt.dnd.DropTarget;
import org.eclipse.swt.dnd.DropTargetAdapter;
import org.eclipse.swt.dnd.DropTargetEvent;
import org.eclipse.swt.dnd.FileTransfer;
import org.eclipse.swt.dnd.ImageTransfer;
import org.eclipse.swt.dnd.Transfer;
import org.eclipse.swt.graphics.ImageData;
import org.eclipse.swt.graphics.ImageLoader;
import org.eclipse.swt.widgets.Button;
import org.eclipse.swt.widgets.Composite;
import org.eclipse.swt.widgets.FileDialog;
import org.eclipse.swt.widgets.Link;
import org.eclipse.swt.widgets.Text;

import dev.chorus.core.transcript.Attachment;

/**
 * What the user attaches to the next message, under the input: files chosen with Attach…, dropped
 * on the input or picked with {@code @}, selections sent from an editor, images pasted. Each shows
 * as a name with a link to take it off again. Files must be inside the folder the agent works in;
 * an image larger than {@value Attachment#MAX_IMAGE_BYTES} bytes is refused, each with a message.
 */
final class AttachmentTray {

	private final Composite row;
	private final Composite chips;
	private final List<Attachment> pending = new ArrayList<>();
	private final Supplier<Path> folder;
	private final Consumer<String> problem;

	AttachmentTray(Composite parent, Text input, Supplier<Path> folder, Consumer<String> problem) {
		this.folder = folder;
		this.problem = problem;
		row = new Composite(parent, SWT.NONE);
		org.eclipse.jface.layout.GridLayoutFactory.fillDefaults().numColumns(2).applyTo(row);
		GridDataFactory.fillDefaults().span(2, 1).grab(true, false).applyTo(row);
		chips = new Composite(row, SWT.NONE);
		RowLayoutFactory.fillDefaults().spacing(12).wrap(true).applyTo(chips);
		GridDataFactory.fillDefaults().grab(true, false).applyTo(chips);
		Button attach = new Button(row, SWT.PUSH | SWT.FLAT);
		attach.setText(Messages.Attach_Button);
		attach.setToolTipText(Messages.Attach_Tooltip);
		attach.addListener(SWT.Selection, event -> chooseFiles());
		DropTarget drop = new DropTarget(input, DND.DROP_COPY | DND.DROP_DEFAULT | DND.DROP_LINK);
		drop.setTransfer(new Transfer[] { FileTransfer.getInstance() });
		drop.addDropListener(new DropTargetAdapter() {
			@Override
			public void dragEnter(DropTargetEvent event) {
				event.detail = DND.DROP_COPY;
			}

			@Override
			public void drop(DropTargetEvent event) {
				if (event.data instanceof String[] files) {
					for (String file : files) {
						addFile(Path.of(file));
					}
				}
			}
		});
		input.addListener(SWT.KeyDown, event -> {
			boolean paste = (event.stateMask & SWT.MOD1) != 0 && (event.keyCode == 'v' || event.keyCode == 'V');
			if (paste && pasteImage(input)) {
				event.doit = false;
			}
		});
		refresh();
	}

	/** The attachments of the next message. */
	List<Attachment> pending() {
		return List.copyOf(pending);
	}

	/** The message went: the tray empties. */
	void sent() {
		pending.clear();
		refresh();
	}

	/** Adds a whole file; refuses one outside the agent's folder or that is no file. */
	boolean addFile(Path file) {
		Path absolute = file.toAbsolutePath().normalize();
		if (!Files.isRegularFile(absolute)) {
			problem.accept(NLS.bind(Messages.Attach_NotAFile, absolute));
			return false;
		}
		return add(Attachment.file(absolute));
	}

	/**
	 * Adds an attachment (a file, a selection sent from an editor, an image); refuses, with the
	 * reason, a file outside the agent's folder (links followed).
	 */
	boolean add(Attachment attachment) {
		if (attachment.path() != null && !inFolder(Path.of(attachment.path()))) {
			problem.accept(NLS.bind(Messages.Attach_Outside, attachment.path(), folder.get()));
			return false;
		}
		if (pending.stream().anyMatch(existing -> existing.equals(attachment))) {
			return false;
		}
		pending.add(attachment);
		refresh();
		return true;
	}

	private boolean inFolder(Path file) {
		Path root = folder.get();
		if (root == null) {
			return true;
		}
		try {
			return file.toRealPath().startsWith(root.toRealPath());
		} catch (IOException e) {
			return file.toAbsolutePath().normalize().startsWith(root.toAbsolutePath().normalize());
		}
	}

	private void chooseFiles() {
		FileDialog dialog = new FileDialog(row.getShell(), SWT.OPEN | SWT.MULTI);
		Path root = folder.get();
		if (root != null) {
			dialog.setFilterPath(root.toString());
		}
		if (dialog.open() != null) {
			for (String name : dialog.getFileNames()) {
				addFile(Path.of(dialog.getFilterPath(), name));
			}
		}
	}

	/** An image on the clipboard becomes an attachment (PNG); returns whether there was one. */
	private boolean pasteImage(Text input) {
		Clipboard clipboard = new Clipboard(input.getDisplay());
		try {
			if (!List.of(clipboard.getAvailableTypes()).stream().anyMatch(ImageTransfer.getInstance()::isSupportedType)) {
				return false;
			}
			Object contents = clipboard.getContents(ImageTransfer.getInstance());
			if (!(contents instanceof ImageData image)) {
				return false;
			}
			ImageLoader loader = new ImageLoader();
			loader.data = new ImageData[] { image };
			ByteArrayOutputStream png = new ByteArrayOutputStream();
			loader.save(png, SWT.IMAGE_PNG);
			try {
				add(Attachment.image(NLS.bind(Messages.Attach_PastedImage, image.width, image.height), "image/png", png.toByteArray())); //$NON-NLS-1$
			} catch (IllegalArgumentException e) {
				problem.accept(NLS.bind(Messages.Attach_ImageTooLarge, png.size() / (1024 * 1024), Attachment.MAX_IMAGE_BYTES / (1024 * 1024)));
			}
			return true;
		} finally {
			clipboard.dispose();
		}
	}

	private void refresh() {
		for (org.eclipse.swt.widgets.Control chip : chips.getChildren()) {
			chip.dispose();
		}
		for (Attachment attachment : pending) {
			Link chip = new Link(chips, SWT.NONE);
			chip.setText("\u25A4 " + attachment.name().replace("&", "&&") + "  <a>\u2715</a>"); //$NON-NLS-1$ //$NON-NLS-2$ //$NON-NLS-3$ //$NON-NLS-4$
			chip.setToolTipText(attachment.path() != null ? attachment.path() : attachment.name());
			chip.addListener(SWT.Selection, event -> {
				pending.remove(attachment);
				refresh();
			});
		}
		// The tray and its ancestors only: the transcript is not measured again.
		row.getShell().layout(new org.eclipse.swt.widgets.Control[] { chips }, SWT.DEFER);
	}

	/** How a sent message lists its attachments. */
	static String describe(List<Attachment> attachments) {
		return attachments.stream().map(attachment -> "\u25A4 " + attachment.name()).collect(Collectors.joining("   ")); //$NON-NLS-1$ //$NON-NLS-2$
	}
}
