package dev.blocksmith.nodes.data.images;

import com.drew.imaging.ImageProcessingException;
import com.drew.imaging.jpeg.JpegMetadataReader;
import com.drew.metadata.Metadata;
import com.drew.metadata.MetadataException;
import com.drew.metadata.exif.ExifIFD0Directory;
import com.drew.metadata.exif.ExifReader;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * Reads a photo's EXIF orientation (1–8) with metadata-extractor and turns the decoded picture
 * upright. Java's image readers ignore the tag, so a phone photo taken upright but stored sideways
 * (orientation 6 or 8) would otherwise arrive lying on its side.
 */
final class Orientation {
  private Orientation() {}

  /**
   * Returns the EXIF orientation of a JPEG file, or 1 (as stored) when it has none or it is bad.
   */
  static int of(Path file) {
    try (InputStream in = Files.newInputStream(file)) {
      Metadata metadata = JpegMetadataReader.readMetadata(in, List.of(new ExifReader()));
      ExifIFD0Directory exif = metadata.getFirstDirectoryOfType(ExifIFD0Directory.class);
      if (exif == null || !exif.containsTag(ExifIFD0Directory.TAG_ORIENTATION)) {
        return 1;
      }
      int value = exif.getInt(ExifIFD0Directory.TAG_ORIENTATION);
      return value >= 1 && value <= 8 ? value : 1;
    } catch (IOException | ImageProcessingException | MetadataException | RuntimeException e) {
      return 1; // unreadable metadata: the picture is used as stored, as other viewers do
    }
  }

  /**
   * Returns the picture as it should be seen for an EXIF orientation: 2 mirrored, 3 turned 180°, 4
   * flipped, 5 transposed, 6 turned 90° clockwise, 7 transversed, 8 turned 90° anticlockwise.
   */
  static BufferedImage upright(BufferedImage img, int orientation) {
    if (orientation <= 1 || orientation > 8) {
      return img;
    }
    int w = img.getWidth();
    int h = img.getHeight();
    boolean swap = orientation >= 5;
    int ow = swap ? h : w;
    int oh = swap ? w : h;
    int[] src = img.getRGB(0, 0, w, h, null, 0, w);
    int[] out = new int[ow * oh];
    for (int y = 0; y < oh; y++) {
      for (int x = 0; x < ow; x++) {
        int sx;
        int sy;
        switch (orientation) {
          case 2 -> {
            sx = w - 1 - x;
            sy = y;
          }
          case 3 -> {
            sx = w - 1 - x;
            sy = h - 1 - y;
          }
          case 4 -> {
            sx = x;
            sy = h - 1 - y;
          }
          case 5 -> {
            sx = y;
            sy = x;
          }
          case 6 -> {
            sx = y;
            sy = h - 1 - x;
          }
          case 7 -> {
            sx = w - 1 - y;
            sy = h - 1 - x;
          }
          default -> { // 8
            sx = w - 1 - y;
            sy = x;
          }
        }
        out[y * ow + x] = src[sy * w + sx];
      }
    }
    BufferedImage turned = new BufferedImage(ow, oh, BufferedImage.TYPE_INT_ARGB);
    turned.setRGB(0, 0, ow, oh, out, 0, ow);
    return turned;
  }
}
