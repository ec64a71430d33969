package dev.chorus.ui.tests;

import java.util.function.BooleanSupplier;

import org.eclipse.swt.widgets.Display;

/** Waits on the UI thread while letting the display run, instead of sleeping blindly. */
public final class UiWait {

	private UiWait() {
	}

	/** Runs the event loop for the given time. */
	public static void processEvents(Display display, long millis) {
		long end = System.currentTimeMillis() + millis;
		while (System.currentTimeMillis() < end) {
			if (!display.readAndDispatch()) {
				display.timerExec(20, () -> {
				});
				display.sleep();
			}
		}
	}

	/** Runs the event loop until the condition holds; fails with the message after the timeout. */
	public static void until(Display display, String what, long timeoutMillis, BooleanSupplier condition) {
		long end = System.currentTimeMillis() + timeoutMillis;
		while (!condition.getAsBoolean()) {
			if (System.currentTimeMillis() > end) {
				throw new AssertionError("Timed out after " + timeoutMillis + " ms waiting for " + what); //$NON-NLS-1$ //$NON-NLS-2$
			}
			if (!display.readAndDispatch()) {
				display.timerExec(20, () -> {
				});
				display.sleep();
			}
		}
	}

	/**
	 * Presses a button of a dialog as soon as a shell with the title opens: dialogs run their own
	 * event loop, so the press is scheduled before the code that opens the dialog.
	 */
	public static void pressWhenOpen(Display display, String shellTitle, String buttonLabel) {
		display.timerExec(50, new Runnable() {
			@Override
			public void run() {
				for (org.eclipse.swt.widgets.Shell shell : display.getShells()) {
					if (shellTitle.equals(shell.getText()) && shell.isVisible()) {
						org.eclipse.swt.widgets.Button button = findButton(shell, buttonLabel);
						if (button != null) {
							button.notifyListeners(org.eclipse.swt.SWT.Selection, new org.eclipse.swt.widgets.Event());
							return;
						}
					}
				}
				display.timerExec(50, this);
			}
		});
	}

	/** The button with the label (mnemonics ignored) anywhere under the composite, or {@code null}. */
	public static org.eclipse.swt.widgets.Button findButton(org.eclipse.swt.widgets.Composite parent, String label) {
		for (org.eclipse.swt.widgets.Control child : parent.getChildren()) {
			if (child instanceof org.eclipse.swt.widgets.Button button && label.equals(button.getText().replace("&", ""))) { //$NON-NLS-1$ //$NON-NLS-2$
				return button;
			}
			if (child instanceof org.eclipse.swt.widgets.Composite composite) {
				org.eclipse.swt.widgets.Button found = findButton(composite, label);
				if (found != null) {
					return found;
				}
			}
		}
		return null;
	}

	/** Types the message into the chat's input and presses Enter, as a user does. */
	public static void send(dev.chorus.ui.chat.ChatEditor chat, String message) {
		chat.getInput().setText(message);
		org.eclipse.swt.widgets.Event enter = new org.eclipse.swt.widgets.Event();
		enter.detail = org.eclipse.swt.SWT.TRAVERSE_RETURN;
		enter.keyCode = org.eclipse.swt.SWT.CR;
		enter.doit = true;
		chat.getInput().notifyListeners(org.eclipse.swt.SWT.Traverse, enter);
	}
}
