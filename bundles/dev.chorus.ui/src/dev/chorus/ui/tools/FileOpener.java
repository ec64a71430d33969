package dev.chorus.ui.tools;

import java.nio.file.Files;
import java.nio.file.Path;

import org.eclipse.core.filesystem.EFS;
import org.eclipse.core.filesystem.IFileStore;
import org.eclipse.core.runtime.Adapters;
import org.eclipse.jface.dialogs.MessageDialog;
import org.eclipse.jface.text.BadLocationException;
import org.eclipse.jface.text.IDocument;
import org.eclipse.osgi.util.NLS;
import org.eclipse.ui.IEditorPart;
import org.eclipse.ui.IWorkbenchPage;
import org.eclipse.ui.PartInitException;
import org.eclipse.ui.PlatformUI;
import org.eclipse.ui.ide.IDE;
import org.eclipse.ui.texteditor.ITextEditor;

/**
 * Opens a file a tool call names, at its line, in the editor Eclipse chooses for it (in the IDE, a
 * workspace file's own editor).
 */
public final class FileOpener {

	private FileOpener() {
	}

	public static void open(String path, Integer line) {
		IWorkbenchPage page = PlatformUI.getWorkbench().getActiveWorkbenchWindow().getActivePage();
		try {
			if (!Files.isRegularFile(Path.of(path))) {
				MessageDialog.openInformation(page.getWorkbenchWindow().getShell(), Messages.Open_Title, NLS.bind(Messages.Open_Missing, path));
				return;
			}
			IFileStore store = EFS.getLocalFileSystem().getStore(Path.of(path).toUri());
			IEditorPart editor = IDE.openEditorOnFileStore(page, store);
			ITextEditor text = Adapters.adapt(editor, ITextEditor.class);
			if (line != null && line > 0 && text != null) {
				IDocument document = text.getDocumentProvider().getDocument(text.getEditorInput());
				int index = Math.min(line, document.getNumberOfLines()) - 1;
				text.selectAndReveal(document.getLineOffset(index), document.getLineLength(index));
			}
		} catch (PartInitException | BadLocationException | RuntimeException e) {
			MessageDialog.openError(page.getWorkbenchWindow().getShell(), Messages.Open_Title, NLS.bind(Messages.Open_Failed, path, e.getMessage()));
		} catch (NoClassDefFoundError e) {
			MessageDialog.openInformation(page.getWorkbenchWindow().getShell(), Messages.Open_Title, Messages.Open_NoEditors);
		}
	}
}
