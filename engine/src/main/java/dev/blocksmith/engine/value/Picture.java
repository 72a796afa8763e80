package dev.blocksmith.engine.value;

/**
 * A small picture carried inside a report: an example the model got wrong, or an example with a
 * saliency map over it.
 *
 * @param caption a few words under the picture ("true 3, predicted 8")
 * @param width width in pixels
 * @param height height in pixels
 * @param channels 1 (grayscale) or 3 (colour)
 * @param pixels {@code channels * height * width} bytes (0–255), channel planes in order
 * @param heat per pixel {@code height * width} values from 0 to 1 (how much the pixel mattered), or
 *     an empty array when there is no map
 */
public record Picture(
    String caption, int width, int height, int channels, byte[] pixels, double[] heat) {

  /** Checks the sizes and copies the arrays. */
  public Picture {
    if ((long) width * height * channels != pixels.length) {
      throw new IllegalArgumentException(
          "picture has " + pixels.length + " bytes, not " + channels + "x" + height + "x" + width);
    }
    heat = heat == null ? new double[0] : heat.clone();
    if (heat.length != 0 && heat.length != width * height) {
      throw new IllegalArgumentException("heat map needs one value per pixel");
    }
    pixels = pixels.clone();
  }

  /** Returns the picture's grey level (0–255) at a pixel, averaging colour channels. */
  public int grey(int x, int y) {
    int plane = width * height;
    int sum = 0;
    for (int c = 0; c < channels; c++) {
      sum += pixels[c * plane + y * width + x] & 0xff;
    }
    return sum / channels;
  }
}
