package dev.chorus.ui.tools;

import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;

import org.eclipse.compare.CompareConfiguration;
import org.eclipse.compare.CompareEditorInput;
import org.eclipse.compare.CompareUI;
import org.eclipse.compare.IEncodedStreamContentAccessor;
import org.eclipse.compare.ITypedElement;
import org.eclipse.compare.structuremergeviewer.DiffNode;
import org.eclipse.core.runtime.IProgressMonitor;
import org.eclipse.jface.dialogs.MessageDialog;
import org.eclipse.osgi.util.NLS;
import org.eclipse.swt.graphics.Image;
import org.eclipse.ui.PlatformUI;

import dev.chorus.core.transcript.FileDiff;

/**
 * Opens a change an agent made or proposes in the Eclipse Compare editor, the text before on the
 * left and after on the right, read-only.
 */
public final class CompareDiff {

	private CompareDiff() {
	}

	public static void open(FileDiff diff) {
		if (diff == null) {
			return;
		}
		try {
			CompareUI.openCompareEditor(new Input(diff));
		} catch (NoClassDefFoundError e) {
			MessageDialog.openInformation(PlatformUI.getWorkbench().getDisplay().getActiveShell(), Messages.Diff_CompareTitle,
					Messages.Diff_NoCompare);
		}
	}

	/** The editor input: one node, its two sides the texts of the change. */
	static final class Input extends CompareEditorInput {
		private final FileDiff diff;

		Input(FileDiff diff) {
			super(configuration(diff));
			this.diff = diff;
			setTitle(NLS.bind(Messages.Diff_CompareTitleOf, new java.io.File(diff.path()).getName()));
		}

		private static CompareConfiguration configuration(FileDiff diff) {
			CompareConfiguration configuration = new CompareConfiguration();
			configuration.setLeftLabel(NLS.bind(Messages.Diff_Before, diff.path()));
			configuration.setRightLabel(NLS.bind(Messages.Diff_After, diff.path()));
			configuration.setLeftEditable(false);
			configuration.setRightEditable(false);
			// Before on the left, after on the right, whatever the swap preference says.
			configuration.setProperty(CompareConfiguration.MIRRORED, Boolean.FALSE);
			return configuration;
		}

		@Override
		protected Object prepareInput(IProgressMonitor monitor) {
			return new DiffNode(new Side(diff.path(), diff.oldText() == null ? "" : diff.oldText()), //$NON-NLS-1$
					new Side(diff.path(), diff.newText()));
		}

		@Override
		public String getToolTipText() {
			return diff.path();
		}

		@Override
		public boolean equals(Object other) {
			return other instanceof Input input && input.diff.equals(diff);
		}

		@Override
		public int hashCode() {
			return diff.hashCode();
		}
	}

	/** One side of the change: a text typed by the file's extension, for the right viewer. */
	private record Side(String path, String text) implements ITypedElement, IEncodedStreamContentAccessor {
		@Override
		public String getName() {
			return new java.io.File(path).getName();
		}

		@Override
		public Image getImage() {
			return null;
		}

		@Override
		public String getType() {
			String name = getName();
			int dot = name.lastIndexOf('.');
			return dot < 0 ? ITypedElement.TEXT_TYPE : name.substring(dot + 1);
		}

		@Override
		public InputStream getContents() {
			return new ByteArrayInputStream(text.getBytes(StandardCharsets.UTF_8));
		}

		@Override
		public String getCharset() {
			return StandardCharsets.UTF_8.name();
		}
	}
}
