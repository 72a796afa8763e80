package dev.blocksmith.nodes.data.images;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Iterator;
import javax.imageio.ImageIO;
import javax.imageio.ImageReader;
import javax.imageio.stream.ImageInputStream;

/**
 * Decodes one image file safely: the size is read from the header <em>before</em> decoding, so a
 * small file that claims to be a huge picture (a decompression bomb) is refused without using
 * memory. A JPEG is turned upright as its EXIF orientation says (phones store photos sideways and
 * record how to turn them).
 */
public final class ImageFiles {
  /** Largest width or height accepted, in pixels. */
  public static final int MAX_SIDE = 10_000;

  /** Largest picture accepted, in pixels. */
  public static final long MAX_PIXELS = 50_000_000L;

  private ImageFiles() {}

  /** Thrown when a file is skipped; the message says why, in plain words. */
  public static final class Unreadable extends Exception {
    private static final long serialVersionUID = 1L;

    /** Creates the exception with its reason. */
    public Unreadable(String reason) {
      super(reason);
    }
  }

  /** Returns the decoded image, or throws {@link Unreadable} saying why it was skipped. */
  public static BufferedImage read(Path file) throws Unreadable {
    try (ImageInputStream in = ImageIO.createImageInputStream(file.toFile())) {
      if (in == null) {
        throw new Unreadable("could not be opened");
      }
      Iterator<ImageReader> readers = ImageIO.getImageReaders(in);
      if (!readers.hasNext()) {
        throw new Unreadable("is not a PNG, JPEG, BMP or GIF image");
      }
      ImageReader reader = readers.next();
      try {
        reader.setInput(in, true, true);
        int w = reader.getWidth(0);
        int h = reader.getHeight(0);
        if (w <= 0 || h <= 0 || w > MAX_SIDE || h > MAX_SIDE || (long) w * h > MAX_PIXELS) {
          throw new Unreadable(
              String.format(
                  "claims to be %,d×%,d pixels, more than the limit of"
                      + " %,d per side and %,d million in all (it may be damaged or a decompression bomb)",
                  w, h, MAX_SIDE, MAX_PIXELS / 1_000_000));
        }
        boolean jpeg = "jpeg".equalsIgnoreCase(reader.getFormatName());
        BufferedImage img = reader.read(0);
        if (img == null) {
          throw new Unreadable("holds no picture");
        }
        return jpeg ? Orientation.upright(img, Orientation.of(file)) : img;
      } finally {
        reader.dispose();
      }
    } catch (IOException | RuntimeException e) {
      throw new Unreadable(
          "could not be decoded ("
              + e.getClass().getSimpleName()
              + (e.getMessage() == null ? "" : ": " + e.getMessage())
              + ")");
    }
  }

  /**
   * Returns the image shrunk (averaging each box of pixels) or enlarged (nearest pixel) to {@code
   * size}×{@code size}, as bytes in channel-height-width order; transparent parts are put on white.
   *
   * @param channels 1 for grayscale, 3 for colour
   */
  public static byte[] resize(BufferedImage img, int size, int channels) {
    int w = img.getWidth();
    int h = img.getHeight();
    byte[] out = new byte[channels * size * size];
    int[] row = new int[w];
    long[] sums = new long[3 * size];
    int[] counts = new int[size];
    for (int ty = 0; ty < size; ty++) {
      int y0 = (int) ((long) ty * h / size);
      int y1 = Math.max(y0 + 1, (int) ((long) (ty + 1) * h / size));
      java.util.Arrays.fill(sums, 0);
      java.util.Arrays.fill(counts, 0);
      for (int y = y0; y < y1; y++) {
        img.getRGB(0, y, w, 1, row, 0, w);
        for (int tx = 0; tx < size; tx++) {
          int x0 = (int) ((long) tx * w / size);
          int x1 = Math.max(x0 + 1, (int) ((long) (tx + 1) * w / size));
          for (int x = x0; x < x1; x++) {
            int argb = row[x];
            int a = argb >>> 24;
            sums[3 * tx] += onWhite((argb >> 16) & 0xFF, a);
            sums[3 * tx + 1] += onWhite((argb >> 8) & 0xFF, a);
            sums[3 * tx + 2] += onWhite(argb & 0xFF, a);
            counts[tx]++;
          }
        }
      }
      for (int tx = 0; tx < size; tx++) {
        double r = (double) sums[3 * tx] / counts[tx];
        double g = (double) sums[3 * tx + 1] / counts[tx];
        double b = (double) sums[3 * tx + 2] / counts[tx];
        int at = ty * size + tx;
        if (channels == 1) {
          out[at] = (byte) Math.round(0.299 * r + 0.587 * g + 0.114 * b);
        } else {
          out[at] = (byte) Math.round(r);
          out[size * size + at] = (byte) Math.round(g);
          out[2 * size * size + at] = (byte) Math.round(b);
        }
      }
    }
    return out;
  }

  private static int onWhite(int c, int alpha) {
    return (c * alpha + 255 * (255 - alpha)) / 255;
  }
}
