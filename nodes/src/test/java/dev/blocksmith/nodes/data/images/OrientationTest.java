package dev.blocksmith.nodes.data.images;

import static org.assertj.core.api.Assertions.assertThat;

import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * A phone photo stored sideways with an EXIF orientation is read upright. The test writes the JPEG
 * itself: ImageIO encodes a 32×16 picture whose top-left quarter is white, and an APP1 segment
 * holding a minimal EXIF block (TIFF header, one IFD entry: orientation) goes after the SOI marker.
 */
class OrientationTest {
  @TempDir Path dir;

  /** Returns a JPEG of a 32×16 black picture with a white top-left 16×8 quarter. */
  private static byte[] jpeg() throws Exception {
    BufferedImage img = new BufferedImage(32, 16, BufferedImage.TYPE_INT_RGB);
    for (int y = 0; y < 8; y++) {
      for (int x = 0; x < 16; x++) {
        img.setRGB(x, y, 0xFFFFFF);
      }
    }
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    ImageIO.write(img, "jpeg", out);
    return out.toByteArray();
  }

  /** Returns the JPEG with an EXIF APP1 segment saying {@code orientation}, right after SOI. */
  static byte[] withOrientation(byte[] jpeg, int orientation) {
    ByteBuffer tiff = ByteBuffer.allocate(26); // big-endian ("MM")
    tiff.put((byte) 'M').put((byte) 'M').putShort((short) 42).putInt(8); // header, IFD at 8
    tiff.putShort((short) 1); // one entry
    tiff.putShort((short) 0x0112).putShort((short) 3).putInt(1); // orientation, SHORT, count 1
    tiff.putShort((short) orientation).putShort((short) 0); // value, padding
    tiff.putInt(0); // no next IFD
    byte[] exif = new byte[6 + tiff.capacity()];
    System.arraycopy(
        "Exif\0\0".getBytes(java.nio.charset.StandardCharsets.US_ASCII), 0, exif, 0, 6);
    System.arraycopy(tiff.array(), 0, exif, 6, tiff.capacity());
    ByteBuffer file = ByteBuffer.allocate(jpeg.length + 4 + exif.length);
    file.put(jpeg, 0, 2); // SOI
    file.put((byte) 0xFF).put((byte) 0xE1).putShort((short) (exif.length + 2)).put(exif);
    file.put(jpeg, 2, jpeg.length - 2);
    return file.array();
  }

  private static boolean white(BufferedImage img, int x, int y) {
    return (img.getRGB(x, y) & 0xFF) > 200;
  }

  @ParameterizedTest(name = "orientation {0}")
  @CsvSource({
    // orientation, upright width, height, where the white quarter's centre lands
    "1, 32, 16, 8, 4",
    "3, 32, 16, 24, 12",
    "6, 16, 32, 12, 8",
    "8, 16, 32, 4, 24"
  })
  void aRotatedPhotoIsReadUpright(int orientation, int width, int height, int wx, int wy)
      throws Exception {
    Path file = dir.resolve("photo" + orientation + ".jpg");
    Files.write(file, withOrientation(jpeg(), orientation));
    assertThat(Orientation.of(file)).isEqualTo(orientation);
    BufferedImage img = ImageFiles.read(file);
    assertThat(img.getWidth()).isEqualTo(width);
    assertThat(img.getHeight()).isEqualTo(height);
    assertThat(white(img, wx, wy)).as("white quarter at %d,%d", wx, wy).isTrue();
    // The opposite corner stays black.
    assertThat(white(img, width - 1 - wx, height - 1 - wy)).isFalse();
    // And Load images' resize keeps it where it belongs.
    byte[] small = ImageFiles.resize(img, 8, 1);
    assertThat(small[(wy * 8 / height) * 8 + wx * 8 / width] & 0xFF).isGreaterThan(200);
  }

  @Test
  void aJpegWithoutExifOrWithDamagedExifIsUsedAsStored() throws Exception {
    Path plain = dir.resolve("plain.jpg");
    Files.write(plain, jpeg());
    assertThat(Orientation.of(plain)).isEqualTo(1);
    assertThat(ImageFiles.read(plain).getWidth()).isEqualTo(32);
    byte[] broken = withOrientation(jpeg(), 6);
    broken[4 + 2 + 6] = 'X'; // not "MM" any more: no valid TIFF header
    Path bad = dir.resolve("bad.jpg");
    Files.write(bad, broken);
    assertThat(Orientation.of(bad)).isEqualTo(1);
    assertThat(ImageFiles.read(bad).getWidth()).isEqualTo(32);
  }
}
