package dev.blocksmith.engine.value;

import java.util.ArrayList;
import java.util.List;

/**
 * A labelled set of small images, decoded and resized to one size, stored as bytes (0–255) in
 * channel-height-width order. Immutable.
 */
public final class ImageSet implements Dataset {
  private final int width;
  private final int height;
  private final int channels;
  private final List<String> classNames;
  private final int[] labels;
  private final byte[] pixels;
  private final List<String> sources;
  private final List<String> skipped;
  private final Augmentation augmentation;

  /**
   * Creates an image set, copying the arrays.
   *
   * @param width width of every image
   * @param height height of every image
   * @param channels 1 (grayscale) or 3 (colour)
   * @param classNames the class names; labels index into it
   * @param labels one label per image
   * @param pixels all images, each {@code channels * height * width} bytes, concatenated
   * @param sources where each image came from (file name or generator), same order
   * @param skipped files that could not be read, each with the reason
   */
  public ImageSet(
      int width,
      int height,
      int channels,
      List<String> classNames,
      int[] labels,
      byte[] pixels,
      List<String> sources,
      List<String> skipped) {
    this(
        width,
        height,
        channels,
        List.copyOf(classNames),
        labels.clone(),
        pixels.clone(),
        List.copyOf(sources),
        List.copyOf(skipped),
        null);
  }

  private ImageSet(
      int width,
      int height,
      int channels,
      List<String> classNames,
      int[] labels,
      byte[] pixels,
      List<String> sources,
      List<String> skipped,
      Augmentation augmentation) {
    if ((long) labels.length * channels * height * width != pixels.length) {
      throw new IllegalArgumentException(
          "pixel count does not match "
              + labels.length
              + " images of "
              + channels
              + "x"
              + height
              + "x"
              + width);
    }
    if (sources.size() != labels.length) {
      throw new IllegalArgumentException("need one source per image");
    }
    this.width = width;
    this.height = height;
    this.channels = channels;
    this.classNames = classNames;
    this.labels = labels;
    this.pixels = pixels;
    this.sources = sources;
    this.skipped = skipped;
    this.augmentation = augmentation;
  }

  /**
   * Returns the same pictures carrying an augmentation recipe (or none, for null). The pixels are
   * shared, not copied: the recipe is applied only when Train or Fine-tune draws training batches.
   */
  public ImageSet withAugmentation(Augmentation recipe) {
    return new ImageSet(
        width, height, channels, classNames, labels, pixels, sources, skipped, recipe);
  }

  /** Returns the augmentation recipe the training part applies, if one was attached. */
  public java.util.Optional<Augmentation> augmentation() {
    return java.util.Optional.ofNullable(augmentation);
  }

  /** Returns the image width. */
  public int width() {
    return width;
  }

  /** Returns the image height. */
  public int height() {
    return height;
  }

  /** Returns 1 for grayscale, 3 for colour. */
  public int channels() {
    return channels;
  }

  /** Returns the class names. */
  public List<String> classNames() {
    return classNames;
  }

  /** Returns the label (index into {@link #classNames()}) of an image. */
  public int label(int i) {
    return labels[i];
  }

  /** Returns a copy of all labels. */
  public int[] labels() {
    return labels.clone();
  }

  /** Returns the bytes of one image (channels × height × width). */
  public byte[] image(int i) {
    int n = channels * height * width;
    byte[] out = new byte[n];
    System.arraycopy(pixels, i * n, out, 0, n);
    return out;
  }

  /** Returns the pixels of all images as floats scaled to 0–1, in NCHW order. */
  public float[] toFloats() {
    float[] out = new float[pixels.length];
    for (int i = 0; i < out.length; i++) {
      out[i] = (pixels[i] & 0xFF) / 255f;
    }
    return out;
  }

  /** Returns where each image came from. */
  public List<String> sources() {
    return sources;
  }

  /** Returns the files that could not be read, each with its reason. */
  public List<String> skipped() {
    return skipped;
  }

  /** Returns the number of images per class, in class order. */
  public int[] classCounts() {
    int[] counts = new int[classNames.size()];
    for (int l : labels) {
      counts[l]++;
    }
    return counts;
  }

  @Override
  public int size() {
    return labels.length;
  }

  @Override
  public ImageSet subset(int[] rows) {
    int n = channels * height * width;
    byte[] px = new byte[rows.length * n];
    int[] ls = new int[rows.length];
    List<String> src = new ArrayList<>(rows.length);
    for (int i = 0; i < rows.length; i++) {
      System.arraycopy(pixels, rows[i] * n, px, i * n, n);
      ls[i] = labels[rows[i]];
      src.add(sources.get(rows[i]));
    }
    return new ImageSet(
        width, height, channels, classNames, ls, px, List.copyOf(src), skipped, augmentation);
  }

  @Override
  public String stratumOf(int row) {
    return classNames.get(labels[row]);
  }

  @Override
  public String groupOf(int row) {
    return null;
  }

  @Override
  public String kind() {
    return "set of images";
  }

  @Override
  public String headline() {
    return String.format(
            "%,d images · %d classes · %d×%d", labels.length, classNames.size(), width, height)
        + (augmentation == null ? "" : " · varied in training");
  }
}
