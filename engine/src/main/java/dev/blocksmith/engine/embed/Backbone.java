package dev.blocksmith.engine.embed;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.List;

/**
 * A pretrained network a model was built on, recorded in the model file so that anyone can tell
 * which one it was and under which licence it came.
 *
 * @param name the network's name, such as "all-MiniLM-L6-v2 (int8)"
 * @param version the version of the package it shipped in
 * @param sha256 SHA-256 of the network's file, hex
 * @param licence the licence it is distributed under
 * @param source where it came from
 * @param dimensions how many numbers it gives per example
 * @param image for a picture network, what it expects (file format, size, normalisation); null for
 *     a text network
 */
public record Backbone(
    String name,
    String version,
    String sha256,
    String licence,
    String source,
    int dimensions,
    @JsonInclude(JsonInclude.Include.NON_NULL) ImageInput image) {

  /** A text network's record (no picture input). */
  public Backbone(
      String name, String version, String sha256, String licence, String source, int dimensions) {
    this(name, version, sha256, licence, source, dimensions, null);
  }

  /**
   * What a picture network expects: pictures are resized to {@code size}×{@code size}, scaled to
   * 0–1 and normalised per channel as {@code (x − mean) / std}, in channel-height-width order.
   *
   * @param format "onnx" or "torchscript"
   * @param channels 1 (grayscale) or 3 (red, green, blue)
   * @param size width and height in pixels
   * @param mean per channel, subtracted
   * @param std per channel, divided by
   */
  public record ImageInput(
      String format, int channels, int size, List<Double> mean, List<Double> std) {

    /** Checks the values and copies the lists. */
    public ImageInput {
      if (!"onnx".equals(format) && !"torchscript".equals(format)) {
        throw new IllegalArgumentException("unknown backbone format " + format);
      }
      if (channels != 1 && channels != 3) {
        throw new IllegalArgumentException("a backbone reads 1 or 3 channels, not " + channels);
      }
      if (size < 1 || size > 1024) {
        throw new IllegalArgumentException("a backbone's input size must be 1–1024, not " + size);
      }
      mean = List.copyOf(mean);
      std = List.copyOf(std);
      if (mean.size() != channels || std.size() != channels) {
        throw new IllegalArgumentException(
            "give one mean and one spread (std) per channel: " + channels + " of each");
      }
      for (double s : std) {
        if (!(s > 0) || Double.isInfinite(s)) {
          throw new IllegalArgumentException("every std must be a positive number, not " + s);
        }
      }
    }
  }

  /** Returns a one-line description for logs and reports. */
  public String describe() {
    return name + " " + version + " (" + licence + ", sha256 " + sha256.substring(0, 12) + "…)";
  }
}
