package dev.chorus.ui.mcp;

import org.eclipse.jface.dialogs.IDialogConstants;
import org.eclipse.jface.dialogs.MessageDialog;
import org.eclipse.jface.layout.GridDataFactory;
import org.eclipse.jface.viewers.ArrayContentProvider;
import org.eclipse.jface.viewers.ColumnLabelProvider;
import org.eclipse.jface.viewers.TableViewer;
import org.eclipse.jface.viewers.TableViewerColumn;
import org.eclipse.osgi.util.NLS;
import org.eclipse.swt.SWT;
import org.eclipse.swt.widgets.Composite;
import org.eclipse.swt.widgets.Control;
import org.eclipse.swt.widgets.Shell;

import dev.chorus.core.mcp.McpTool;

/** What a server test found: the server's name and version and its tools, or why it failed. */
public final class McpTestResultDialog extends MessageDialog {

	private final McpTestJob test;
	private TableViewer tools;

	McpTestResultDialog(Shell parent, McpTestJob test) {
		super(parent, NLS.bind(Messages.Test_Title, test.getServer().name()), null, message(test),
				test.getError() == null ? INFORMATION : ERROR, 0, IDialogConstants.CLOSE_LABEL);
		this.test = test;
		setShellStyle(getShellStyle() | SWT.RESIZE);
	}

	private static String message(McpTestJob test) {
		if (test.getError() != null) {
			return test.getError();
		}
		String server = test.getServerInfo().isEmpty() ? test.getServer().name() : test.getServerInfo();
		return test.getTools().isEmpty() ? NLS.bind(Messages.Test_NoTools, server)
				: NLS.bind(Messages.Test_Tools, server, test.getTools().size());
	}

	@Override
	protected Control createCustomArea(Composite parent) {
		if (test.getError() != null || test.getTools().isEmpty()) {
			return null;
		}
		tools = new TableViewer(parent, SWT.BORDER | SWT.FULL_SELECTION | SWT.V_SCROLL | SWT.H_SCROLL);
		tools.setContentProvider(ArrayContentProvider.getInstance());
		tools.getTable().setHeaderVisible(true);
		tools.getTable().setLinesVisible(true);
		org.eclipse.jface.viewers.ColumnViewerToolTipSupport.enableFor(tools);
		column(Messages.Test_Tool, 150, McpTool::name);
		column(Messages.Test_Description, 420, tool -> firstLine(tool.description()));
		tools.setInput(test.getTools());
		Tables.fillLastColumn(tools.getTable());
		int rows = Math.min(12, Math.max(3, test.getTools().size()));
		GridDataFactory.fillDefaults().grab(true, true)
				.hint(560, tools.getTable().getHeaderHeight() + rows * tools.getTable().getItemHeight()).applyTo(tools.getControl());
		return tools.getControl();
	}

	private void column(String title, int width, java.util.function.Function<McpTool, String> text) {
		TableViewerColumn column = new TableViewerColumn(tools, SWT.NONE);
		column.getColumn().setText(title);
		column.getColumn().setWidth(width);
		column.setLabelProvider(new ColumnLabelProvider() {
			@Override
			public String getText(Object element) {
				return text.apply((McpTool) element);
			}

			@Override
			public String getToolTipText(Object element) {
				return ((McpTool) element).description();
			}
		});
	}

	private static String firstLine(String text) {
		String stripped = text == null ? "" : text.strip(); //$NON-NLS-1$
		int end = stripped.indexOf('\n');
		return (end < 0 ? stripped : stripped.substring(0, end)).strip();
	}

	/** The message shown above the tools: what answered, or why the test failed. */
	public String getMessage() {
		return message;
	}

	/** The tools' table, for tests; {@code null} when the test failed or found none. */
	public TableViewer getToolsViewer() {
		return tools;
	}
}
