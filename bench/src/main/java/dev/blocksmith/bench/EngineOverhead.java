package dev.blocksmith.bench;

import ai.djl.Device;
import ai.djl.Model;
import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.index.NDIndex;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Activation;
import ai.djl.nn.SequentialBlock;
import ai.djl.nn.core.Linear;
import ai.djl.training.DefaultTrainingConfig;
import ai.djl.training.GradientCollector;
import ai.djl.training.Trainer;
import ai.djl.training.loss.Loss;
import ai.djl.training.optimizer.Optimizer;
import ai.djl.training.tracker.Tracker;
import dev.blocksmith.engine.exec.RunEvent;
import dev.blocksmith.engine.exec.RunOptions;
import dev.blocksmith.engine.exec.RunResult;
import dev.blocksmith.engine.graph.Graph;
import dev.blocksmith.engine.graph.GraphJson;
import dev.blocksmith.engine.model.Preprocessing;
import dev.blocksmith.engine.registry.NodeRegistry;
import dev.blocksmith.engine.session.EngineSession;
import dev.blocksmith.engine.spi.Params;
import dev.blocksmith.engine.value.Dataset;
import dev.blocksmith.nodes.train.Labels;
import dev.blocksmith.nodes.train.Train;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Compares training speed of (A) a hand-written minimal DJL loop with (B) the Train block run
 * inside a graph (Sample data → Split → Train) through {@link EngineSession}. Same MLP 2→64→64→2,
 * same 1,400 spiral training rows, seed, batch size, epochs, Adam and learning rate; both shuffle
 * once per epoch with one gather; neither validates (the Train block's validation input is left
 * unconnected and its early stopping is off). A's time runs from {@code Model.newInstance} to the
 * end of the last epoch; B's is the Train node's own duration from its {@code NodeFinished} event
 * (which also covers fitting and applying the preprocessing and capturing the weights). Rounds
 * alternate A and B in one JVM after one warm-up of each. Not a test: run bench/run-overhead.
 */
public final class EngineOverhead {
  private static final int EPOCHS = 60;
  private static final int BATCH = 32;
  private static final float LEARNING_RATE = 0.01f;
  private static final long SEED = 42;
  private static float lastBatchLoss;
  private static double lastEpochLoss;
  private static final ThreadMXBean THREADS = ManagementFactory.getThreadMXBean();

  private EngineOverhead() {}

  /** Runs the benchmark; the optional argument is the number of measured rounds (default 9). */
  public static void main(String[] args) throws Exception {
    int rounds = args.length > 0 ? Integer.parseInt(args[0]) : 9;
    Path runs = Files.createTempDirectory("overhead-runs");
    Graph graph = GraphJson.read(graphJson());
    try (EngineSession session = new EngineSession(NodeRegistry.loadInstalled(), runs)) {
      RunOptions options = new RunOptions(null, "cpu", SEED, false);
      Preprocessing.Encoded data = trainingPart(session, graph, options);
      System.out.printf(
          Locale.ROOT,
          "data: %d training rows, batch %d, %d epochs, %s threads%n",
          data.rows(),
          BATCH,
          EPOCHS,
          System.getProperty("ai.djl.pytorch.num_threads"));
      long samples = (long) data.rows() * EPOCHS;
      List<double[]> a = new ArrayList<>();
      List<double[]> b = new ArrayList<>();
      for (int r = -1; r <= rounds; r++) {
        double[] ta = minimalLoop(data);
        double[] tb = block(session, graph, options);
        if (r <= 0) {
          System.out.printf(
              Locale.ROOT,
              "warm-up: A %.0f, B %.0f samples/s (A last batch loss"
                  + " %.4f, B last epoch mean loss %.4f)%n",
              samples / ta[0],
              samples / tb[0],
              lastBatchLoss,
              lastEpochLoss);
          continue;
        }
        a.add(ta);
        b.add(tb);
        System.out.printf(
            Locale.ROOT,
            "round %d: wall A %.0f, B %.0f samples/s, B/A %.3f;"
                + " cpu A %.0f, B %.0f samples/s, B/A %.3f%n",
            r,
            samples / ta[0],
            samples / tb[0],
            ta[0] / tb[0],
            samples / ta[1],
            samples / tb[1],
            ta[1] / tb[1]);
      }
      for (int k = 0; k < 2; k++) {
        int i = k;
        double ma = samples / median(a.stream().map(t -> t[i]).toList());
        double mb = samples / median(b.stream().map(t -> t[i]).toList());
        List<Double> ratios = new ArrayList<>();
        for (int r = 0; r < a.size(); r++) {
          ratios.add(a.get(r)[i] / b.get(r)[i]);
        }
        System.out.printf(
            Locale.ROOT,
            "median %s: A (minimal loop) %.0f samples/s, B (Train"
                + " block) %.0f samples/s, B/A %.3f (median of per-round ratios %.3f)%n",
            k == 0 ? "wall" : "cpu",
            ma,
            mb,
            mb / ma,
            median(ratios));
      }
    }
  }

  /** Runs Sample → Split once and returns the encoded training part the Train block sees. */
  private static Preprocessing.Encoded trainingPart(
      EngineSession session, Graph graph, RunOptions options) throws Exception {
    RunResult r =
        session
            .start(graph, null, options.withTargets(java.util.Set.of("split")), e -> {})
            .result()
            .get();
    if (!r.success()) {
      throw new IllegalStateException("Sample → Split failed: " + r.messages());
    }
    Dataset train = (Dataset) r.output("split", "train");
    Train block = new Train();
    Params params = Params.of(block.spec(), Map.of());
    QuietContext ctx = new QuietContext();
    return Labels.encode(Labels.fit(train, params, ctx), train, "train", ctx);
  }

  /**
   * Trains with the Train block in a fresh run and returns the Train node's wall seconds and the
   * CPU seconds of the thread that ran it.
   */
  private static double[] block(EngineSession session, Graph graph, RunOptions options)
      throws Exception {
    session.clearCache();
    AtomicLong millis = new AtomicLong(-1);
    AtomicLong cpu = new AtomicLong();
    RunResult r =
        session
            .start(
                graph,
                null,
                options,
                e -> {
                  // Both events are emitted on the thread that runs the node.
                  if (e instanceof RunEvent.NodeStarted s && s.nodeId().equals("train")) {
                    cpu.set(THREADS.getCurrentThreadCpuTime());
                  } else if (e instanceof RunEvent.NodeFinished f && f.nodeId().equals("train")) {
                    cpu.set(THREADS.getCurrentThreadCpuTime() - cpu.get());
                    millis.set(f.millis());
                  } else if (e instanceof RunEvent.NodeMetric m && m.name().equals("train loss")) {
                    lastEpochLoss = m.value();
                  }
                })
            .result()
            .get();
    if (!r.success() || millis.get() < 0) {
      throw new IllegalStateException("the graph run failed: " + r.messages());
    }
    return new double[] {millis.get() / 1000.0, cpu.get() / 1e9};
  }

  /** Trains with a minimal hand-written DJL loop and returns its wall and CPU seconds. */
  private static double[] minimalLoop(Preprocessing.Encoded d) {
    long t0 = System.nanoTime();
    long c0 = THREADS.getCurrentThreadCpuTime();
    Engine.getInstance().setRandomSeed((int) SEED);
    SequentialBlock net =
        new SequentialBlock()
            .add(Linear.builder().setUnits(64).build())
            .add(Activation.reluBlock())
            .add(Linear.builder().setUnits(64).build())
            .add(Activation.reluBlock())
            .add(Linear.builder().setUnits(2).build());
    Optimizer adam = Optimizer.adam().optLearningRateTracker(Tracker.fixed(LEARNING_RATE)).build();
    DefaultTrainingConfig tc =
        new DefaultTrainingConfig(Loss.softmaxCrossEntropyLoss())
            .optOptimizer(adam)
            .optDevices(new Device[] {Device.cpu()});
    int width = d.exampleSize();
    try (Model model = Model.newInstance("minimal", Device.cpu())) {
      model.setBlock(net);
      try (Trainer trainer = model.newTrainer(tc);
          NDManager data = model.getNDManager().newSubManager()) {
        trainer.initialize(new Shape(1, width));
        NDArray x = data.create(d.features(), new Shape(d.rows(), width));
        NDArray y = data.create(d.labels());
        Random shuffle = new Random(SEED);
        NDArray loss = null;
        for (int epoch = 0; epoch < EPOCHS; epoch++) {
          try (NDManager epochManager = data.newSubManager()) {
            NDArray index = epochManager.create(permutation(d.rows(), shuffle));
            NDArray xs = x.get(index);
            NDArray ys = y.get(index);
            xs.attach(epochManager);
            ys.attach(epochManager);
            for (int from = 0; from < d.rows(); from += BATCH) {
              int to = Math.min(d.rows(), from + BATCH);
              try (NDManager batch = epochManager.newSubManager()) {
                NDArray bx = xs.get(new NDIndex().addSliceDim(from, to));
                NDArray by = ys.get(new NDIndex().addSliceDim(from, to));
                bx.attach(batch);
                by.attach(batch);
                try (GradientCollector gc = trainer.newGradientCollector()) {
                  NDList pred = trainer.forward(new NDList(bx));
                  loss = trainer.getLoss().evaluate(new NDList(by), pred);
                  gc.backward(loss);
                }
                trainer.step();
                if (to == d.rows() && epoch == EPOCHS - 1) {
                  lastBatchLoss = loss.getFloat(); // once per run, as a sanity check
                }
              }
            }
          }
        }
      }
    }
    return new double[] {
      (System.nanoTime() - t0) / 1e9, (THREADS.getCurrentThreadCpuTime() - c0) / 1e9
    };
  }

  /** Returns 0 … n-1 shuffled (Fisher–Yates), as the training loop shuffles its rows. */
  static long[] permutation(int n, Random random) {
    long[] order = new long[n];
    for (int i = 0; i < n; i++) {
      order[i] = i;
    }
    for (int i = n - 1; i > 0; i--) {
      int j = random.nextInt(i + 1);
      long t = order[i];
      order[i] = order[j];
      order[j] = t;
    }
    return order;
  }

  private static double median(List<Double> values) {
    List<Double> s = values.stream().sorted().toList();
    int n = s.size();
    return n % 2 == 1 ? s.get(n / 2) : (s.get(n / 2 - 1) + s.get(n / 2)) / 2;
  }

  private static String graphJson() {
    return """
        {"formatVersion": 2, "name": "engine overhead",
         "nodes": [
          {"id": "sample", "type": "data.sample", "typeVersion": 1,
           "params": {"dataset": "spirals", "noise": 0.1, "size": 2000}},
          {"id": "split", "type": "prepare.split", "typeVersion": 1, "params": {}},
          {"id": "train", "type": "train.train", "typeVersion": 1,
           "params": {"architecture": "mlp", "hiddenSizes": [64, 64], "epochs": %d,
                      "batchSize": %d, "learningRate": %s, "optimizer": "adam",
                      "patience": 0, "dropout": 0.0}}],
         "edges": [{"from": "sample.data", "to": "split.data"},
                   {"from": "split.train", "to": "train.train"}]}
        """
        .formatted(EPOCHS, BATCH, Float.toString(LEARNING_RATE));
  }
}
