package dev.chorus.ide;

import java.nio.file.Path;

import org.eclipse.core.commands.AbstractHandler;
import org.eclipse.core.commands.ExecutionEvent;
import org.eclipse.core.commands.ExecutionException;
import org.eclipse.core.resources.IFile;
import org.eclipse.core.runtime.Adapters;
import org.eclipse.jface.text.BadLocationException;
import org.eclipse.jface.text.IDocument;
import org.eclipse.jface.text.ITextSelection;
import org.eclipse.osgi.util.NLS;
import org.eclipse.ui.IEditorPart;
import org.eclipse.ui.IWorkbenchPage;
import org.eclipse.ui.handlers.HandlerUtil;
import org.eclipse.ui.texteditor.ITextEditor;

import dev.chorus.core.transcript.Attachment;
import dev.chorus.ui.chat.ChatEditor;

/**
 * Send Selection to Chat, from a text editor: the selected lines, with the file and their range,
 * go to the chat last used in the page (a new chat in the file's project when none is open) as an
 * attachment of the next message, and that chat comes to front.
 */
public class SendSelectionHandler extends AbstractHandler {

	@Override
	public Object execute(ExecutionEvent event) throws ExecutionException {
		IEditorPart part = HandlerUtil.getActiveEditorChecked(event);
		ITextEditor editor = Adapters.adapt(part, ITextEditor.class);
		IFile file = Adapters.adapt(part.getEditorInput(), IFile.class);
		if (editor == null || file == null || file.getLocation() == null
				|| !(editor.getSelectionProvider().getSelection() instanceof ITextSelection selection)) {
			return null;
		}
		IDocument document = editor.getDocumentProvider().getDocument(part.getEditorInput());
		String text = selection.getText();
		int first = selection.getStartLine() + 1;
		int last = selection.getEndLine() + 1;
		if (text == null || text.isEmpty()) {
			// Nothing selected: the line of the caret.
			try {
				int line = document.getLineOfOffset(selection.getOffset());
				text = document.get(document.getLineOffset(line), document.getLineLength(line));
				first = line + 1;
				last = first;
			} catch (BadLocationException e) {
				return null;
			}
		}
		Path path = file.getLocation().toFile().toPath();
		IWorkbenchPage page = HandlerUtil.getActiveWorkbenchWindowChecked(event).getActivePage();
		ChatEditor chat = dev.chorus.ui.chat.Chats.lastShown(page).orElse(null);
		if (chat == null) {
			chat = (ChatEditor) new NewProjectChatHandler().execute(event);
		}
		if (chat == null) {
			throw new ExecutionException(NLS.bind(Messages.SendSelection_NoChat, file.getName()));
		}
		chat.attach(Attachment.selection(path, text, first, last));
		page.activate(chat);
		return chat;
	}
}
