package dev.chorus.ui.mcp;

import java.io.IOException;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import org.eclipse.core.runtime.jobs.IJobChangeEvent;
import org.eclipse.core.runtime.jobs.JobChangeAdapter;
import org.eclipse.jface.dialogs.IMessageProvider;
import org.eclipse.jface.layout.GridDataFactory;
import org.eclipse.jface.layout.GridLayoutFactory;
import org.eclipse.jface.layout.TableColumnLayout;
import org.eclipse.jface.preference.PreferenceDialog;
import org.eclipse.jface.preference.PreferenceManager;
import org.eclipse.jface.preference.PreferenceNode;
import org.eclipse.jface.preference.PreferencePage;
import org.eclipse.jface.viewers.ArrayContentProvider;
import org.eclipse.jface.viewers.ColumnLabelProvider;
import org.eclipse.jface.viewers.ColumnPixelData;
import org.eclipse.jface.viewers.ColumnViewerToolTipSupport;
import org.eclipse.jface.viewers.ColumnWeightData;
import org.eclipse.jface.viewers.StructuredSelection;
import org.eclipse.jface.viewers.TableViewer;
import org.eclipse.jface.viewers.TableViewerColumn;
import org.eclipse.jface.window.Window;
import org.eclipse.osgi.util.NLS;
import org.eclipse.swt.SWT;
import org.eclipse.swt.graphics.GC;
import org.eclipse.swt.widgets.Button;
import org.eclipse.swt.widgets.Composite;
import org.eclipse.swt.widgets.Control;
import org.eclipse.swt.widgets.Label;
import org.eclipse.swt.widgets.Shell;
import org.eclipse.swt.widgets.TableColumn;
import org.eclipse.ui.IWorkbench;
import org.eclipse.ui.IWorkbenchPreferencePage;
import org.eclipse.ui.PlatformUI;

import dev.chorus.core.ChorusCore;
import dev.chorus.core.agents.ProfileIds;
import dev.chorus.core.mcp.McpServerConfig;
import dev.chorus.core.mcp.McpServerStore;
import dev.chorus.core.CommandLine;

/**
 * The MCP servers every agent can choose from (Preferences > Chorus Agents > MCP Servers): add,
 * edit, remove and test them. The page edits a working copy: what was added, changed or removed
 * goes to the store with Apply or OK, and Cancel drops it. Changes the store hears of meanwhile
 * (from another dialog) show in the list, under the page's own edits.
 */
public class McpServersPreferencePage extends PreferencePage implements IWorkbenchPreferencePage {

	public static final String ID = "dev.chorus.ui.preferences.mcp"; //$NON-NLS-1$

	private final McpServerStore store;
	/** Servers added or changed on this page and not applied yet, by id. */
	private final Map<String, McpServerConfig> edited = new LinkedHashMap<>();
	/** Ids of stored servers removed on this page and not applied yet. */
	private final Set<String> removed = new LinkedHashSet<>();
	private final Runnable storeListener = this::asyncRefresh;
	private TableViewer viewer;
	private Button edit;
	private Button remove;
	private Button test;
	private McpTestJob testing;

	public McpServersPreferencePage() {
		this(ChorusCore.getDefault().mcp().store());
	}

	/** A page on another store, for tests. */
	public McpServersPreferencePage(McpServerStore store) {
		this.store = store;
	}

	@Override
	public void init(IWorkbench workbench) {
		noDefaultButton();
		setDescription(Messages.Page_Description);
	}

	/**
	 * Opens the page in a dialog of its own. From inside the Preferences dialog (an agent's dialog
	 * opened from the Agents page) the workbench would only turn that dialog, under the agent's, to
	 * this page; elsewhere the Preferences dialog opens on it, showing only it.
	 */
	public static void open(Shell shell) {
		if (insidePreferenceDialog(shell)) {
			McpServersPreferencePage page = new McpServersPreferencePage();
			page.init(PlatformUI.getWorkbench());
			page.setTitle(Messages.Page_Title);
			PreferenceManager manager = new PreferenceManager();
			manager.addToRoot(new PreferenceNode(ID, page));
			PreferenceDialog dialog = new PreferenceDialog(shell, manager);
			dialog.open();
		} else {
			org.eclipse.ui.dialogs.PreferencesUtil.createPreferenceDialogOn(shell, ID, new String[] { ID }, null).open();
		}
	}

	private static boolean insidePreferenceDialog(Shell shell) {
		for (Composite parent = shell; parent != null; parent = parent.getParent()) {
			if (parent.getData() instanceof PreferenceDialog) {
				return true;
			}
		}
		return false;
	}

	@Override
	protected Control createContents(Composite parent) {
		Composite page = new Composite(parent, SWT.NONE);
		GridLayoutFactory.fillDefaults().numColumns(2).applyTo(page);
		// The columns share the table's width: the command or URL takes what the others leave.
		Composite tableArea = new Composite(page, SWT.NONE);
		TableColumnLayout columns = new TableColumnLayout();
		tableArea.setLayout(columns);
		GridDataFactory.fillDefaults().grab(true, true).hint(520, 260).applyTo(tableArea);
		viewer = new TableViewer(tableArea, SWT.SINGLE | SWT.BORDER | SWT.FULL_SELECTION | SWT.V_SCROLL | SWT.H_SCROLL);
		viewer.setContentProvider(ArrayContentProvider.getInstance());
		viewer.getTable().setHeaderVisible(true);
		viewer.getTable().setLinesVisible(true);
		ColumnViewerToolTipSupport.enableFor(viewer);
		columns.setColumnData(column(Messages.Page_Name, McpServerConfig::name), new ColumnWeightData(30, 90));
		columns.setColumnData(column(Messages.Page_Kind, server -> server.isHttp() ? Messages.Page_Http : Messages.Page_Stdio),
				new ColumnPixelData(textWidth(Messages.Page_Kind, Messages.Page_Stdio, Messages.Page_Http)));
		columns.setColumnData(column(Messages.Page_CommandOrUrl,
				server -> server.isHttp() ? server.url() : CommandLine.join(server.command())), new ColumnWeightData(70, 140));
		columns.setColumnData(column(Messages.Page_Timeout, server -> NLS.bind(Messages.Page_Seconds, server.timeoutSeconds())),
				new ColumnPixelData(textWidth(Messages.Page_Timeout, NLS.bind(Messages.Page_Seconds, 8888))));

		Composite buttons = new Composite(page, SWT.NONE);
		GridLayoutFactory.fillDefaults().applyTo(buttons);
		GridDataFactory.fillDefaults().align(SWT.FILL, SWT.BEGINNING).applyTo(buttons);
		Button add = button(buttons, Messages.Page_Add);
		edit = button(buttons, Messages.Page_Edit);
		remove = button(buttons, Messages.Page_Remove);
		new Label(buttons, SWT.NONE);
		test = button(buttons, Messages.Page_Test);
		add.addListener(SWT.Selection, event -> addServer());
		edit.addListener(SWT.Selection, event -> editSelected());
		remove.addListener(SWT.Selection, event -> removeSelected());
		test.addListener(SWT.Selection, event -> testSelected());
		viewer.addSelectionChangedListener(event -> updateButtons());
		viewer.addDoubleClickListener(event -> editSelected());

		Label note = new Label(page, SWT.WRAP);
		note.setText(Messages.Page_Note);
		GridDataFactory.fillDefaults().span(2, 1).grab(true, false).hint(520, SWT.DEFAULT).applyTo(note);

		store.addListener(storeListener);
		refresh();
		return page;
	}

	/** The width that shows the widest of the texts in the table, with the cell's padding. */
	private int textWidth(String... texts) {
		GC gc = new GC(viewer.getTable());
		try {
			int widest = 0;
			for (String text : texts) {
				widest = Math.max(widest, gc.textExtent(text).x);
			}
			return widest + 24;
		} finally {
			gc.dispose();
		}
	}

	private TableColumn column(String title, java.util.function.Function<McpServerConfig, String> text) {
		TableViewerColumn column = new TableViewerColumn(viewer, SWT.NONE);
		column.getColumn().setText(title);
		column.setLabelProvider(new ColumnLabelProvider() {
			@Override
			public String getText(Object element) {
				return text.apply((McpServerConfig) element);
			}

			@Override
			public String getToolTipText(Object element) {
				return ((McpServerConfig) element).describe();
			}
		});
		return column.getColumn();
	}

	private static Button button(Composite parent, String text) {
		Button button = new Button(parent, SWT.PUSH);
		button.setText(text);
		GridDataFactory.fillDefaults().hint(Math.max(110, button.computeSize(SWT.DEFAULT, SWT.DEFAULT).x), SWT.DEFAULT)
				.applyTo(button);
		return button;
	}

	/** The servers as this page shows them: the stored ones with the page's edits. */
	public List<McpServerConfig> servers() {
		List<McpServerConfig> shown = new ArrayList<>();
		for (McpServerConfig stored : store.list()) {
			if (!removed.contains(stored.id())) {
				shown.add(edited.getOrDefault(stored.id(), stored));
			}
		}
		for (McpServerConfig added : edited.values()) {
			if (shown.stream().noneMatch(server -> server.id().equals(added.id()))) {
				shown.add(added);
			}
		}
		return shown;
	}

	private Optional<McpServerConfig> selected() {
		Object element = viewer.getStructuredSelection().getFirstElement();
		return element instanceof McpServerConfig server
				? servers().stream().filter(shown -> shown.id().equals(server.id())).findFirst()
				: Optional.empty();
	}

	private List<String> namesBesides(String id) {
		return servers().stream().filter(server -> !server.id().equals(id)).map(McpServerConfig::name).toList();
	}

	private void addServer() {
		McpServerDialog dialog = new McpServerDialog(getShell(), null, namesBesides(null));
		if (dialog.open() == Window.OK) {
			McpServerConfig typed = dialog.getServer();
			String id = ProfileIds.fromDisplayName(typed.name(), candidate -> store.get(candidate).isPresent()
					|| removed.contains(candidate) || edited.containsKey(candidate));
			McpServerConfig server = new McpServerConfig(id, typed.name(), typed.command(), typed.environment(), typed.url(),
					typed.headers(), typed.timeoutSeconds());
			edited.put(id, server);
			changed(server);
		}
	}

	private void editSelected() {
		selected().ifPresent(server -> {
			McpServerDialog dialog = new McpServerDialog(getShell(), server, namesBesides(server.id()));
			if (dialog.open() == Window.OK) {
				McpServerConfig changed = dialog.getServer();
				if (changed.equals(store.get(server.id()).orElse(null))) {
					edited.remove(server.id());
				} else {
					edited.put(server.id(), changed);
				}
				changed(changed);
			}
		});
	}

	private void removeSelected() {
		selected().ifPresent(server -> {
			edited.remove(server.id());
			if (store.get(server.id()).isPresent()) {
				removed.add(server.id());
			}
			changed(null);
		});
	}

	private void changed(McpServerConfig select) {
		refresh();
		if (select != null) {
			servers().stream().filter(server -> server.id().equals(select.id())).findFirst()
					.ifPresent(server -> viewer.setSelection(new StructuredSelection(server), true));
		}
		updateButtons();
	}

	private void testSelected() {
		selected().ifPresent(server -> {
			if (testing != null) {
				return;
			}
			testing = new McpTestJob(server);
			setMessage(NLS.bind(Messages.Page_Testing, server.name()), IMessageProvider.INFORMATION);
			updateButtons();
			testing.addJobChangeListener(new JobChangeAdapter() {
				@Override
				public void done(IJobChangeEvent event) {
					McpTestJob job = (McpTestJob) event.getJob();
					Control control = viewer.getControl();
					if (!control.isDisposed()) {
						control.getDisplay().asyncExec(() -> tested(job));
					}
				}
			});
			testing.schedule();
		});
	}

	private void tested(McpTestJob job) {
		if (viewer.getControl().isDisposed()) {
			return;
		}
		testing = null;
		showProblem();
		updateButtons();
		if (job.getResult() != null && job.getResult().getSeverity() != org.eclipse.core.runtime.IStatus.CANCEL) {
			new McpTestResultDialog(getShell(), job).open();
		}
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
		String selectedId = viewer.getStructuredSelection().getFirstElement() instanceof McpServerConfig server ? server.id() : null;
		// A server removed elsewhere needs no removing here.
		removed.removeIf(id -> store.get(id).isEmpty());
		List<McpServerConfig> shown = servers();
		viewer.setInput(shown);
		shown.stream().filter(server -> server.id().equals(selectedId)).findFirst()
				.ifPresent(server -> viewer.setSelection(new StructuredSelection(server)));
		showProblem();
		updateButtons();
	}

	private void showProblem() {
		String problem = store.problem();
		if (problem != null) {
			setMessage(problem, IMessageProvider.WARNING);
		} else if (testing == null) {
			setMessage(null);
		}
	}

	private void updateButtons() {
		boolean one = !viewer.getStructuredSelection().isEmpty();
		edit.setEnabled(one);
		remove.setEnabled(one);
		test.setEnabled(one && testing == null);
	}

	/** Whether the page holds edits not applied yet. */
	public boolean isDirty() {
		return !edited.isEmpty() || !removed.isEmpty();
	}

	@Override
	public boolean performOk() {
		if (viewer == null) {
			return true;
		}
		setErrorMessage(null);
		try {
			// Removals first: a server added under a removed one's name may then take it.
			for (Iterator<String> ids = removed.iterator(); ids.hasNext();) {
				store.remove(ids.next());
				ids.remove();
			}
			for (Iterator<McpServerConfig> servers = edited.values().iterator(); servers.hasNext();) {
				store.save(servers.next());
				servers.remove();
			}
		} catch (IOException | RuntimeException e) {
			setErrorMessage(NLS.bind(Messages.Page_SaveFailed, e.getMessage()));
			refresh();
			return false;
		}
		refresh();
		return true;
	}

	@Override
	public boolean performCancel() {
		edited.clear();
		removed.clear();
		return true;
	}

	/** The viewer, for tests. */
	public TableViewer getViewer() {
		return viewer;
	}

	@Override
	public void dispose() {
		store.removeListener(storeListener);
		if (testing != null) {
			testing.cancel();
		}
		super.dispose();
	}
}
