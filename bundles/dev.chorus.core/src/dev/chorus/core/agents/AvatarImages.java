package dev.chorus.core.agents;

import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Iterator;

import javax.imageio.ImageIO;
import javax.imageio.ImageReader;
import javax.imageio.stream.ImageInputStream;

import org.eclipse.osgi.util.NLS;

import dev.chorus.core.CoreMessages;
import dev.chorus.core.agents.AvatarException.Reason;

/**
 * Turns an image the user picked into an avatar: decoded with ImageIO (PNG, JPEG, GIF, BMP, WBMP),
 * scaled down to fit 128×128 keeping its proportions, written as PNG. The size of the file and the
 * pixel count declared in its header are checked before anything is decoded, so that a 500 MB
 * file or a decompression bomb is refused without costing memory.
 */
public final class AvatarImages {

	public static final int SIZE = 128;
	public static final long MAX_FILE_BYTES = 20L * 1024 * 1024;
	public static final long MAX_PIXELS = 40_000_000L;
	public static final int MAX_SIDE = 16_384;

	private AvatarImages() {
	}

	/** Reads, checks and scales the image; nothing is written. */
	public static BufferedImage load(Path file) throws AvatarException {
		long bytes;
		try {
			bytes = Files.size(file);
		} catch (IOException e) {
			throw new AvatarException(Reason.IO, NLS.bind(CoreMessages.Avatar_Unreadable, file.getFileName()), e);
		}
		if (bytes > MAX_FILE_BYTES) {
			throw new AvatarException(Reason.FILE_TOO_LARGE,
					NLS.bind(CoreMessages.Avatar_FileTooLarge, bytes / (1024 * 1024), MAX_FILE_BYTES / (1024 * 1024)), null);
		}
		try (ImageInputStream input = ImageIO.createImageInputStream(file.toFile())) {
			Iterator<ImageReader> readers = input == null ? null : ImageIO.getImageReaders(input);
			if (readers == null || !readers.hasNext()) {
				throw notAnImage(file, null);
			}
			ImageReader reader = readers.next();
			try {
				reader.setInput(input, true, true);
				int width = reader.getWidth(0);
				int height = reader.getHeight(0);
				if (width <= 0 || height <= 0) {
					throw notAnImage(file, null);
				}
				if (width > MAX_SIDE || height > MAX_SIDE || (long) width * height > MAX_PIXELS) {
					throw new AvatarException(Reason.TOO_MANY_PIXELS,
							NLS.bind(CoreMessages.Avatar_TooManyPixels, width + "\u00D7" + height), null); //$NON-NLS-1$
				}
				BufferedImage image = reader.read(0);
				return scaleToFit(image, SIZE);
			} finally {
				reader.dispose();
			}
		} catch (AvatarException e) {
			throw e;
		} catch (IOException | RuntimeException e) {
			throw notAnImage(file, e);
		}
	}

	private static AvatarException notAnImage(Path file, Throwable cause) {
		return new AvatarException(Reason.NOT_AN_IMAGE, NLS.bind(CoreMessages.Avatar_NotAnImage, file.getFileName()),
				cause);
	}

	/** Scales down (never up) to fit a square of {@code size}, halving step by step for quality. */
	static BufferedImage scaleToFit(BufferedImage source, int size) {
		int width = source.getWidth();
		int height = source.getHeight();
		double scale = Math.min(1.0, Math.min((double) size / width, (double) size / height));
		int targetWidth = Math.max(1, (int) Math.round(width * scale));
		int targetHeight = Math.max(1, (int) Math.round(height * scale));
		BufferedImage current = toArgb(source);
		int w = width;
		int h = height;
		while (w / 2 >= targetWidth && h / 2 >= targetHeight) {
			w /= 2;
			h /= 2;
			current = draw(current, w, h);
		}
		return w == targetWidth && h == targetHeight ? current : draw(current, targetWidth, targetHeight);
	}

	private static BufferedImage toArgb(BufferedImage source) {
		if (source.getType() == BufferedImage.TYPE_INT_ARGB) {
			return source;
		}
		return draw(source, source.getWidth(), source.getHeight());
	}

	private static BufferedImage draw(BufferedImage source, int width, int height) {
		BufferedImage target = new BufferedImage(width, height, BufferedImage.TYPE_INT_ARGB);
		Graphics2D g = target.createGraphics();
		try {
			g.setRenderingHint(RenderingHints.KEY_INTERPOLATION, RenderingHints.VALUE_INTERPOLATION_BICUBIC);
			g.setRenderingHint(RenderingHints.KEY_RENDERING, RenderingHints.VALUE_RENDER_QUALITY);
			g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
			g.drawImage(source, 0, 0, width, height, null);
		} finally {
			g.dispose();
		}
		return target;
	}

	static void writePng(BufferedImage image, OutputStream out) throws IOException {
		if (!ImageIO.write(image, "png", out)) { //$NON-NLS-1$
			throw new IOException("No PNG writer"); //$NON-NLS-1$
		}
	}
}
