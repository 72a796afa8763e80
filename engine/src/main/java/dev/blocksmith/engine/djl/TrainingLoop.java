package dev.blocksmith.engine.djl;

import ai.djl.MalformedModelException;
import ai.djl.Model;
import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDArrays;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.index.NDIndex;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.DefaultTrainingConfig;
import ai.djl.training.GradientCollector;
import ai.djl.training.Trainer;
import ai.djl.training.loss.Loss;
import ai.djl.training.optimizer.Optimizer;
import ai.djl.training.tracker.Tracker;
import dev.blocksmith.engine.model.Architectures;
import dev.blocksmith.engine.model.Preprocessing.Encoded;
import dev.blocksmith.engine.spi.CancelledException;
import dev.blocksmith.engine.spi.NodeContext;
import dev.blocksmith.engine.spi.NodeException;
import dev.blocksmith.engine.value.Curve;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.function.IntFunction;

/**
 * Trains a DJL model on encoded examples, cutting shuffled batches from them ({@link BatchRows}).
 * Checks for cancellation before every batch, stops with {@link NodeException.Kind#DIVERGED} when
 * the loss becomes NaN or infinite, validates after every epoch, stops early and restores the best
 * weights, and streams metrics ("train loss", "validation loss", "train accuracy", "validation
 * accuracy") through the {@link NodeContext}. Every batch lives in its own sub-manager that is
 * closed before the next one; no NDArray outlives {@link #run}.
 */
public final class TrainingLoop {

  /** The name of the learning-rate param that divergence messages point at. */
  public static final String LEARNING_RATE_PARAM = "learningRate";

  /**
   * At most one progress event per this many nanoseconds (and one at the end of every epoch): small
   * models run thousands of batches a second, and an event per batch cost more than the batch.
   */
  private static final long PROGRESS_NANOS = 100_000_000L;

  /** When (epoch millis) this process finished its first training step; 0 before. */
  private static volatile long firstBatchAt;

  private TrainingLoop() {}

  /**
   * Returns when (epoch milliseconds) this process finished its first training step, or 0 when it
   * has not trained yet. For measuring cold start ({@code run --timings}).
   */
  public static long firstBatchMillis() {
    return firstBatchAt;
  }

  /**
   * What a run produced besides the weights now in the model.
   *
   * @param history one curve per metric, one value per epoch run
   * @param epochsRun epochs actually run
   * @param bestEpoch the epoch (1-based) whose weights the model now holds
   * @param stoppedEarly whether early stopping ended the run
   * @param cancelled whether the user cancelled after at least one whole epoch, so the model holds
   *     the best weights so far instead of the finished training's
   */
  public record Result(
      List<Curve> history, int epochsRun, int bestEpoch, boolean stoppedEarly, boolean cancelled) {}

  /**
   * Trains {@code model} (its block set, initialised here if it is not yet) and returns its curves.
   *
   * @param model the model to train; its weights are updated in place
   * @param train encoded training examples, all labelled
   * @param validation encoded validation examples, or null
   * @param config epochs, batch size, optimizer, loss, patience and seed
   * @param ctx progress, metrics and cancellation
   * @throws NodeException of kind DIVERGED when the loss becomes NaN or infinite, CANCELLED when
   *     the user cancels before the first epoch ends (later, the best weights so far are kept and
   *     the result says it was cancelled)
   */
  public static Result run(
      Model model, Encoded train, Encoded validation, TrainConfig config, NodeContext ctx)
      throws NodeException {
    return run(model, train, validation, config, ctx, null);
  }

  /**
   * Trains like {@link #run(Model, Encoded, Encoded, TrainConfig, NodeContext)}, but draws the
   * training batches of every epoch from {@code epochFeatures} (augmented pictures): it is asked
   * once per epoch, with the epoch number (1-based), for the training features in the same order
   * and shape as {@code train.features()}, whose labels still apply. Validation examples are always
   * the ones given, unchanged.
   *
   * @param epochFeatures the training features of an epoch, or null to use {@code train} as it is
   */
  public static Result run(
      Model model,
      Encoded train,
      Encoded validation,
      TrainConfig config,
      NodeContext ctx,
      IntFunction<float[]> epochFeatures)
      throws NodeException {
    Engine.getInstance().setRandomSeed((int) config.seed());
    boolean classify = config.loss() == TrainConfig.Loss.SOFTMAX_CROSS_ENTROPY;
    Optimizer optimizer = optimizer(config);
    DefaultTrainingConfig tc =
        new DefaultTrainingConfig(loss(config.loss()))
            .optOptimizer(optimizer)
            .optDevices(new ai.djl.Device[] {ctx.device()});
    Curves curves = new Curves(classify, validation != null);
    try (Trainer trainer = model.newTrainer(tc);
        NDManager data = ctx.manager().newSubManager(ctx.device())) {
      trainer.initialize(new Shape(batchShape(1, train)));
      BatchRows rows = new BatchRows(data, train);
      NDArray y = data.create(train.labels());
      NDArray vx = null;
      NDArray vy = null;
      if (validation != null && validation.rows() > 0) {
        vx =
            data.create(
                validation.features(), new Shape(batchShape(validation.rows(), validation)));
        vy = data.create(validation.labels());
      }
      Random shuffle = new Random(config.seed());
      int batches = (train.rows() + config.batchSize() - 1) / config.batchSize();
      double best = Double.POSITIVE_INFINITY;
      int bestEpoch = 0;
      byte[] bestWeights = null;
      int epoch = 0;
      boolean stoppedEarly = false;
      boolean cancelled = false;
      int patience = config.patienceEpochs(batches);
      while (epoch < config.epochs()) {
        epoch++;
        double[] sums;
        try {
          float[] features = train.features();
          if (epochFeatures != null) {
            features = epochFeatures.apply(epoch);
            if (features.length != train.features().length) {
              throw new IllegalStateException(
                  "augmented training data has "
                      + features.length
                      + " values, not "
                      + train.features().length);
            }
          }
          sums =
              trainEpoch(
                  trainer, optimizer, rows, features, y, shuffle, config, batches, epoch, classify,
                  ctx);
        } catch (CancelledException e) {
          if (bestEpoch == 0) {
            throw e; // not one whole epoch: there is no model worth keeping
          }
          epoch--; // the cancelled epoch did not finish
          cancelled = true;
          break;
        }
        double trainLoss = sums[0] / train.rows();
        curves.add("train loss", epoch, trainLoss, ctx);
        if (classify) {
          curves.add("train accuracy", epoch, sums[1] / train.rows(), ctx);
        }
        double monitored = trainLoss;
        if (vx != null) {
          double[] v = evaluate(trainer, vx, vy, config.batchSize(), classify);
          monitored = v[0] / validation.rows();
          curves.add("validation loss", epoch, monitored, ctx);
          if (classify) {
            curves.add("validation accuracy", epoch, v[1] / validation.rows(), ctx);
          }
        }
        if (monitored < best) {
          best = monitored;
          bestEpoch = epoch;
          bestWeights = config.patience() > 0 ? save(model) : null;
        } else if (patience > 0 && epoch - bestEpoch >= patience) {
          ctx.log(
              "Stopped early after epoch "
                  + epoch
                  + ": no improvement for "
                  + patience
                  + " epochs ("
                  + patience * batches
                  + " steps). Keeping the weights of epoch "
                  + bestEpoch
                  + ".");
          stoppedEarly = true;
          break;
        }
      }
      // A cancelled epoch changed the weights part-way, so they go back even when its
      // predecessor was the best.
      if (bestWeights != null && (bestEpoch != epoch || cancelled)) {
        restore(model, bestWeights);
      } else {
        bestEpoch = epoch;
      }
      if (cancelled) {
        ctx.log(
            "Cancelled during epoch "
                + (epoch + 1)
                + ": keeping "
                + (bestWeights != null
                    ? "the weights of epoch " + bestEpoch + ", the best so far"
                    : "the weights as they were when cancelled (after epoch " + epoch + ")")
                + ", instead of throwing the training away.");
      }
      return new Result(curves.build(), epoch, bestEpoch, stoppedEarly, cancelled);
    }
  }

  private static double[] trainEpoch(
      Trainer trainer,
      Optimizer optimizer,
      BatchRows rows,
      float[] features,
      NDArray y,
      Random shuffle,
      TrainConfig config,
      int batches,
      int epoch,
      boolean classify,
      NodeContext ctx)
      throws NodeException {
    int n = Math.toIntExact(y.getShape().get(0));
    long[] order = permutation(n, shuffle);
    EpochTally tally = new EpochTally(ctx, epoch, config.learningRate(), classify);
    long lastProgress = System.nanoTime();
    try (NDManager epochManager = y.getManager().newSubManager()) {
      // Each batch's rows are gathered from the features (BatchRows), so no shuffled copy of all
      // of them is made every epoch. The labels are small and the tally wants them whole, so they
      // are shuffled once an epoch.
      rows.epoch(epochManager, features, order);
      NDArray ys = y.get(epochManager.create(order));
      ys.attach(epochManager);
      tally.start(epochManager, ys);
      for (int b = 0; b < batches; b++) {
        ctx.checkCancelled();
        int from = b * config.batchSize();
        int to = Math.min(n, from + config.batchSize());
        try (NDManager batch = epochManager.newSubManager()) {
          NDArray bx = Architectures.batchLayout(rows.batch(batch, from, to));
          NDArray by = ys.get(new NDIndex().addSliceDim(from, to));
          by.attach(batch);
          NDArray loss;
          NDList pred;
          try (GradientCollector gc = trainer.newGradientCollector()) {
            pred = trainer.forward(new NDList(bx));
            loss = trainer.getLoss().evaluate(new NDList(by), pred);
            gc.backward(loss);
          }
          step(trainer, optimizer);
          if (firstBatchAt == 0) {
            firstBatchAt = System.currentTimeMillis();
          }
          tally.add(loss, classify ? pred.head() : null, to - from);
        }
        long now = System.nanoTime();
        if (b + 1 == batches || now - lastProgress >= PROGRESS_NANOS) {
          lastProgress = now;
          ctx.progress(
              ((epoch - 1) + (b + 1.0) / batches) / config.epochs(),
              "Epoch " + epoch + " of " + config.epochs());
        }
      }
      tally.flush();
    }
    return new double[] {tally.lossSum(), tally.correct()};
  }

  /**
   * Applies one optimizer step. DJL's first {@code step()} refuses gradients whose <em>signed</em>
   * sum is zero, which is always the case for a linear softmax model (the output gradients of the
   * classes cancel); when that happens and the gradients are really non-zero, the update is done
   * here with the same optimizer, and gradients are reset as DJL would.
   */
  static void step(Trainer trainer, Optimizer optimizer) {
    if (optimizer instanceof FusedAdam adam) {
      adam.step(trainer);
      return;
    }
    try {
      trainer.step();
    } catch (IllegalStateException e) {
      if (e.getMessage() == null || !e.getMessage().contains("Gradient values are all zeros")) {
        throw e;
      }
      for (var pair : trainer.getModel().getBlock().getParameters()) {
        ai.djl.nn.Parameter p = pair.getValue();
        if (p.requiresGradient()) {
          NDArray grad = p.getArray().getGradient();
          optimizer.update(p.getId(), p.getArray(), grad);
          grad.subi(grad);
        }
      }
    }
  }

  /**
   * Returns the summed loss and the number of correct predictions over a resident set. Losses and
   * scores stay on the device until the end and are read back once, not once per batch; no autograd
   * graph is recorded, so the held outputs keep no activations alive.
   */
  static double[] evaluate(Trainer trainer, NDArray x, NDArray y, int batchSize, boolean classify) {
    long n = x.getShape().get(0);
    boolean recording = NoGrad.stop();
    try (NDManager held = x.getManager().newSubManager()) {
      NDList losses = new NDList();
      NDList scores = new NDList();
      List<Long> sizes = new ArrayList<>();
      for (long from = 0; from < n; from += batchSize) {
        long to = Math.min(n, from + batchSize);
        try (NDManager batch = held.newSubManager()) {
          NDArray bx = x.get(new NDIndex().addSliceDim(from, to));
          NDArray by = y.get(new NDIndex().addSliceDim(from, to));
          bx.attach(batch);
          by.attach(batch);
          NDList pred = trainer.evaluate(new NDList(Architectures.batchLayout(bx)));
          NDArray loss = trainer.getLoss().evaluate(new NDList(by), pred);
          loss.attach(held);
          losses.add(loss);
          if (classify) {
            pred.head().attach(held);
            scores.add(pred.head());
          }
          sizes.add(to - from);
        }
      }
      float[] values = NDArrays.stack(losses).toFloatArray();
      double lossSum = 0;
      for (int i = 0; i < values.length; i++) {
        lossSum += (double) values[i] * sizes.get(i);
      }
      double correct = 0;
      if (classify) {
        NDArray truth = y;
        if (y.getDataType() != DataType.INT64) {
          truth = y.toType(DataType.INT64, false);
          truth.attach(held);
        }
        correct = NDArrays.concat(scores).argMax(1).eq(truth).countNonzero().getLong();
      }
      return new double[] {lossSum, correct};
    } finally {
      NoGrad.restore(recording);
    }
  }

  static NodeException diverged(NodeContext ctx, int epoch, int batch, double lr) {
    return new NodeException(
        NodeException.Kind.DIVERGED,
        ctx.nodeId(),
        null,
        LEARNING_RATE_PARAM,
        "Training became unstable in epoch "
            + epoch
            + ", batch "
            + batch
            + ": the loss is no longer a number (NaN or infinite).",
        "The learning rate (" + lr + ") is probably too high; try 10× smaller (" + lr / 10 + ").",
        null);
  }

  static long[] permutation(long n, Random random) {
    long[] order = new long[(int) n];
    for (int i = 0; i < order.length; i++) {
      order[i] = i;
    }
    for (int i = order.length - 1; i > 0; i--) {
      int j = random.nextInt(i + 1);
      long t = order[i];
      order[i] = order[j];
      order[j] = t;
    }
    return order;
  }

  static long[] batchShape(long rows, Encoded e) {
    long[] s = new long[e.exampleShape().size() + 1];
    s[0] = rows;
    for (int i = 0; i < e.exampleShape().size(); i++) {
      s[i + 1] = e.exampleShape().get(i);
    }
    return s;
  }

  static Loss loss(TrainConfig.Loss loss) {
    return loss == TrainConfig.Loss.L2 ? Loss.l2Loss() : Loss.softmaxCrossEntropyLoss();
  }

  static Optimizer optimizer(TrainConfig c) {
    Tracker lr = Tracker.fixed((float) c.learningRate());
    float decay = (float) c.weightDecay();
    if (c.optimizer() == TrainConfig.Optimizer.SGD) {
      return Optimizer.sgd().setLearningRateTracker(lr).optWeightDecays(decay).build();
    }
    return new FusedAdam((float) c.learningRate(), decay);
  }

  static byte[] save(Model model) {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    try (DataOutputStream out = new DataOutputStream(bytes)) {
      model.getBlock().saveParameters(out);
    } catch (IOException e) {
      throw new IllegalStateException("could not snapshot the weights", e);
    }
    return bytes.toByteArray();
  }

  private static void restore(Model model, byte[] weights) {
    try (DataInputStream in = new DataInputStream(new ByteArrayInputStream(weights))) {
      model.getBlock().loadParameters(model.getNDManager(), in);
    } catch (IOException | MalformedModelException e) {
      throw new IllegalStateException("could not restore the best weights", e);
    }
  }

  /** Collects per-epoch values and streams each as a metric. */
  private static final class Curves {
    private final java.util.Map<String, List<Double>> values = new java.util.LinkedHashMap<>();

    Curves(boolean classify, boolean validate) {
      values.put("train loss", new ArrayList<>());
      if (validate) {
        values.put("validation loss", new ArrayList<>());
      }
      if (classify) {
        values.put("train accuracy", new ArrayList<>());
        if (validate) {
          values.put("validation accuracy", new ArrayList<>());
        }
      }
    }

    void add(String name, int epoch, double value, NodeContext ctx) {
      values.get(name).add(value);
      ctx.metric(name, epoch, value);
    }

    List<Curve> build() {
      return values.entrySet().stream().map(e -> new Curve(e.getKey(), e.getValue())).toList();
    }
  }
}
