package dev.chorus.ui.views;

import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.time.format.FormatStyle;

import org.eclipse.jface.layout.GridDataFactory;
import org.eclipse.jface.layout.GridLayoutFactory;
import org.eclipse.swt.SWT;
import org.eclipse.swt.widgets.Composite;
import org.eclipse.swt.widgets.Control;
import org.eclipse.swt.widgets.Label;
import org.eclipse.swt.widgets.Text;
import org.eclipse.ui.dialogs.PropertyPage;

import dev.chorus.core.ChorusCore;
import dev.chorus.core.agents.AgentProfile;
import dev.chorus.core.sessions.SessionInfo;

/**
 * What belongs to one session: its agent, title (editable), dates, size, the backend's own
 * session id, and the file it is stored in.
 */
public class SessionPropertyPage extends PropertyPage {

	private static final DateTimeFormatter WHEN = DateTimeFormatter.ofLocalizedDateTime(FormatStyle.MEDIUM)
			.withZone(ZoneId.systemDefault());

	private Text title;
	private SessionInfo session;

	@Override
	protected Control createContents(Composite parent) {
		noDefaultAndApplyButton();
		SessionInfo element = getElement().getAdapter(SessionInfo.class);
		session = ChorusCore.getDefault().sessions().get(element.id()).orElse(element);
		Composite page = new Composite(parent, SWT.NONE);
		GridLayoutFactory.fillDefaults().numColumns(2).spacing(12, 6).applyTo(page);

		String agent = ChorusCore.getDefault().agents().get(session.agentId()).map(AgentProfile::displayName)
				.orElse(session.agentId());
		row(page, Messages.SessionProperties_Agent, agent);
		new Label(page, SWT.NONE).setText(Messages.SessionProperties_Title);
		title = new Text(page, SWT.BORDER);
		title.setText(session.title() == null ? "" : session.title()); //$NON-NLS-1$
		GridDataFactory.fillDefaults().grab(true, false).hint(320, SWT.DEFAULT).applyTo(title);
		title.addListener(SWT.Modify, event -> {
			boolean valid = !title.getText().isBlank();
			setErrorMessage(valid ? null : Messages.SessionProperties_TitleEmpty);
			setValid(valid);
		});
		row(page, Messages.SessionProperties_Created, session.created() == null ? "" : WHEN.format(session.created())); //$NON-NLS-1$
		row(page, Messages.SessionProperties_Updated, session.updated() == null ? "" : WHEN.format(session.updated())); //$NON-NLS-1$
		row(page, Messages.SessionProperties_Messages, String.format("%,d", session.messageCount())); //$NON-NLS-1$
		row(page, Messages.SessionProperties_Tokens, String.format("%,d", session.totalTokens())); //$NON-NLS-1$
		row(page, Messages.SessionProperties_BackendSession,
				session.backendSessionId() == null ? Messages.SessionProperties_None : session.backendSessionId());
		row(page, Messages.SessionProperties_WorkingDirectory,
				session.workingDirectory() == null ? Messages.SessionProperties_AgentsFolder : session.workingDirectory());
		row(page, Messages.SessionProperties_File, session.file() == null ? "" : session.file().toString()); //$NON-NLS-1$
		return page;
	}

	private static void row(Composite page, String label, String value) {
		new Label(page, SWT.NONE).setText(label);
		Text text = new Text(page, SWT.READ_ONLY | SWT.WRAP);
		text.setText(value);
		GridDataFactory.fillDefaults().grab(true, false).hint(320, SWT.DEFAULT).applyTo(text);
	}

	@Override
	public boolean performOk() {
		String newTitle = title.getText().strip();
		if (!newTitle.isEmpty() && !newTitle.equals(session.title())) {
			ChorusCore.getDefault().runs().findBySession(session.id()).ifPresentOrElse(run -> run.rename(newTitle),
					() -> ChorusCore.getDefault().sessions().rename(session.id(), newTitle));
		}
		return true;
	}
}
