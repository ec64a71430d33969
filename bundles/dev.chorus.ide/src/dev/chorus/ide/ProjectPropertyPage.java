package dev.chorus.ide;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import org.eclipse.core.resources.IProject;
import org.eclipse.core.runtime.Adapters;
import org.eclipse.jface.layout.GridDataFactory;
import org.eclipse.jface.layout.GridLayoutFactory;
import org.eclipse.osgi.util.NLS;
import org.eclipse.swt.SWT;
import org.eclipse.swt.widgets.Button;
import org.eclipse.swt.widgets.Combo;
import org.eclipse.swt.widgets.Composite;
import org.eclipse.swt.widgets.Control;
import org.eclipse.swt.widgets.DirectoryDialog;
import org.eclipse.swt.widgets.Label;
import org.eclipse.swt.widgets.Text;
import org.eclipse.ui.dialogs.PropertyPage;
import org.osgi.service.prefs.BackingStoreException;

import dev.chorus.core.ChorusCore;
import dev.chorus.core.agents.AgentProfile;

/**
 * Project > Properties > Chorus: the agent that New Chat uses in the project and the folder ACP
 * agents work in. Stored with the project, so a team shares it.
 */
public class ProjectPropertyPage extends PropertyPage {

	/** Agent ids in the order of the combo's items; {@code ""} is the active agent. */
	private final List<String> agentIds = new ArrayList<>();
	private Combo agent;
	private Text folder;

	private IProject project() {
		return Adapters.adapt(getElement(), IProject.class);
	}

	@Override
	protected Control createContents(Composite parent) {
		IProject project = project();
		ProjectChatSettings settings = ProjectChatSettings.of(project);
		Composite page = new Composite(parent, SWT.NONE);
		GridLayoutFactory.fillDefaults().numColumns(3).spacing(8, 6).applyTo(page);

		Label description = new Label(page, SWT.WRAP);
		description.setText(Messages.ProjectPage_Description);
		GridDataFactory.fillDefaults().span(3, 1).grab(true, false).hint(360, SWT.DEFAULT).indent(0, 0).applyTo(description);

		new Label(page, SWT.NONE).setText(Messages.ProjectPage_Agent);
		agent = new Combo(page, SWT.READ_ONLY | SWT.DROP_DOWN);
		GridDataFactory.fillDefaults().span(2, 1).grab(true, false).applyTo(agent);
		fillAgents(settings.agentId());

		new Label(page, SWT.NONE).setText(Messages.ProjectPage_WorkingDirectory);
		folder = new Text(page, SWT.BORDER);
		folder.setText(settings.workingDirectory());
		folder.setMessage(project.getLocation() == null ? "" : project.getLocation().toOSString()); //$NON-NLS-1$
		GridDataFactory.fillDefaults().grab(true, false).hint(280, SWT.DEFAULT).applyTo(folder);
		folder.addListener(SWT.Modify, event -> validate());
		Button browse = new Button(page, SWT.PUSH);
		browse.setText(Messages.ProjectPage_Browse);
		browse.addListener(SWT.Selection, event -> browse());

		new Label(page, SWT.NONE);
		Label hint = new Label(page, SWT.WRAP);
		hint.setText(NLS.bind(Messages.ProjectPage_WorkingDirectoryHint,
				project.getLocation() == null ? "" : project.getLocation().toOSString())); //$NON-NLS-1$
		GridDataFactory.fillDefaults().span(2, 1).grab(true, false).hint(280, SWT.DEFAULT).applyTo(hint);
		validate();
		return page;
	}

	private void fillAgents(String selected) {
		agent.removeAll();
		agentIds.clear();
		agentIds.add(""); //$NON-NLS-1$
		agent.add(Messages.ProjectPage_ActiveAgent);
		for (AgentProfile profile : ChorusCore.getDefault().agents().list()) {
			agentIds.add(profile.id());
			agent.add(profile.displayName());
		}
		if (!agentIds.contains(selected)) {
			// Kept as it is stored until the user picks another: a shared project may name an
			// agent that only a colleague has.
			agentIds.add(selected);
			agent.add(NLS.bind(Messages.ProjectPage_MissingAgent, selected));
		}
		agent.select(agentIds.indexOf(selected));
	}

	private void browse() {
		DirectoryDialog dialog = new DirectoryDialog(getShell());
		dialog.setText(Messages.ProjectPage_BrowseTitle);
		String current = folder.getText().strip();
		dialog.setFilterPath(!current.isEmpty() ? current
				: project().getLocation() == null ? null : project().getLocation().toOSString());
		String chosen = dialog.open();
		if (chosen != null) {
			folder.setText(chosen);
		}
	}

	private void validate() {
		String path = folder.getText().strip();
		boolean valid = path.isEmpty() || Files.isDirectory(Path.of(path));
		setErrorMessage(valid ? null : NLS.bind(Messages.ProjectPage_NoSuchFolder, path));
		setValid(valid);
	}

	@Override
	protected void performDefaults() {
		fillAgents(""); //$NON-NLS-1$
		folder.setText(""); //$NON-NLS-1$
		super.performDefaults();
	}

	@Override
	public boolean performOk() {
		ProjectChatSettings settings = new ProjectChatSettings(agentIds.get(Math.max(0, agent.getSelectionIndex())),
				folder.getText());
		try {
			settings.save(project());
			return true;
		} catch (BackingStoreException e) {
			setErrorMessage(NLS.bind(Messages.ProjectPage_SaveFailed, project().getName(), e.getMessage()));
			return false;
		}
	}
}
