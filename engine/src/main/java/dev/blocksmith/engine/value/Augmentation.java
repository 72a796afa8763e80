package dev.blocksmith.engine.value;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * How training pictures are varied at random, epoch by epoch: a recipe that travels with an {@link
 * ImageSet} and that only the training part of Train and Fine-tune applies (validation, test and
 * prediction pictures are never changed). The pictures themselves are not copied or altered.
 *
 * @param flipHorizontal mirror left–right with probability one half
 * @param flipVertical mirror top–bottom with probability one half
 * @param rotateDegrees rotate by a random angle in ±this many degrees (0–45)
 * @param shift move by up to this fraction of the width and height (0–0.5)
 * @param zoom crop in by up to this fraction of the side and enlarge back (0–0.5)
 * @param brightness add up to ± this fraction of full brightness (0–1)
 * @param contrast scale the contrast by a random factor in 1 ± this (0–1)
 * @param noise add Gaussian noise with this standard deviation, as a fraction of full scale (0–0.5)
 * @param seed seeds the random changes; the same seed gives the same pictures in every epoch
 */
public record Augmentation(
    boolean flipHorizontal,
    boolean flipVertical,
    double rotateDegrees,
    double shift,
    double zoom,
    double brightness,
    double contrast,
    double noise,
    long seed) {

  /** Checks the ranges. */
  public Augmentation {
    check("rotation", rotateDegrees, 45);
    check("shift", shift, 0.5);
    check("zoom", zoom, 0.5);
    check("brightness", brightness, 1);
    check("contrast", contrast, 1);
    check("noise", noise, 0.5);
  }

  private static void check(String name, double value, double max) {
    if (!(value >= 0 && value <= max)) {
      throw new IllegalArgumentException(
          "augmentation " + name + " must lie between 0 and " + max + ", not " + value);
    }
  }

  /** Returns whether the recipe changes anything at all. */
  public boolean changesAnything() {
    return flipHorizontal
        || flipVertical
        || rotateDegrees > 0
        || shift > 0
        || zoom > 0
        || brightness > 0
        || contrast > 0
        || noise > 0;
  }

  /** Returns the recipe in plain words ("mirrored left–right, rotated up to ±10°, …"). */
  public String describe() {
    List<String> parts = new ArrayList<>();
    if (flipHorizontal) {
      parts.add("mirrored left–right");
    }
    if (flipVertical) {
      parts.add("mirrored top–bottom");
    }
    if (rotateDegrees > 0) {
      parts.add(String.format(Locale.ROOT, "rotated up to ±%s°", trim(rotateDegrees)));
    }
    if (shift > 0) {
      parts.add(String.format(Locale.ROOT, "moved up to %s %%", trim(shift * 100)));
    }
    if (zoom > 0) {
      parts.add(String.format(Locale.ROOT, "cropped in up to %s %%", trim(zoom * 100)));
    }
    if (brightness > 0) {
      parts.add(String.format(Locale.ROOT, "brightness ±%s %%", trim(brightness * 100)));
    }
    if (contrast > 0) {
      parts.add(String.format(Locale.ROOT, "contrast ±%s %%", trim(contrast * 100)));
    }
    if (noise > 0) {
      parts.add(String.format(Locale.ROOT, "noise %s %%", trim(noise * 100)));
    }
    return parts.isEmpty() ? "no changes" : String.join(", ", parts);
  }

  private static String trim(double v) {
    return v == Math.rint(v) ? Long.toString((long) v) : Double.toString(v);
  }
}
