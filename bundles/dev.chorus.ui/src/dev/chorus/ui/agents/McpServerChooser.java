package dev.chorus.ui.agents;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

import org.eclipse.jface.layout.GridDataFactory;
import org.eclipse.jface.layout.GridLayoutFactory;
import org.eclipse.jface.preference.JFacePreferences;
import org.eclipse.jface.resource.JFaceResources;
import org.eclipse.jface.viewers.ArrayContentProvider;
import org.eclipse.jface.viewers.CheckboxTableViewer;
import org.eclipse.jface.viewers.ColumnLabelProvider;
import org.eclipse.jface.viewers.TableViewerColumn;
import org.eclipse.swt.SWT;
import org.eclipse.swt.graphics.Color;
import org.eclipse.swt.layout.GridData;
import org.eclipse.swt.widgets.Composite;
import org.eclipse.swt.widgets.Link;
import org.eclipse.swt.widgets.Table;

import dev.chorus.core.mcp.McpServerConfig;
import dev.chorus.core.mcp.McpServerStore;
import dev.chorus.ui.mcp.McpServersPreferencePage;
import dev.chorus.ui.mcp.Tables;

/**
 * The editor of an {@link dev.chorus.core.backend.BackendSetting.Type#MCP_SERVERS} setting: the
 * configured MCP servers with a check box each (checked: the agent uses it), and a link to the MCP
 * Servers page, after which the list is read again. The value is the checked servers' ids in the
 * list's order, separated by commas.
 */
public final class McpServerChooser extends Composite {

	private static final int MAX_ROWS = 5;

	private final McpServerStore store;
	private final CheckboxTableViewer viewer;
	private final Link link;
	/** The ids of the value that name no configured server, kept only while the list cannot be read. */
	private final Set<String> unknown = new LinkedHashSet<>();

	McpServerChooser(Composite parent, McpServerStore store, String value) {
		super(parent, SWT.NONE);
		this.store = store;
		GridLayoutFactory.fillDefaults().spacing(0, 4).applyTo(this);
		viewer = CheckboxTableViewer.newCheckList(this, SWT.BORDER | SWT.FULL_SELECTION | SWT.V_SCROLL);
		viewer.setContentProvider(ArrayContentProvider.getInstance());
		TableViewerColumn name = new TableViewerColumn(viewer, SWT.NONE);
		name.setLabelProvider(ColumnLabelProvider.createTextProvider(server -> ((McpServerConfig) server).name()));
		TableViewerColumn where = new TableViewerColumn(viewer, SWT.NONE);
		where.setLabelProvider(new ColumnLabelProvider() {
			@Override
			public String getText(Object element) {
				return ((McpServerConfig) element).describe();
			}

			@Override
			public Color getForeground(Object element) {
				// The theme's colour for secondary text: dimmed in light and in dark alike.
				return JFaceResources.getColorRegistry().get(JFacePreferences.QUALIFIER_COLOR);
			}
		});
		GridDataFactory.fillDefaults().grab(true, false).hint(300, SWT.DEFAULT).applyTo(viewer.getControl());
		Tables.fillLastColumn(viewer.getTable());
		link = new Link(this, SWT.WRAP);
		GridDataFactory.fillDefaults().grab(true, false).hint(300, SWT.DEFAULT).applyTo(link);
		link.addListener(SWT.Selection, event -> {
			List<String> chosen = ids(getValue());
			McpServersPreferencePage.open(getShell());
			if (!isDisposed()) {
				show(chosen);
			}
		});
		show(ids(value));
	}

	private static List<String> ids(String value) {
		return value == null ? List.of()
				: Arrays.stream(value.split(",")).map(String::strip).filter(id -> !id.isEmpty()).toList(); //$NON-NLS-1$
	}

	/** Lists the configured servers again, with the ids given checked. */
	private void show(List<String> ids) {
		List<McpServerConfig> servers = store.list();
		unknown.clear();
		if (store.problem() != null) {
			// The list cannot be read now: what the agent uses is kept, not lost with a save.
			ids.stream().filter(id -> store.get(id).isEmpty()).forEach(unknown::add);
		}
		viewer.setInput(servers);
		viewer.setCheckedElements(servers.stream().filter(server -> ids.contains(server.id())).toArray());
		// As many rows as there are servers, up to a few; more scroll.
		Table table = viewer.getTable();
		table.getColumn(0).pack();
		int rows = Math.max(1, Math.min(MAX_ROWS, servers.size()));
		((GridData) table.getLayoutData()).heightHint = rows * table.getItemHeight();
		boolean none = servers.isEmpty();
		viewer.getControl().setVisible(!none);
		((GridData) viewer.getControl().getLayoutData()).exclude = none;
		link.setText(none ? Messages.AgentDialog_NoMcpServers : Messages.AgentDialog_ConfigureMcpServers);
		getParent().layout(true, true);
		Tables.fit(table);
		if (getParent().getParent() instanceof org.eclipse.swt.custom.ScrolledComposite scroller) {
			AgentEditDialog.fitSettings(scroller);
		}
	}

	private List<String> checkedIds() {
		List<String> ids = new ArrayList<>();
		for (Object checked : viewer.getCheckedElements()) {
			ids.add(((McpServerConfig) checked).id());
		}
		return ids;
	}

	/** The ids of the checked servers, separated by commas. */
	public String getValue() {
		List<String> ids = checkedIds();
		ids.addAll(unknown);
		return String.join(",", ids); //$NON-NLS-1$
	}

	/** For tests: the list of servers. */
	public CheckboxTableViewer getViewer() {
		return viewer;
	}

	/** For tests: the link to the MCP Servers page. */
	public Link getLink() {
		return link;
	}

	@Override
	public void setToolTipText(String text) {
		super.setToolTipText(text);
		viewer.getControl().setToolTipText(text);
	}
}
