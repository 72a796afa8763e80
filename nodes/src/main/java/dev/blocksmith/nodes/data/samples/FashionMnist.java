package dev.blocksmith.nodes.data.samples;

import dev.blocksmith.engine.spi.PortType;
import dev.blocksmith.engine.value.ImageSet;
import java.io.DataInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import java.util.zip.GZIPInputStream;

/**
 * Real photos of clothing, Fashion-MNIST (Zalando, MIT licence): 28×28 grayscale, ten classes. The
 * training set (60,000) comes from Debian's {@code dataset-fashion-mnist} package when it is
 * installed; the test set (10,000, which the shipped base model never saw) also comes from there,
 * or else from the 500 test photos that ship inside Blocksmith. A draw is balanced over the classes
 * and shuffled by the seed; noise adds Gaussian pixel noise (standard deviation 64 × noise).
 */
public final class FashionMnist implements SampleGenerator {
  /** Where Debian's package puts the files ({@code -Dblocksmith.fashion-mnist} overrides it). */
  public static final String DEBIAN_FOLDER = "/usr/share/datasets/fashion-mnist";

  /** The class names in label order. */
  public static final List<String> CLASSES =
      List.of(
          "T-shirt",
          "trouser",
          "pullover",
          "dress",
          "coat",
          "sandal",
          "shirt",
          "sneaker",
          "bag",
          "ankle boot");

  private static final int SIDE = 28;
  private static final String SHIPPED = "/dev/blocksmith/nodes/data/samples/fashion-mnist-500-";
  private final boolean test;

  /** Creates the generator of the training set ({@code test} false) or of the test set. */
  public FashionMnist(boolean test) {
    this.test = test;
  }

  @Override
  public String id() {
    return test ? "fashion-test" : "fashion";
  }

  @Override
  public String label() {
    return test
        ? "Clothing photos, test set (Fashion-MNIST: 28×28, 10 classes, never seen by the shipped "
            + "base model)"
        : "Clothing photos, training set (Fashion-MNIST: 28×28, 10 classes; needs Debian's "
            + "dataset-fashion-mnist)";
  }

  @Override
  public PortType outputType() {
    return PortType.IMAGES;
  }

  /** Returns whether the full Debian files are installed. */
  public static boolean installed() {
    return Files.isRegularFile(folder().resolve("train-images-idx3-ubyte.gz"))
        && Files.isRegularFile(folder().resolve("t10k-images-idx3-ubyte.gz"));
  }

  private static Path folder() {
    return Path.of(System.getProperty("blocksmith.fashion-mnist", DEBIAN_FOLDER));
  }

  @Override
  public ImageSet generate(int size, double noise, long seed) {
    String prefix = test ? "t10k-" : "train-";
    byte[] pixels;
    byte[] labels;
    String origin;
    try {
      if (installed()) {
        Path dir = folder();
        pixels = read(Files.newInputStream(dir.resolve(prefix + "images-idx3-ubyte.gz")), 2051);
        labels = read(Files.newInputStream(dir.resolve(prefix + "labels-idx1-ubyte.gz")), 2049);
        origin = "fashion-mnist " + prefix + "#";
      } else if (test) {
        pixels =
            read(FashionMnist.class.getResourceAsStream(SHIPPED + "images-idx3-ubyte.gz"), 2051);
        labels =
            read(FashionMnist.class.getResourceAsStream(SHIPPED + "labels-idx1-ubyte.gz"), 2049);
        origin = "fashion-mnist shipped t10k sample #";
      } else {
        throw new IllegalStateException(
            "The Fashion-MNIST training photos are not installed. "
                + "Install them with: sudo apt-get install dataset-fashion-mnist (or use the test "
                + "set, 500 photos of which ship with Blocksmith).");
      }
    } catch (IOException e) {
      throw new IllegalStateException("Fashion-MNIST could not be read: " + e.getMessage(), e);
    }
    return draw(pixels, labels, size, noise, seed, origin);
  }

  private static ImageSet draw(
      byte[] pixels, byte[] labels, int size, double noise, long seed, String origin) {
    Random random = new Random(seed);
    List<List<Integer>> byClass = new ArrayList<>();
    for (int c = 0; c < CLASSES.size(); c++) {
      byClass.add(new ArrayList<>());
    }
    for (int i = 0; i < labels.length; i++) {
      if (labels[i] < 0 || labels[i] >= CLASSES.size()) {
        throw new IllegalStateException("Fashion-MNIST label " + labels[i] + " at #" + i);
      }
      byClass.get(labels[i]).add(i);
    }
    byClass.forEach(l -> Collections.shuffle(l, random));
    int n = Math.min(size, labels.length);
    List<Integer> picked = new ArrayList<>(n);
    for (int k = 0; picked.size() < n; k++) {
      List<Integer> list = byClass.get(k % CLASSES.size());
      int round = k / CLASSES.size();
      if (round < list.size()) {
        picked.add(list.get(round));
      }
    }
    Collections.shuffle(picked, random);
    byte[] out = new byte[n * SIDE * SIDE];
    int[] y = new int[n];
    List<String> sources = new ArrayList<>(n);
    for (int j = 0; j < n; j++) {
      int i = picked.get(j);
      for (int p = 0; p < SIDE * SIDE; p++) {
        int v = pixels[i * SIDE * SIDE + p] & 0xff;
        if (noise > 0) {
          v = (int) Math.round(v + random.nextGaussian() * 64 * noise);
        }
        out[j * SIDE * SIDE + p] = (byte) Math.max(0, Math.min(255, v));
      }
      y[j] = labels[i];
      sources.add(origin + i);
    }
    return new ImageSet(SIDE, SIDE, 1, CLASSES, y, out, sources, List.of());
  }

  /** Reads an idx file (big-endian header: magic, counts, then the bytes). */
  private static byte[] read(InputStream raw, int magic) throws IOException {
    if (raw == null) {
      throw new IOException("the shipped sample is missing from this build");
    }
    try (DataInputStream in = new DataInputStream(new GZIPInputStream(raw))) {
      int m = in.readInt();
      if (m != magic) {
        throw new IOException("not an idx file of the expected kind (magic " + m + ")");
      }
      int count = in.readInt();
      long each = 1;
      if (magic == 2051) {
        int rows = in.readInt();
        int cols = in.readInt();
        if (rows != SIDE || cols != SIDE) {
          throw new IOException("images are " + rows + "×" + cols + ", not 28×28");
        }
        each = (long) SIDE * SIDE;
      }
      if (count < 0 || count * each > 100_000_000L) {
        throw new IOException("implausible count " + count);
      }
      byte[] data = new byte[(int) (count * each)];
      in.readFully(data);
      return data;
    }
  }
}
