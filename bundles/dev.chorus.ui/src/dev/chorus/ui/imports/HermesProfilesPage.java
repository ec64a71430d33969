package dev.chorus.ui.imports;

import java.net.URI;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.eclipse.jface.layout.GridDataFactory;
import org.eclipse.jface.layout.GridLayoutFactory;
import org.eclipse.jface.viewers.ArrayContentProvider;
import org.eclipse.jface.viewers.CheckboxTableViewer;
import org.eclipse.jface.viewers.ColumnLabelProvider;
import org.eclipse.jface.viewers.TableViewerColumn;
import org.eclipse.jface.wizard.WizardPage;
import org.eclipse.osgi.util.NLS;
import org.eclipse.swt.SWT;
import org.eclipse.swt.graphics.Image;
import org.eclipse.swt.widgets.Button;
import org.eclipse.swt.widgets.Composite;
import org.eclipse.swt.widgets.DirectoryDialog;
import org.eclipse.swt.widgets.Label;
import org.eclipse.swt.widgets.Text;

import dev.chorus.core.ChorusCore;
import dev.chorus.core.agents.AgentProfile;
import dev.chorus.discovery.hermes.HermesException;
import dev.chorus.discovery.hermes.HermesHome;
import dev.chorus.discovery.hermes.HermesProfile;
import dev.chorus.discovery.hermes.HermesStateDb;
import dev.chorus.ui.agents.AgentImages;

/**
 * The Hermes folder ({@code ~/.hermes} by default) and its profiles, each with its look, model and
 * number of conversations, all checked; a folder that is not a Hermes folder says why.
 */
public class HermesProfilesPage extends WizardPage {

	private Text folder;
	private CheckboxTableViewer viewer;
	private List<HermesProfile> profiles = List.of();
	private final Map<String, String> counts = new HashMap<>();

	HermesProfilesPage() {
		super("hermesProfiles"); //$NON-NLS-1$
		setTitle(Messages.Page_Title);
		setDescription(Messages.Page_Description);
	}

	@Override
	public void createControl(Composite parent) {
		Composite page = new Composite(parent, SWT.NONE);
		GridLayoutFactory.swtDefaults().numColumns(3).applyTo(page);
		Label label = new Label(page, SWT.NONE);
		label.setText(Messages.Page_Folder);
		folder = new Text(page, SWT.BORDER);
		GridDataFactory.fillDefaults().grab(true, false).applyTo(folder);
		Button browse = new Button(page, SWT.PUSH);
		browse.setText(Messages.Page_Browse);
		browse.addListener(SWT.Selection, event -> {
			DirectoryDialog dialog = new DirectoryDialog(getShell());
			dialog.setFilterPath(folder.getText());
			String chosen = dialog.open();
			if (chosen != null) {
				folder.setText(chosen);
			}
		});

		viewer = CheckboxTableViewer.newCheckList(page, SWT.BORDER | SWT.FULL_SELECTION | SWT.V_SCROLL);
		viewer.getTable().setHeaderVisible(true);
		viewer.setContentProvider(ArrayContentProvider.getInstance());
		GridDataFactory.fillDefaults().span(3, 1).grab(true, true).hint(620, 220).applyTo(viewer.getControl());
		column(Messages.Page_Profile, 200, new ColumnLabelProvider() {
			@Override
			public String getText(Object element) {
				HermesProfile profile = (HermesProfile) element;
				return profile.displayName().equals(profile.id()) ? profile.id()
						: profile.displayName() + "  (" + profile.id() + ')'; //$NON-NLS-1$
			}

			@Override
			public Image getImage(Object element) {
				HermesProfile profile = (HermesProfile) element;
				return AgentImages.get().avatar(new AgentProfile("hermes-" + profile.id(), profile.displayName(), //$NON-NLS-1$
						profile.color(), null, "", Map.of()), 20); //$NON-NLS-1$
			}
		});
		column(Messages.Page_Model, 260, new ColumnLabelProvider() {
			@Override
			public String getText(Object element) {
				HermesProfile profile = (HermesProfile) element;
				String host;
				try {
					host = URI.create(profile.endpoint().baseUrl()).getHost();
				} catch (IllegalArgumentException e) {
					host = profile.endpoint().baseUrl();
				}
				return profile.endpoint().model() + " @ " + host; //$NON-NLS-1$
			}
		});
		column(Messages.Page_Sessions, 140, new ColumnLabelProvider() {
			@Override
			public String getText(Object element) {
				return counts.getOrDefault(((HermesProfile) element).id(), ""); //$NON-NLS-1$
			}
		});
		viewer.addCheckStateListener(event -> validate());
		Label again = new Label(page, SWT.WRAP);
		again.setText(Messages.Page_AgainNote);
		GridDataFactory.fillDefaults().span(3, 1).grab(true, false).hint(600, SWT.DEFAULT).applyTo(again);

		folder.addModifyListener(event -> load());
		folder.setText(HermesHome.defaultFolder().toString());
		setControl(page);
	}

	private void column(String title, int width, ColumnLabelProvider labels) {
		TableViewerColumn column = new TableViewerColumn(viewer, SWT.NONE);
		column.getColumn().setText(title);
		column.getColumn().setWidth(width);
		column.setLabelProvider(labels);
	}

	/** Reads the folder's profiles (small files, and a count from each database: quick). */
	private void load() {
		counts.clear();
		try {
			profiles = HermesHome.profiles(Path.of(folder.getText().strip()));
			setErrorMessage(null);
		} catch (HermesException | InvalidPathException e) {
			profiles = List.of();
			setErrorMessage(e.getMessage());
		}
		for (HermesProfile profile : profiles) {
			counts.put(profile.id(), count(profile));
		}
		viewer.setInput(profiles);
		viewer.setAllChecked(true);
		validate();
	}

	private static String count(HermesProfile profile) {
		String count;
		if (profile.stateDb() == null) {
			count = Messages.Page_NoStateDb;
		} else {
			try (HermesStateDb db = HermesStateDb.open(profile.stateDb(), 300)) {
				count = Integer.toString(db.countConversations());
			} catch (HermesException e) {
				return NLS.bind(Messages.Page_CountFailed, e.getMessage());
			}
		}
		return ChorusCore.getDefault().agents().findByOrigin(profile.origin())
				.map(agent -> count + ", " + NLS.bind(Messages.Page_Imported, agent.displayName())).orElse(count); //$NON-NLS-1$
	}

	private void validate() {
		if (getErrorMessage() != null) {
			setPageComplete(false);
			return;
		}
		boolean any = viewer.getCheckedElements().length > 0;
		setMessage(any ? null : Messages.Page_ChooseOne, WARNING);
		setPageComplete(any);
	}

	/** The folder field, for tests. */
	public Text getFolderText() {
		return folder;
	}

	/** The profiles table, for tests. */
	public CheckboxTableViewer getViewer() {
		return viewer;
	}

	/** The checked profiles. */
	public List<HermesProfile> getChosen() {
		List<HermesProfile> chosen = new ArrayList<>();
		for (Object element : viewer.getCheckedElements()) {
			chosen.add((HermesProfile) element);
		}
		return chosen;
	}
}
