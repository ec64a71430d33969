package dev.chorus.core.tests;

import dev.chorus.tests.support.InMemorySecretStore;

import static org.junit.Assert.assertArrayEquals;
import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertTrue;
import static org.junit.Assert.fail;

import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.DataOutputStream;
import java.io.RandomAccessFile;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.zip.CRC32;

import javax.imageio.ImageIO;

import org.junit.Before;
import org.junit.Rule;
import org.junit.Test;
import org.junit.rules.TemporaryFolder;

import dev.chorus.core.agents.AgentRegistry;
import dev.chorus.core.agents.AvatarException;
import dev.chorus.core.agents.AvatarException.Reason;

/** Avatars from real image files, and every kind of bad file, refused with its own reason. */
public class AvatarTest {

	@Rule
	public TemporaryFolder temp = new TemporaryFolder();

	private AgentRegistry agents;
	private Path avatarFile;

	@Before
	public void setUp() throws Exception {
		agents = new AgentRegistry(temp.newFolder("agents").toPath(), new InMemorySecretStore());
		agents.create("Face", "b");
		avatarFile = temp.getRoot().toPath().resolve("agents/face/avatar.png");
	}

	private Path image(String format, int width, int height) throws Exception {
		BufferedImage image = new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB);
		Graphics2D g = image.createGraphics();
		g.setColor(Color.ORANGE);
		g.fillRect(0, 0, width, height);
		g.dispose();
		Path file = temp.newFile("image-" + width + "x" + height + "." + format).toPath();
		assertTrue(ImageIO.write(image, format, file.toFile()));
		return file;
	}

	@Test
	public void pngJpegGifAndBmpAreScaledToFit128KeepingTheirShape() throws Exception {
		int[][] cases = { { 400, 200, 128, 64 }, { 90, 300, 38, 128 }, { 64, 48, 64, 48 }, { 1000, 1000, 128, 128 } };
		String[] formats = { "png", "jpg", "gif", "bmp" };
		for (int i = 0; i < cases.length; i++) {
			agents.setAvatar("face", image(formats[i], cases[i][0], cases[i][1]));
			BufferedImage stored = ImageIO.read(avatarFile.toFile());
			assertEquals(formats[i] + " width", cases[i][2], stored.getWidth());
			assertEquals(formats[i] + " height", cases[i][3], stored.getHeight());
			assertEquals(avatarFile, agents.get("face").get().avatar());
		}
		agents.removeAvatar("face");
		assertTrue(Files.notExists(avatarFile));
		assertEquals(null, agents.get("face").get().avatar());
	}

	@Test
	public void aDecompressionBombIsRefusedBeforeDecoding() throws Exception {
		agents.setAvatar("face", image("png", 50, 50));
		byte[] before = Files.readAllBytes(avatarFile);
		Path bomb = temp.newFile("bomb.png").toPath();
		Files.write(bomb, pngHeader(100_000, 100_000));
		AvatarException e = refused(bomb);
		assertEquals(Reason.TOO_MANY_PIXELS, e.getReason());
		assertTrue(e.getMessage(), e.getMessage().contains("100000\u00D7100000"));
		assertArrayEquals("the old avatar stays", before, Files.readAllBytes(avatarFile));
	}

	@Test
	public void truncatedTextAndHugeFilesAreRefusedEachWithItsReason() throws Exception {
		agents.setAvatar("face", image("png", 50, 50));
		byte[] before = Files.readAllBytes(avatarFile);

		Path truncated = image("png", 300, 300);
		byte[] whole = Files.readAllBytes(truncated);
		Files.write(truncated, java.util.Arrays.copyOf(whole, whole.length / 3));
		assertEquals(Reason.NOT_AN_IMAGE, refused(truncated).getReason());

		Path text = temp.newFile("notes.png").toPath();
		Files.writeString(text, "this is not an image");
		assertEquals(Reason.NOT_AN_IMAGE, refused(text).getReason());

		Path huge = temp.newFile("huge.png").toPath();
		try (RandomAccessFile file = new RandomAccessFile(huge.toFile(), "rw")) {
			file.setLength(21L * 1024 * 1024);
		}
		AvatarException tooBig = refused(huge);
		assertEquals(Reason.FILE_TOO_LARGE, tooBig.getReason());
		assertTrue(tooBig.getMessage(), tooBig.getMessage().contains("20 MB"));

		Path missing = temp.getRoot().toPath().resolve("gone.png");
		assertEquals(Reason.IO, refused(missing).getReason());

		assertArrayEquals(before, Files.readAllBytes(avatarFile));
	}

	private AvatarException refused(Path file) {
		try {
			agents.setAvatar("face", file);
		} catch (AvatarException e) {
			return e;
		} catch (Exception e) {
			throw new AssertionError(e);
		}
		fail(file + " was accepted");
		return null;
	}

	/** A PNG signature and an IHDR chunk (with a correct CRC) declaring the given size, and no pixels. */
	static byte[] pngHeader(int width, int height) throws Exception {
		ByteArrayOutputStream bytes = new ByteArrayOutputStream();
		DataOutputStream out = new DataOutputStream(bytes);
		out.write(new byte[] { (byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1A, '\n' });
		ByteArrayOutputStream chunk = new ByteArrayOutputStream();
		DataOutputStream data = new DataOutputStream(chunk);
		data.writeBytes("IHDR");
		data.writeInt(width);
		data.writeInt(height);
		data.writeByte(8);
		data.writeByte(2);
		data.writeByte(0);
		data.writeByte(0);
		data.writeByte(0);
		byte[] typeAndData = chunk.toByteArray();
		out.writeInt(typeAndData.length - 4);
		out.write(typeAndData);
		CRC32 crc = new CRC32();
		crc.update(typeAndData);
		out.writeInt((int) crc.getValue());
		return bytes.toByteArray();
	}
}
