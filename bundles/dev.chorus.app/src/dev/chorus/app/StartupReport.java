package dev.chorus.app;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

import org.eclipse.core.runtime.ILog;
import org.eclipse.ui.IWorkbench;

/**
 * For the start-up benchmark ({@code ./chorus bench-startup}): with
 * {@code -Dchorus.startupReport=FILE}, appends to the file the moment the workbench window is
 * open and idle, and the moment the JVM started, both in epoch milliseconds; with
 * {@code -Dchorus.exitWhenReady=true} the product then closes. Without the property, nothing.
 */
final class StartupReport {

	private StartupReport() {
	}

	static void whenReady(IWorkbench workbench) {
		String report = System.getProperty("chorus.startupReport"); //$NON-NLS-1$
		if (report == null) {
			return;
		}
		// Runs once the events of the opening window have been handled: the window is on screen.
		workbench.getDisplay().asyncExec(() -> {
			long ready = System.currentTimeMillis();
			long jvmStart = ManagementFactory.getRuntimeMXBean().getStartTime();
			try {
				Files.writeString(Path.of(report), ready + " " + jvmStart + '\n', StandardCharsets.UTF_8,
						StandardOpenOption.CREATE, StandardOpenOption.APPEND);
			} catch (IOException e) {
				ILog.of(StartupReport.class).error("Cannot write the start-up report " + report, e); //$NON-NLS-1$
			}
			if (Boolean.getBoolean("chorus.exitWhenReady")) { //$NON-NLS-1$
				workbench.getDisplay().asyncExec(workbench::close);
			}
		});
	}
}
