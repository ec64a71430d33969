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
}
