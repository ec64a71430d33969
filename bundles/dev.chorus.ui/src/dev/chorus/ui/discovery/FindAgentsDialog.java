package dev.chorus.ui.discovery;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import org.eclipse.jface.dialogs.IDialogConstants;
import org.eclipse.jface.dialogs.TitleAreaDialog;
import org.eclipse.jface.layout.GridDataFactory;
import org.eclipse.jface.layout.GridLayoutFactory;
import org.eclipse.jface.viewers.ArrayContentProvider;
import org.eclipse.jface.viewers.CellEditor;
import org.eclipse.jface.viewers.CheckboxTableViewer;
import org.eclipse.jface.viewers.ColumnLabelProvider;
import org.eclipse.jface.viewers.ComboBoxCellEditor;
import org.eclipse.jface.viewers.EditingSupport;
import org.eclipse.jface.viewers.TableViewerColumn;
import org.eclipse.osgi.util.NLS;
import org.eclipse.swt.SWT;
import org.eclipse.swt.graphics.Image;
import org.eclipse.swt.widgets.Button;
import org.eclipse.swt.widgets.Composite;
import org.eclipse.swt.widgets.Control;
import org.eclipse.swt.widgets.Label;
import org.eclipse.swt.widgets.Shell;

import dev.chorus.core.agents.AgentColors;
import dev.chorus.core.agents.AgentProfile;
import dev.chorus.discovery.FoundAgent;
import dev.chorus.ui.agents.AgentImages;

/**
 * The agents the finder found, offered: each with the name, place and model it would get, checked
 * when it answered. Only the checked ones are added, and only on Add Agents. A server's model can
 * be chosen among those it lists.
 */
public class FindAgentsDialog extends TitleAreaDialog {

	private final List<FoundAgent> found;
	private final List<String> alreadySetUp;
	private final AgentProfile replaceable;
	private CheckboxTableViewer viewer;
	private Button replace;
	private List<FoundAgent> chosen = List.of();
	private boolean replaceChosen;
	private final java.util.Map<String, String> colours = new java.util.HashMap<>();

	/**
	 * @param replaceable the untouched default agent, offered for removal, or {@code null}
	 */
	public FindAgentsDialog(Shell parent, List<FoundAgent> found, List<String> alreadySetUp, AgentProfile replaceable) {
		super(parent);
		this.found = new ArrayList<>(found);
		this.alreadySetUp = List.copyOf(alreadySetUp);
		this.replaceable = replaceable;
		List<String> given = dev.chorus.discovery.AgentOffers.colours(found,
				dev.chorus.core.ChorusCore.getDefault().agents());
		for (int i = 0; i < found.size(); i++) {
			colours.put(found.get(i).location(), given.get(i));
		}
		setShellStyle(getShellStyle() | SWT.RESIZE);
	}

	@Override
	protected void configureShell(Shell shell) {
		super.configureShell(shell);
		shell.setText(Messages.Dialog_Title);
	}

	@Override
	protected Control createDialogArea(Composite parent) {
		Composite area = (Composite) super.createDialogArea(parent);
		setTitle(Messages.Dialog_Title);
		setMessage(Messages.Dialog_Message);
		Composite page = new Composite(area, SWT.NONE);
		GridLayoutFactory.fillDefaults().margins(10, 10).applyTo(page);
		GridDataFactory.fillDefaults().grab(true, true).applyTo(page);

		viewer = CheckboxTableViewer.newCheckList(page, SWT.BORDER | SWT.FULL_SELECTION | SWT.V_SCROLL);
		viewer.getTable().setHeaderVisible(true);
		viewer.setContentProvider(ArrayContentProvider.getInstance());
		GridDataFactory.fillDefaults().grab(true, true).hint(780, 200).applyTo(viewer.getControl());
		column(Messages.Dialog_Agent, 140, new ColumnLabelProvider() {
			@Override
			public String getText(Object element) {
				return ((FoundAgent) element).name();
			}

			@Override
			public Image getImage(Object element) {
				FoundAgent agent = (FoundAgent) element;
				return AgentImages.get().avatar(preview(agent), 20);
			}
		});
		column(Messages.Dialog_Where, 300, new ColumnLabelProvider() {
			@Override
			public String getText(Object element) {
				FoundAgent agent = (FoundAgent) element;
				return agent.version() == null ? agent.location() : NLS.bind(Messages.Dialog_Version, agent.location(), agent.version());
			}
		});
		TableViewerColumn model = column(Messages.Dialog_Model, 130, new ColumnLabelProvider() {
			@Override
			public String getText(Object element) {
				String name = ((FoundAgent) element).model();
				return name == null ? "" : name; //$NON-NLS-1$
			}
		});
		model.setEditingSupport(new ModelEditing());
		column(Messages.Dialog_Note, 200, new ColumnLabelProvider() {
			@Override
			public String getText(Object element) {
				String note = ((FoundAgent) element).note();
				return note == null ? "" : note; //$NON-NLS-1$
			}

			@Override
			public String getToolTipText(Object element) {
				return ((FoundAgent) element).note();
			}
		});
		org.eclipse.jface.viewers.ColumnViewerToolTipSupport.enableFor(viewer);
		viewer.setInput(found);
		viewer.setCheckedElements(found.stream().filter(FoundAgent::answered).toArray());

		if (!alreadySetUp.isEmpty()) {
			Label already = new Label(page, SWT.WRAP);
			already.setText(NLS.bind(Messages.Dialog_AlreadySetUp, String.join(", ", alreadySetUp))); //$NON-NLS-1$
			GridDataFactory.fillDefaults().grab(true, false).hint(600, SWT.DEFAULT).applyTo(already);
		}
		if (replaceable != null) {
			replace = new Button(page, SWT.CHECK);
			replace.setText(NLS.bind(Messages.Dialog_ReplaceDefault, replaceable.displayName()));
			replace.setSelection(true);
		}
		return area;
	}

	/** How the agent would look: its initial on the colour it would get. */
	private AgentProfile preview(FoundAgent agent) {
		String colour = colours.getOrDefault(agent.location(), AgentColors.defaultColorFor(agent.name()));
		return new AgentProfile("found-" + Integer.toHexString(agent.location().hashCode()), agent.name(), colour, null, //$NON-NLS-1$
				agent.backendId(), agent.settings());
	}

	private TableViewerColumn column(String title, int width, ColumnLabelProvider labels) {
		TableViewerColumn column = new TableViewerColumn(viewer, SWT.NONE);
		column.getColumn().setText(title);
		column.getColumn().setWidth(width);
		column.setLabelProvider(labels);
		return column;
	}

	/** A server's model, chosen among those it lists. */
	private final class ModelEditing extends EditingSupport {

		private ComboBoxCellEditor editor;
		private FoundAgent editing;

		ModelEditing() {
			super(viewer);
		}

		@Override
		protected boolean canEdit(Object element) {
			return ((FoundAgent) element).models().size() > 1;
		}

		@Override
		protected CellEditor getCellEditor(Object element) {
			editing = (FoundAgent) element;
			editor = new ComboBoxCellEditor(viewer.getTable(), editing.models().toArray(String[]::new), SWT.READ_ONLY);
			return editor;
		}

		@Override
		protected Object getValue(Object element) {
			return Math.max(0, ((FoundAgent) element).models().indexOf(((FoundAgent) element).model()));
		}

		@Override
		protected void setValue(Object element, Object value) {
			FoundAgent agent = (FoundAgent) element;
			int index = value instanceof Integer i ? i : -1;
			if (index >= 0 && index < agent.models().size()) {
				setModel(agent, agent.models().get(index));
			}
		}
	}

	/** Chooses the model of a found server (the model column's editor does this; tests too). */
	public void setModel(FoundAgent agent, String model) {
		int at = found.indexOf(agent);
		if (at < 0) {
			return;
		}
		boolean checked = viewer.getChecked(agent);
		FoundAgent changed = agent.withModel(model);
		found.set(at, changed);
		viewer.refresh();
		viewer.setChecked(changed, checked);
	}

	@Override
	protected void createButtonsForButtonBar(Composite parent) {
		createButton(parent, IDialogConstants.OK_ID, Messages.Dialog_Add, true);
		createButton(parent, IDialogConstants.CANCEL_ID, IDialogConstants.CANCEL_LABEL, false);
	}

	@Override
	protected void okPressed() {
		chosen = found.stream().filter(viewer::getChecked).toList();
		replaceChosen = replace != null && replace.getSelection();
		super.okPressed();
	}

	/** The viewer, for tests. */
	public CheckboxTableViewer getViewer() {
		return viewer;
	}

	/** The agents to add, once the dialog closed with Add Agents. */
	public List<FoundAgent> getChosen() {
		return chosen;
	}

	/** The default agent to remove, once the dialog closed with Add Agents. */
	public Optional<AgentProfile> getReplaced() {
		return replaceChosen ? Optional.of(replaceable) : Optional.empty();
	}
}
