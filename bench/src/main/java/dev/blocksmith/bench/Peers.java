package dev.blocksmith.bench;

import ai.djl.Device;
import ai.djl.Model;
import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.index.NDIndex;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.DefaultTrainingConfig;
import ai.djl.training.GradientCollector;
import ai.djl.training.Trainer;
import ai.djl.training.loss.Loss;
import ai.djl.training.optimizer.Optimizer;
import ai.djl.training.tracker.Tracker;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.blocksmith.engine.djl.MklCpuCheck;
import dev.blocksmith.engine.djl.TrainConfig;
import dev.blocksmith.engine.djl.TrainingLoop;
import dev.blocksmith.engine.model.ArchSpec;
import dev.blocksmith.engine.model.Architectures;
import dev.blocksmith.engine.model.Preprocessing;
import dev.blocksmith.engine.spi.Inputs;
import dev.blocksmith.engine.spi.Params;
import dev.blocksmith.engine.value.CategoryColumn;
import dev.blocksmith.engine.value.Column;
import dev.blocksmith.engine.value.ColumnRole;
import dev.blocksmith.engine.value.Dataset;
import dev.blocksmith.engine.value.ImageSet;
import dev.blocksmith.engine.value.NumberColumn;
import dev.blocksmith.engine.value.Table;
import dev.blocksmith.nodes.train.Train;
import java.io.DataInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.zip.GZIPInputStream;

/**
 * One side of the peers benchmark ({@code bench/peers/run}): trains the issue's MLP 784-256-128-10
 * or the small CNN (the Train block's own: conv 16 → pool → conv 32 → pool → dense 64) on the first
 * N Fashion-MNIST photos, batch 128, Adam 1e-3, one intra-op thread, either with Blocksmith's Train
 * block or with a minimal hand-written DJL loop. One warm-up epoch, then the measured epochs;
 * prints one line {@code RESULT side model samples wall_s cpu_s}. Not a test.
 */
public final class Peers {
  private static final int BATCH = 128;
  private static final float LR = 1e-3f;
  private static final long SEED = 42;

  private static long stepNanos;

  private Peers() {}

  /** Arguments: side (block|djl|loop), model (mlp|cnn), rows, measured epochs [, warm-up runs]. */
  public static void main(String[] args) throws Exception {
    String side = args[0];
    if (side.equals("peak")) {
      peak();
      return;
    }
    if (side.equals("mkl-library")) {
      // Writes the library the editor's worker preloads on AMD processors (MklCpuCheck) and
      // prints its path, or nothing where this machine does not want it.
      // Only the switch is taken from this shell (BLOCKSMITH_MKL_CPU=off), as the worker takes it.
      Map<String, String> env = new HashMap<>();
      String off = System.getenv("BLOCKSMITH_MKL_CPU");
      if (off != null) {
        env.put("BLOCKSMITH_MKL_CPU", off);
      }
      if (MklCpuCheck.apply(env, Path.of(args[1]))) {
        System.out.println(env.get("LD_PRELOAD"));
      }
      return;
    }
    String model = args[1];
    int rows = Integer.parseInt(args[2]);
    int epochs = Integer.parseInt(args[3]);
    // How many 1-epoch runs come before the measured one in the same process: 1 is a fresh
    // process's second run; more is a session in which Run was already pressed a few times (the
    // editor's worker and the command line's background process stay up between runs).
    int warmups = args.length > 4 && !side.equals("ab") ? Integer.parseInt(args[4]) : 1;
    Path dir = Path.of(System.getProperty("fmnist", "/usr/share/datasets/fashion-mnist"));
    byte[][] images = readImages(dir.resolve("train-images-idx3-ubyte.gz"), rows);
    int[] labels = readLabels(dir.resolve("train-labels-idx1-ubyte.gz"), rows);
    if (side.equals("ab")) {
      ab(model, images, labels, epochs, Integer.parseInt(args[4]));
      return;
    }
    double[] warm;
    double[] t;
    double[] jvm0 = {0, 0};
    if (side.equals("block")) {
      Dataset data = model.equals("mlp") ? table(images, labels) : imageSet(images, labels);
      warm = block(model, data, 1);
      for (int w = 1; w < warmups; w++) {
        block(model, data, 1);
      }
      jvm0 = jvmSeconds();
      markMeasured("from " + java.time.Instant.now());
      t = block(model, data, epochs);
    } else if (side.equals("loop")) {
      warm = loop(model, images, labels, 1);
      for (int w = 1; w < warmups; w++) {
        loop(model, images, labels, 1);
      }
      jvm0 = jvmSeconds();
      markMeasured("from " + java.time.Instant.now());
      t = loop(model, images, labels, epochs);
    } else {
      warm = djl(model, images, labels, 1);
      for (int w = 1; w < warmups; w++) {
        djl(model, images, labels, 1);
      }
      jvm0 = jvmSeconds();
      markMeasured("from " + java.time.Instant.now());
      t = djl(model, images, labels, epochs);
    }
    double[] jvm1 = jvmSeconds();
    markMeasured("until");
    // Where the process CPU of the measured run went besides the training thread.
    System.out.printf(
        Locale.ROOT,
        "PARTS %s %s thread %.3f jit %.3f gc %.3f process %.3f%n",
        side,
        model,
        t[2],
        jvm1[0] - jvm0[0],
        jvm1[1] - jvm0[1],
        t[1]);
    System.out.printf(Locale.ROOT, "step time %.3f s%n", stepNanos / 1e9);
    System.out.printf(
        Locale.ROOT,
        "RESULT %s %s %d %.4f %.4f %.4f (warm-up %.2f s)%n",
        side,
        model,
        (long) rows * epochs,
        t[0],
        t[1],
        t[2],
        warm[0]);
  }

  /**
   * Marks where the measured run starts or ends, with CLOCK_MONOTONIC seconds (what {@code perf
   * record -k mono} stamps), so a profile can be cut to the measured epochs ({@code --time T0,T1}).
   */
  private static void markMeasured(String what) {
    System.out.println("MEASURED " + what + " mono " + System.nanoTime() / 1e9);
    // -Dpeers.profile=FILE: libtorch's own profiler over the measured run, written as a Chrome
    // trace (the operators DJL called, with their times), to compare with torch.profiler's.
    String trace = System.getProperty("peers.profile");
    if (trace != null) {
      if (what.startsWith("from")) {
        ai.djl.pytorch.jni.JniUtils.startProfile(false, true, false);
      } else {
        ai.djl.pytorch.jni.JniUtils.stopProfile(trace);
      }
    }
  }

  /** Prints the fp32 matmul rate of this libtorch on one thread: the machine's practical peak. */
  private static void peak() {
    try (NDManager m = NDManager.newBaseManager(Device.cpu())) {
      NDArray a = m.randomUniform(0, 1, new Shape(1024, 1024));
      NDArray b = m.randomUniform(0, 1, new Shape(1024, 1024));
      double best = 0;
      for (int r = 0; r < 8; r++) {
        double t0 = threadSeconds();
        for (int i = 0; i < 4; i++) {
          a.matMul(b).close();
        }
        best = Math.max(best, 4 * 2.0 * Math.pow(1024, 3) / (threadSeconds() - t0) / 1e9);
      }
      System.out.printf(Locale.ROOT, "PEAK %.2f%n", best);
    }
  }

  /** The JIT compilers' and the collectors' time so far, seconds (as the JVM reports them). */
  private static double[] jvmSeconds() {
    double gc = 0;
    for (var bean : ManagementFactory.getGarbageCollectorMXBeans()) {
      gc += Math.max(0, bean.getCollectionTime()) / 1e3;
    }
    return new double[] {
      ManagementFactory.getCompilationMXBean().getTotalCompilationTime() / 1e3, gc
    };
  }

  private static double threadSeconds() {
    return ManagementFactory.getThreadMXBean().getCurrentThreadCpuTime() / 1e9;
  }

  private static double cpuSeconds() {
    return ((com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean())
            .getProcessCpuTime()
        / 1e9;
  }

  /**
   * Interleaved A/B in one JVM: every round trains the Train block, {@link TrainingLoop} alone (on
   * the same encoded pixels, no preprocessing or capture) and the minimal loop, in rotating order,
   * and prints the training thread's CPU seconds of each; then the medians and ratios. One warm-up
   * run of each side first.
   */
  private static void ab(String model, byte[][] images, int[] labels, int epochs, int rounds)
      throws Exception {
    Dataset data = model.equals("mlp") ? table(images, labels) : imageSet(images, labels);
    String[] sides = System.getProperty("peers.sides", "block,loop,djl").split(",");
    Map<String, List<double[]>> seen = new HashMap<>();
    for (int r = -1; r < rounds; r++) {
      for (int k = 0; k < sides.length; k++) {
        String side = sides[Math.floorMod(k + r, sides.length)];
        String[] flags = side.split(":");
        for (int f = 1; f < flags.length; f++) {
          System.setProperty(flags[f], "true");
        }
        double[] t =
            switch (flags[0]) {
              case "block" -> block(model, data, epochs);
              case "loop" -> loop(model, images, labels, epochs);
              default -> djl(model, images, labels, epochs);
            };
        for (int f = 1; f < flags.length; f++) {
          System.clearProperty(flags[f]);
        }
        if (r >= 0) {
          seen.computeIfAbsent(side, s -> new ArrayList<>()).add(t);
          System.out.printf(
              Locale.ROOT, "AB round %d %s wall %.3f thread-cpu %.3f%n", r, side, t[0], t[2]);
        }
      }
    }
    // Ratios are against the minimal loop, or against the first side when it is not run.
    String ref = seen.containsKey("djl") ? "djl" : sides[0];
    double djl = median(seen.get(ref), 2);
    for (String side : sides) {
      double m = median(seen.get(side), 2);
      System.out.printf(
          Locale.ROOT,
          "AB median %s %s thread-cpu %.3f s (min %.3f), %.0f samples/s, ref/side %.3f (mins"
              + " %.3f, wall median %.3f)%n",
          model,
          side,
          m,
          min(seen.get(side)),
          (double) images.length * epochs / m,
          djl / m,
          min(seen.get(ref)) / min(seen.get(side)),
          median(seen.get(side), 0));
    }
  }

  private static double min(List<double[]> v) {
    return v.stream().mapToDouble(t -> t[2]).min().orElse(Double.NaN);
  }

  private static double median(List<double[]> v, int i) {
    double[] a = v.stream().mapToDouble(t -> t[i]).sorted().toArray();
    return a.length % 2 == 1 ? a[a.length / 2] : (a[a.length / 2 - 1] + a[a.length / 2]) / 2;
  }

  private static double[] loop(String model, byte[][] images, int[] labels, int epochs)
      throws Exception {
    double w0 = System.nanoTime();
    double c0 = cpuSeconds();
    double t0 = threadSeconds();
    int n = images.length;
    float[] x = new float[n * 784];
    float[] y = new float[n];
    for (int i = 0; i < n; i++) {
      for (int j = 0; j < 784; j++) {
        x[i * 784 + j] = (images[i][j] & 0xff) / 255f;
      }
      y[i] = labels[i];
    }
    boolean cnn = model.equals("cnn");
    List<Integer> shape = cnn ? List.of(1, 28, 28) : List.of(784);
    // -Dpeers.validation=N: the last N photos validate after every epoch (loop side only).
    int held = Integer.getInteger("peers.validation", 0);
    int fit = n - held;
    Preprocessing.Encoded enc =
        new Preprocessing.Encoded(
            java.util.Arrays.copyOf(x, fit * 784), java.util.Arrays.copyOf(y, fit), fit, shape);
    Preprocessing.Encoded val =
        held == 0
            ? null
            : new Preprocessing.Encoded(
                java.util.Arrays.copyOfRange(x, fit * 784, n * 784),
                java.util.Arrays.copyOfRange(y, fit, n),
                held,
                shape);
    TrainConfig config =
        new TrainConfig(
            epochs,
            BATCH,
            LR,
            TrainConfig.Optimizer.ADAM,
            TrainConfig.Loss.SOFTMAX_CROSS_ENTROPY,
            0,
            SEED);
    try (Model m = Model.newInstance("loop", Device.cpu())) {
      m.setBlock(Architectures.build(spec(cnn)));
      QuietContext ctx = new QuietContext();
      TrainingLoop.run(m, enc, val, config, ctx);
      ctx.manager().close();
    }
    return new double[] {(System.nanoTime() - w0) / 1e9, cpuSeconds() - c0, threadSeconds() - t0};
  }

  private static ArchSpec spec(boolean cnn) {
    return cnn
        ? new ArchSpec(
            ArchSpec.CURRENT_VERSION,
            ArchSpec.Kind.CNN,
            List.of(1, 28, 28),
            List.of(64),
            List.of(16, 32),
            0,
            10,
            ArchSpec.Task.CLASSIFICATION)
        : ArchSpec.mlp(List.of(784), List.of(256, 128), 10, ArchSpec.Task.CLASSIFICATION);
  }

  private static double[] block(String model, Dataset data, int epochs) throws Exception {
    ObjectMapper json = new ObjectMapper();
    Map<String, JsonNode> p = new HashMap<>();
    p.put("architecture", json.valueToTree(model));
    p.put("hiddenSizes", json.valueToTree(model.equals("mlp") ? List.of(256, 128) : List.of(64)));
    p.put("epochs", json.valueToTree(epochs));
    p.put("batchSize", json.valueToTree(BATCH));
    p.put("learningRate", json.valueToTree(LR));
    p.put("optimizer", json.valueToTree("adam"));
    p.put("patience", json.valueToTree(0));
    p.put("dropout", json.valueToTree(0.0));
    Train train = new Train();
    Params params = Params.of(train.spec(), p);
    QuietContext ctx = new QuietContext();
    double w0 = System.nanoTime();
    double c0 = cpuSeconds();
    double t0 = threadSeconds();
    train.execute(new Inputs("train", Map.of("train", data)), params, ctx);
    return new double[] {(System.nanoTime() - w0) / 1e9, cpuSeconds() - c0, threadSeconds() - t0};
  }

  private static double[] djl(String model, byte[][] images, int[] labels, int epochs)
      throws Exception {
    double w0 = System.nanoTime();
    double c0 = cpuSeconds();
    double t0 = threadSeconds();
    int n = images.length;
    float[] x = new float[n * 784];
    float[] y = new float[n];
    for (int i = 0; i < n; i++) {
      for (int j = 0; j < 784; j++) {
        x[i * 784 + j] = (images[i][j] & 0xff) / 255f;
      }
      y[i] = labels[i];
    }
    boolean cnn = model.equals("cnn");
    ArchSpec spec = spec(cnn);
    Shape one = cnn ? new Shape(1, 1, 28, 28) : new Shape(1, 784);
    Shape all = cnn ? new Shape(n, 1, 28, 28) : new Shape(n, 784);
    Engine.getInstance().setRandomSeed((int) SEED);
    Optimizer adam =
        System.getProperty("peers.opt", "adam").equals("sgd")
            ? Optimizer.sgd().setLearningRateTracker(Tracker.fixed(LR)).build()
            : Optimizer.adam().optLearningRateTracker(Tracker.fixed(LR)).build();
    DefaultTrainingConfig tc =
        new DefaultTrainingConfig(Loss.softmaxCrossEntropyLoss())
            .optOptimizer(adam)
            .optDevices(new Device[] {Device.cpu()});
    try (Model m = Model.newInstance("minimal", Device.cpu())) {
      m.setBlock(Architectures.stock(spec));
      try (Trainer trainer = m.newTrainer(tc);
          NDManager data = m.getNDManager().newSubManager()) {
        trainer.initialize(one);
        NDArray xa = data.create(x, all);
        NDArray ya = data.create(y);
        Random shuffle = new Random(SEED);
        for (int e = 0; e < epochs; e++) {
          try (NDManager em = data.newSubManager()) {
            long[] order = new long[n];
            for (int i = 0; i < n; i++) {
              order[i] = i;
            }
            for (int i = n - 1; i > 0; i--) {
              int j = shuffle.nextInt(i + 1);
              long tmp = order[i];
              order[i] = order[j];
              order[j] = tmp;
            }
            NDArray idx = em.create(order);
            NDArray xs = xa.get(idx);
            NDArray ys = ya.get(idx);
            xs.attach(em);
            ys.attach(em);
            for (int from = 0; from < n; from += BATCH) {
              int to = Math.min(n, from + BATCH);
              try (NDManager b = em.newSubManager()) {
                NDArray bx = xs.get(new NDIndex().addSliceDim(from, to));
                NDArray by = ys.get(new NDIndex().addSliceDim(from, to));
                bx.attach(b);
                by.attach(b);
                try (GradientCollector gc = trainer.newGradientCollector()) {
                  NDList pred = trainer.forward(new NDList(bx));
                  gc.backward(trainer.getLoss().evaluate(new NDList(by), pred));
                }
                long s0 = System.nanoTime();
                trainer.step();
                stepNanos += System.nanoTime() - s0;
              }
            }
          }
        }
      }
    }
    return new double[] {(System.nanoTime() - w0) / 1e9, cpuSeconds() - c0, threadSeconds() - t0};
  }

  private static Table table(byte[][] images, int[] labels) {
    List<Column> cols = new ArrayList<>();
    int n = images.length;
    for (int j = 0; j < 784; j++) {
      double[] v = new double[n];
      for (int i = 0; i < n; i++) {
        v[i] = images[i][j] & 0xff;
      }
      cols.add(new NumberColumn("p" + j, v));
    }
    String[] names = new String[n];
    for (int i = 0; i < n; i++) {
      names[i] = "c" + labels[i];
    }
    cols.add(CategoryColumn.of("label", List.of(names)));
    return Table.of(cols, Map.of("label", ColumnRole.LABEL));
  }

  private static ImageSet imageSet(byte[][] images, int[] labels) {
    List<String> classes = new ArrayList<>();
    for (int c = 0; c < 10; c++) {
      classes.add("c" + c);
    }
    byte[] pixels = new byte[images.length * 784];
    List<String> sources = new ArrayList<>();
    for (int i = 0; i < images.length; i++) {
      System.arraycopy(images[i], 0, pixels, i * 784, 784);
      sources.add("fashion-mnist#" + i);
    }
    return new ImageSet(28, 28, 1, classes, labels, pixels, sources, List.of());
  }

  private static byte[][] readImages(Path file, int rows) throws IOException {
    try (InputStream raw = Files.newInputStream(file);
        DataInputStream in = new DataInputStream(new GZIPInputStream(raw))) {
      in.readInt();
      int count = in.readInt();
      int h = in.readInt();
      int w = in.readInt();
      byte[][] out = new byte[Math.min(rows, count)][h * w];
      for (byte[] img : out) {
        in.readFully(img);
      }
      return out;
    }
  }

  private static int[] readLabels(Path file, int rows) throws IOException {
    try (InputStream raw = Files.newInputStream(file);
        DataInputStream in = new DataInputStream(new GZIPInputStream(raw))) {
      in.readInt();
      int count = in.readInt();
      int[] out = new int[Math.min(rows, count)];
      for (int i = 0; i < out.length; i++) {
        out[i] = in.readUnsignedByte();
      }
      return out;
    }
  }
}
