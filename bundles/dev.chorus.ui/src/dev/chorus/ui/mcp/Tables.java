package dev.chorus.ui.mcp;

import org.eclipse.swt.SWT;
import org.eclipse.swt.widgets.Table;
import org.eclipse.swt.widgets.TableColumn;

/** Tables whose last column takes the width the others leave, so that nothing scrolls sideways for nothing. */
public final class Tables {

	private Tables() {
	}

	/** Sizes the table's last column to the rest of its width now and whenever the table is resized. */
	public static void fillLastColumn(Table table) {
		table.addListener(SWT.Resize, event -> fit(table));
		fit(table);
	}

	/** Sizes the table's last column to the rest of its width, after the others changed. */
	public static void fit(Table table) {
		TableColumn[] columns = table.getColumns();
		if (columns.length == 0) {
			return;
		}
		int others = 0;
		for (int i = 0; i < columns.length - 1; i++) {
			others += columns[i].getWidth();
		}
		int width = table.getClientArea().width - others;
		if (width > 40) {
			columns[columns.length - 1].setWidth(width);
		}
	}
}
