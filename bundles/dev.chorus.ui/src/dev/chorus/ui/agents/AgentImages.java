package dev.chorus.ui.agents;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Iterator;
import java.util.Map;

import org.eclipse.swt.SWT;
import org.eclipse.swt.graphics.Color;
import org.eclipse.swt.graphics.Font;
import org.eclipse.swt.graphics.FontData;
import org.eclipse.swt.graphics.GC;
import org.eclipse.swt.graphics.Image;
import org.eclipse.swt.graphics.ImageData;
import org.eclipse.swt.graphics.Point;
import org.eclipse.swt.graphics.RGB;
import org.eclipse.swt.widgets.Display;

import dev.chorus.core.agents.AgentProfile;

/**
 * Avatars of agents, everywhere an agent appears: the agent's picture, or its initial on its accent
 * colour, drawn round at the size asked for; and the same with a spinning ring while the agent's
 * run generates. Images are cached per look and disposed when the look changes or the display goes.
 */
public final class AgentImages {

	/** Frames of the busy animation; one turn takes {@code BUSY_FRAMES * BUSY_FRAME_MILLIS}. */
	public static final int BUSY_FRAMES = 12;
	public static final int BUSY_FRAME_MILLIS = 90;

	private static AgentImages instance;

	private final Display display;
	private final Map<String, Image> cache = new HashMap<>();

	private AgentImages(Display display) {
		this.display = display;
		display.disposeExec(this::disposeAll);
	}

	/** The shared instance of the workbench display; UI thread only. */
	public static AgentImages get() {
		Display display = Display.getCurrent();
		if (instance == null || instance.display != display) {
			instance = new AgentImages(display);
		}
		return instance;
	}

	/** The avatar at {@code size} pixels. */
	public Image avatar(AgentProfile agent, int size) {
		return image(agent, size, -1);
	}

	/** The avatar with the busy ring at the given frame (0 .. {@link #BUSY_FRAMES}-1). */
	public Image busyAvatar(AgentProfile agent, int size, int frame) {
		return image(agent, size, Math.floorMod(frame, BUSY_FRAMES));
	}

	private Image image(AgentProfile agent, int size, int frame) {
		String key = lookKey(agent) + '@' + size + '#' + frame;
		Image image = cache.get(key);
		if (image == null || image.isDisposed()) {
			forgetOldLooks(agent);
			image = draw(agent, size, frame);
			cache.put(key, image);
		}
		return image;
	}

	/** Everything that changes an agent's look: name (its initial), colour, avatar file and its time. */
	private static String lookKey(AgentProfile agent) {
		Path avatar = agent.avatar();
		long stamp = 0;
		if (avatar != null) {
			try {
				stamp = Files.getLastModifiedTime(avatar).toMillis();
			} catch (Exception e) {
				stamp = -1;
			}
		}
		return agent.id() + '|' + agent.displayName() + '|' + agent.effectiveColor() + '|' + avatar + '|' + stamp;
	}

	private void forgetOldLooks(AgentProfile agent) {
		String current = lookKey(agent);
		String prefix = agent.id() + '|';
		for (Iterator<Map.Entry<String, Image>> it = cache.entrySet().iterator(); it.hasNext();) {
			Map.Entry<String, Image> entry = it.next();
			if (entry.getKey().startsWith(prefix) && !entry.getKey().startsWith(current + '@')) {
				entry.getValue().dispose();
				it.remove();
			}
		}
	}

	private Image draw(AgentProfile agent, int size, int frame) {
		ImageData transparent = new ImageData(size, size, 32, new org.eclipse.swt.graphics.PaletteData(0xFF0000, 0xFF00, 0xFF));
		transparent.alphaData = new byte[size * size];
		Image image = new Image(display, transparent);
		GC gc = new GC(image);
		try {
			gc.setAntialias(SWT.ON);
			gc.setInterpolation(SWT.HIGH);
			gc.setTextAntialias(SWT.ON);
			int inset = frame >= 0 ? Math.max(2, size / 8) : 0;
			int inner = size - 2 * inset;
			org.eclipse.swt.graphics.Path clip = circle(inset, inset, inner);
			gc.setClipping(clip);
			if (!drawPicture(gc, agent.avatar(), inset, inner)) {
				drawInitial(gc, agent, inset, inner);
			}
			gc.setClipping((org.eclipse.swt.graphics.Rectangle) null);
			clip.dispose();
			if (frame >= 0) {
				drawBusyRing(gc, size, frame, agent.effectiveColor());
			}
		} finally {
			gc.dispose();
		}
		return image;
	}

	private org.eclipse.swt.graphics.Path circle(int x, int y, int diameter) {
		org.eclipse.swt.graphics.Path path = new org.eclipse.swt.graphics.Path(display);
		path.addArc(x, y, diameter, diameter, 0, 360);
		return path;
	}

	private boolean drawPicture(GC gc, Path file, int offset, int size) {
		if (file == null || !Files.isRegularFile(file)) {
			return false;
		}
		Image picture = null;
		try {
			picture = new Image(display, file.toString());
			org.eclipse.swt.graphics.Rectangle bounds = picture.getBounds();
			int side = Math.min(bounds.width, bounds.height);
			gc.drawImage(picture, (bounds.width - side) / 2, (bounds.height - side) / 2, side, side, offset, offset, size, size);
			return true;
		} catch (RuntimeException e) {
			return false;
		} finally {
			if (picture != null) {
				picture.dispose();
			}
		}
	}

	private void drawInitial(GC gc, AgentProfile agent, int offset, int size) {
		Color fill = new Color(display, rgb(agent.effectiveColor()));
		gc.setBackground(fill);
		gc.fillOval(offset, offset, size, size);
		fill.dispose();
		String name = agent.displayName() == null ? "" : agent.displayName().strip(); //$NON-NLS-1$
		String initial = name.isEmpty() ? "?" : new String(Character.toChars(name.codePointAt(0))).toUpperCase(); //$NON-NLS-1$
		FontData data = display.getSystemFont().getFontData()[0];
		data.setStyle(SWT.BOLD);
		// About 0.46 of the avatar's size, like the desktop app; FontData height is in points.
		data.setHeight(Math.max(5, (int) Math.round(size * 0.46 * 72 / display.getDPI().y)));
		Font font = new Font(display, data);
		gc.setFont(font);
		gc.setForeground(display.getSystemColor(SWT.COLOR_WHITE));
		Point extent = gc.textExtent(initial);
		gc.drawText(initial, offset + (size - extent.x) / 2, offset + (size - extent.y) / 2, true);
		font.dispose();
	}

	private void drawBusyRing(GC gc, int size, int frame, String color) {
		int width = Math.max(2, size / 10);
		Color ring = new Color(display, rgb(color));
		Color track = new Color(display, new RGB(0x9E, 0x9E, 0x9E));
		gc.setLineWidth(width);
		gc.setLineCap(SWT.CAP_ROUND);
		gc.setAlpha(90);
		gc.setForeground(track);
		gc.drawOval(width / 2, width / 2, size - width, size - width);
		gc.setAlpha(255);
		gc.setForeground(ring);
		gc.drawArc(width / 2, width / 2, size - width, size - width, 90 - frame * (360 / BUSY_FRAMES), 110);
		ring.dispose();
		track.dispose();
	}

	private static RGB rgb(String hex) {
		int value = Integer.parseInt(hex.substring(1), 16);
		return new RGB((value >> 16) & 0xFF, (value >> 8) & 0xFF, value & 0xFF);
	}

	private void disposeAll() {
		cache.values().forEach(Image::dispose);
		cache.clear();
	}
}
