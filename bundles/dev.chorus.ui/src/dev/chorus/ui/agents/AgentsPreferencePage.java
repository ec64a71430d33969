package dev.chorus.ui.agents;

import org.eclipse.jface.layout.GridDataFactory;
import org.eclipse.jface.layout.GridLayoutFactory;
import org.eclipse.jface.preference.PreferencePage;
import org.eclipse.jface.viewers.ArrayContentProvider;
import org.eclipse.jface.viewers.ColumnLabelProvider;
import org.eclipse.jface.viewers.IStructuredSelection;
import org.eclipse.jface.viewers.StructuredSelection;
import org.eclipse.jface.viewers.TableViewer;
import org.eclipse.jface.viewers.TableViewerColumn;
import org.eclipse.jface.window.Window;
import org.eclipse.osgi.util.NLS;
import org.eclipse.swt.SWT;
import org.eclipse.swt.graphics.Image;
import org.eclipse.swt.widgets.Button;
import org.eclipse.swt.widgets.Composite;
import org.eclipse.swt.widgets.Control;
import org.eclipse.swt.widgets.Label;
import org.eclipse.ui.IWorkbench;
import org.eclipse.ui.IWorkbenchPreferencePage;

import dev.chorus.core.ChorusCore;
import dev.chorus.core.agents.AgentProfile;
import dev.chorus.core.agents.IAgentListener;

/**
 * The agents: each with its avatar, name and backend. Add, edit (appearance, backend settings,
 * secrets, test connection) and delete. Changes are saved as they are made in the edit dialog, so
 * this page has nothing to apply.
 */
public class AgentsPreferencePage extends PreferencePage implements IWorkbenchPreferencePage {

	public static final String ID = "dev.chorus.ui.preferences.agents"; //$NON-NLS-1$

	private TableViewer viewer;
	private Button edit;
	private Button remove;
	private Button makeActive;
	private final IAgentListener listener = IAgentListener.onAnyChange(this::asyncRefresh);

	@Override
	public void init(IWorkbench workbench) {
		noDefaultAndApplyButton();
		setDescription(Messages.AgentsPage_Description);
	}

	@Override
	protected Control createContents(Composite parent) {
		Composite page = new Composite(parent, SWT.NONE);
		GridLayoutFactory.fillDefaults().numColumns(2).applyTo(page);
		viewer = new TableViewer(page, SWT.SINGLE | SWT.BORDER | SWT.FULL_SELECTION | SWT.V_SCROLL);
		viewer.setContentProvider(ArrayContentProvider.getInstance());
		viewer.getTable().setHeaderVisible(true);
		GridDataFactory.fillDefaults().grab(true, true).hint(380, 260).applyTo(viewer.getControl());
		TableViewerColumn nameColumn = new TableViewerColumn(viewer, SWT.NONE);
		nameColumn.getColumn().setText(Messages.AgentsPage_Agent);
		nameColumn.getColumn().setWidth(220);
		nameColumn.setLabelProvider(new ColumnLabelProvider() {
			@Override
			public String getText(Object element) {
				AgentProfile agent = (AgentProfile) element;
				return agent.id().equals(ActiveAgent.get().getId())
						? NLS.bind(Messages.AgentsPage_ActiveSuffix, agent.displayName())
						: agent.displayName();
			}

			@Override
			public Image getImage(Object element) {
				return AgentImages.get().avatar((AgentProfile) element, 24);
			}
		});
		TableViewerColumn backendColumn = new TableViewerColumn(viewer, SWT.NONE);
		backendColumn.getColumn().setText(Messages.AgentsPage_Backend);
		backendColumn.getColumn().setWidth(180);
		backendColumn.setLabelProvider(new ColumnLabelProvider() {
			@Override
			public String getText(Object element) {
				String backendId = ((AgentProfile) element).backendId();
				return ChorusCore.getDefault().backends().get(backendId).map(b -> b.name())
						.orElse(NLS.bind(Messages.AgentsPage_BackendMissing, backendId));
			}
		});

		Composite buttons = new Composite(page, SWT.NONE);
		GridLayoutFactory.fillDefaults().applyTo(buttons);
		GridDataFactory.fillDefaults().align(SWT.FILL, SWT.BEGINNING).applyTo(buttons);
		Button add = button(buttons, Messages.AgentsPage_Add);
		Button find = button(buttons, Messages.AgentsPage_Find);
		find.addListener(SWT.Selection, event -> {
			dev.chorus.ui.discovery.FindAgents.run(getShell());
			refresh();
		});
		edit = button(buttons, Messages.AgentsPage_Edit);
		makeActive = button(buttons, Messages.AgentsPage_MakeActive);
		new Label(buttons, SWT.NONE);
		remove = button(buttons, Messages.AgentsPage_Delete);
		add.addListener(SWT.Selection, event -> addAgent());
		edit.addListener(SWT.Selection, event -> editSelected());
		makeActive.addListener(SWT.Selection, event -> selected().ifPresent(agent -> {
			ActiveAgent.get().setId(agent.id());
			viewer.refresh();
		}));
		remove.addListener(SWT.Selection, event -> selected().ifPresent(agent -> {
			if (AgentEditDialog.confirmAndDelete(getShell(), agent)) {
				refresh();
			}
		}));
		viewer.addSelectionChangedListener(event -> updateButtons());
		viewer.addDoubleClickListener(event -> editSelected());
		ChorusCore.getDefault().agents().addListener(listener);
		refresh();
		return page;
	}

	/** The viewer, for tests. */
	public TableViewer getViewer() {
		return viewer;
	}

	private static Button button(Composite parent, String text) {
		Button button = new Button(parent, SWT.PUSH);
		button.setText(text);
		GridDataFactory.fillDefaults().hint(Math.max(110, button.computeSize(SWT.DEFAULT, SWT.DEFAULT).x), SWT.DEFAULT)
				.applyTo(button);
		return button;
	}

	private java.util.Optional<AgentProfile> selected() {
		Object element = viewer.getStructuredSelection().getFirstElement();
		return element instanceof AgentProfile agent ? ChorusCore.getDefault().agents().get(agent.id())
				: java.util.Optional.empty();
	}

	private void addAgent() {
		AgentEditDialog dialog = AgentEditDialog.forNewAgent(getShell());
		if (dialog.open() == Window.OK && dialog.getAgentId() != null) {
			refresh();
			ChorusCore.getDefault().agents().get(dialog.getAgentId())
					.ifPresent(agent -> viewer.setSelection(new StructuredSelection(agent), true));
		}
	}

	private void editSelected() {
		selected().ifPresent(agent -> {
			new AgentEditDialog(getShell(), agent.id()).open();
			refresh();
		});
	}

	private void asyncRefresh() {
		if (viewer != null && !viewer.getControl().isDisposed()) {
			viewer.getControl().getDisplay().asyncExec(this::refresh);
		}
	}

	private void refresh() {
		if (viewer == null || viewer.getControl().isDisposed()) {
			return;
		}
		IStructuredSelection selection = viewer.getStructuredSelection();
		String selectedId = selection.getFirstElement() instanceof AgentProfile agent ? agent.id() : null;
		java.util.List<AgentProfile> agents = ChorusCore.getDefault().agents().list();
		viewer.setInput(agents);
		agents.stream().filter(agent -> agent.id().equals(selectedId)).findFirst()
				.ifPresent(agent -> viewer.setSelection(new StructuredSelection(agent)));
		updateButtons();
	}

	private void updateButtons() {
		boolean one = !viewer.getStructuredSelection().isEmpty();
		edit.setEnabled(one);
		remove.setEnabled(one);
		makeActive.setEnabled(one);
	}

	@Override
	public void dispose() {
		ChorusCore.getDefault().agents().removeListener(listener);
		super.dispose();
	}
}
