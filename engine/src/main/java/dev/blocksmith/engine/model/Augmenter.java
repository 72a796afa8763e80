package dev.blocksmith.engine.model;

import dev.blocksmith.engine.value.Augmentation;
import dev.blocksmith.engine.value.ImageSet;
import java.util.SplittableRandom;

/**
 * Applies an {@link Augmentation} recipe to pictures: one geometric change per picture (flips,
 * rotation, shift and crop-in, sampled bilinearly with the edge pixels repeated beyond the border)
 * followed by brightness, contrast and noise. Each picture draws its changes from its own random
 * stream, seeded by the recipe's seed, the epoch and the picture's position, so an epoch's pictures
 * are the same on every run and every machine, and differ from epoch to epoch.
 */
public final class Augmenter {
  private Augmenter() {}

  /**
   * Returns the pictures as they are varied in one epoch (the same order, classes and sources; no
   * recipe attached).
   *
   * @param images the training pictures
   * @param recipe what to vary
   * @param epoch the epoch (1-based); each epoch gets other changes
   */
  public static ImageSet apply(ImageSet images, Augmentation recipe, int epoch) {
    int[] all = new int[images.size()];
    for (int i = 0; i < all.length; i++) {
      all[i] = i;
    }
    return apply(images, recipe, epoch, all);
  }

  /**
   * Returns only the pictures at {@code rows}, varied exactly as {@link #apply(ImageSet,
   * Augmentation, int)} varies them at those positions (for previews).
   */
  public static ImageSet apply(ImageSet images, Augmentation recipe, int epoch, int[] rows) {
    ImageSet picked = images.subset(rows);
    int c = images.channels();
    int h = images.height();
    int w = images.width();
    int size = c * h * w;
    byte[] out = new byte[size * rows.length];
    for (int k = 0; k < rows.length; k++) {
      SplittableRandom random = new SplittableRandom(mix(recipe.seed(), epoch, rows[k]));
      byte[] varied = picture(picked.image(k), c, h, w, recipe, random);
      System.arraycopy(varied, 0, out, k * size, size);
    }
    return new ImageSet(
        w, h, c, picked.classNames(), picked.labels(), out, picked.sources(), picked.skipped());
  }

  /** Returns one picture ({@code c × h × w} bytes, channel planes) varied by {@code recipe}. */
  static byte[] picture(
      byte[] px, int c, int h, int w, Augmentation recipe, SplittableRandom random) {
    boolean flipX = recipe.flipHorizontal() && random.nextBoolean();
    boolean flipY = recipe.flipVertical() && random.nextBoolean();
    double angle = Math.toRadians(symmetric(random, recipe.rotateDegrees()));
    double dx = symmetric(random, recipe.shift()) * w;
    double dy = symmetric(random, recipe.shift()) * h;
    double scale = 1 - random.nextDouble() * recipe.zoom();
    double contrast = 1 + symmetric(random, recipe.contrast());
    double brightness = symmetric(random, recipe.brightness()) * 255;
    double cos = Math.cos(angle) * scale;
    double sin = Math.sin(angle) * scale;
    double cx = (w - 1) / 2.0;
    double cy = (h - 1) / 2.0;
    int plane = h * w;
    double[] moved = new double[c * plane];
    for (int y = 0; y < h; y++) {
      for (int x = 0; x < w; x++) {
        double u = (flipX ? cx - x : x - cx);
        double v = (flipY ? cy - y : y - cy);
        double sx = cos * u - sin * v + cx - dx;
        double sy = sin * u + cos * v + cy - dy;
        for (int ch = 0; ch < c; ch++) {
          moved[ch * plane + y * w + x] = bilinear(px, ch * plane, h, w, sx, sy);
        }
      }
    }
    byte[] out = new byte[c * plane];
    for (int ch = 0; ch < c; ch++) {
      double mean = 0;
      for (int i = 0; i < plane; i++) {
        mean += moved[ch * plane + i];
      }
      mean /= plane;
      for (int i = 0; i < plane; i++) {
        double value = (moved[ch * plane + i] - mean) * contrast + mean + brightness;
        if (recipe.noise() > 0) {
          value += random.nextGaussian() * recipe.noise() * 255;
        }
        out[ch * plane + i] = (byte) Math.round(Math.max(0, Math.min(255, value)));
      }
    }
    return out;
  }

  private static double symmetric(SplittableRandom random, double max) {
    return max == 0 ? 0 : (random.nextDouble() * 2 - 1) * max;
  }

  private static double bilinear(byte[] px, int offset, int h, int w, double x, double y) {
    x = Math.max(0, Math.min(w - 1, x));
    y = Math.max(0, Math.min(h - 1, y));
    int x0 = (int) Math.floor(x);
    int y0 = (int) Math.floor(y);
    int x1 = Math.min(w - 1, x0 + 1);
    int y1 = Math.min(h - 1, y0 + 1);
    double fx = x - x0;
    double fy = y - y0;
    double top = at(px, offset, w, x0, y0) * (1 - fx) + at(px, offset, w, x1, y0) * fx;
    double bottom = at(px, offset, w, x0, y1) * (1 - fx) + at(px, offset, w, x1, y1) * fx;
    return top * (1 - fy) + bottom * fy;
  }

  private static int at(byte[] px, int offset, int w, int x, int y) {
    return px[offset + y * w + x] & 0xFF;
  }

  /** Returns a well-mixed seed for one picture of one epoch (SplitMix64's finaliser). */
  private static long mix(long seed, int epoch, int index) {
    long z = seed * 0x9E3779B97F4A7C15L + epoch;
    z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L + index;
    z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
    return z ^ (z >>> 31);
  }
}
