package dev.chorus.ui.tests;

import java.io.File;

import org.eclipse.swt.SWT;
import org.eclipse.swt.graphics.GC;
import org.eclipse.swt.graphics.Image;
import org.eclipse.swt.graphics.ImageData;
import org.eclipse.swt.graphics.ImageLoader;
import org.eclipse.swt.graphics.Rectangle;
import org.eclipse.swt.widgets.Display;
import org.eclipse.swt.widgets.Shell;

/** Saves pictures of the workbench as build artifacts (target/screenshots), so people can look at them. */
public final class Screenshots {

	private Screenshots() {
	}

	/** Captures the given shell's bounds from the screen into {@code <name>.png}; returns the file. */
	public static File capture(Shell shell, String name) {
		Display display = shell.getDisplay();
		UiWait.processEvents(display, 300);
		Rectangle bounds = shell.getBounds();
		Image image = new Image(display, bounds.width, bounds.height);
		GC gc = new GC(display);
		try {
			gc.copyArea(image, bounds.x, bounds.y);
		} finally {
			gc.dispose();
		}
		try {
			ImageData data = image.getImageData();
			File folder = new File(System.getProperty("chorus.screenshots", "target/screenshots")); //$NON-NLS-1$ //$NON-NLS-2$
			folder.mkdirs();
			File file = new File(folder, name + ".png"); //$NON-NLS-1$
			ImageLoader loader = new ImageLoader();
			loader.data = new ImageData[] { data };
			loader.save(file.getPath(), SWT.IMAGE_PNG);
			return file;
		} finally {
			image.dispose();
		}
	}
}
