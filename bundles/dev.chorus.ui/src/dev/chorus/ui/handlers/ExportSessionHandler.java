package dev.chorus.ui.handlers;

import java.io.IOException;
import java.nio.file.Path;

import org.eclipse.core.commands.AbstractHandler;
import org.eclipse.core.commands.ExecutionEvent;
import org.eclipse.core.commands.ExecutionException;
import org.eclipse.jface.dialogs.MessageDialog;
import org.eclipse.osgi.util.NLS;
import org.eclipse.swt.SWT;
import org.eclipse.swt.widgets.FileDialog;
import org.eclipse.swt.widgets.Shell;
import org.eclipse.ui.handlers.HandlerUtil;

import dev.chorus.core.ChorusCore;
import dev.chorus.core.sessions.SessionInfo;

/** Saves the targeted session's conversation as a Markdown file the user picks. */
public class ExportSessionHandler extends AbstractHandler {

	@Override
	public Object execute(ExecutionEvent event) throws ExecutionException {
		SessionInfo session = Targets.session(event).orElse(null);
		if (session == null) {
			return null;
		}
		Shell shell = HandlerUtil.getActiveShellChecked(event);
		FileDialog dialog = new FileDialog(shell, SWT.SAVE);
		dialog.setText(Messages.ExportSession_Title);
		dialog.setFilterExtensions(new String[] { "*.md", "*.*" }); //$NON-NLS-1$ //$NON-NLS-2$
		dialog.setFileName(fileName(session.title()) + ".md"); //$NON-NLS-1$
		dialog.setOverwrite(true);
		String file = dialog.open();
		if (file == null) {
			return null;
		}
		try {
			ChorusCore.getDefault().sessions().exportMarkdown(session.id(), Path.of(file));
		} catch (IOException | RuntimeException e) {
			MessageDialog.openError(shell, Messages.ExportSession_Title,
					NLS.bind(Messages.ExportSession_Failed, file, e.getMessage()));
		}
		return null;
	}

	static String fileName(String title) {
		String name = title == null ? "" : title.replaceAll("[\\\\/:*?\"<>|\\p{Cntrl}]+", " ").strip(); //$NON-NLS-1$ //$NON-NLS-2$ //$NON-NLS-3$
		return name.isEmpty() ? "chat" : name.length() > 80 ? name.substring(0, 80).strip() : name; //$NON-NLS-1$
	}
}
