package dev.blocksmith.engine.djl;

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
import ai.djl.training.optimizer.Optimizer;
import dev.blocksmith.engine.model.Architectures;
import dev.blocksmith.engine.model.Preprocessing.Encoded;
import dev.blocksmith.engine.spi.NodeContext;
import dev.blocksmith.engine.spi.NodeException;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/**
 * Times a few real training steps of a model the way {@link TrainingLoop} runs them (the same
 * {@link BatchRows}, shuffled labels per epoch, forward, backward and update per batch, a
 * validation pass and a copy of the best weights per epoch), so that the time of a whole training
 * can be extrapolated. The model's weights change; it is a throw-away copy, never the model a block
 * outputs.
 */
public final class TrainingProbe {
  /** Timed steps at least, even when they take longer than the time given. */
  static final int MIN_STEPS = 3;

  private TrainingProbe() {}

  /**
   * What the probe measured, in seconds.
   *
   * @param setup creating the trainer, initialising the weights and copying the data in
   * @param firstStep the first step (slower: the engine allocates its buffers)
   * @param perStep one later step, averaged over {@code steps}
   * @param steps the steps timed after the first
   * @param perEpoch what an epoch costs besides its steps: shuffling the data, the validation pass
   *     (over all validation rows) and the copy of the best weights
   * @param parameters the weights and biases DJL allocated
   * @param seconds the wall time of the whole probe
   */
  public record Timing(
      double setup,
      double firstStep,
      double perStep,
      int steps,
      double perEpoch,
      long parameters,
      double seconds) {

    /** Returns the time of a training of {@code epochs} epochs of {@code stepsPerEpoch} steps. */
    public double training(int epochs, int stepsPerEpoch) {
      long steps = (long) epochs * stepsPerEpoch;
      return setup + firstStep + Math.max(0, steps - 1) * perStep + epochs * perEpoch;
    }
  }

  /**
   * Trains {@code model} (its block set, not yet initialised) for a few batches and returns the
   * timing.
   *
   * @param maxSeconds stop timing steps after this long (at least {@link #MIN_STEPS} are timed)
   * @param maxSteps time at most this many steps
   */
  public static Timing run(
      Model model,
      Encoded train,
      Encoded validation,
      TrainConfig config,
      NodeContext ctx,
      double maxSeconds,
      int maxSteps)
      throws NodeException {
    long t0 = System.nanoTime();
    Engine.getInstance().setRandomSeed((int) config.seed());
    Optimizer optimizer = TrainingLoop.optimizer(config);
    DefaultTrainingConfig tc =
        new DefaultTrainingConfig(TrainingLoop.loss(config.loss()))
            .optOptimizer(optimizer)
            .optDevices(new ai.djl.Device[] {ctx.device()});
    try (Trainer trainer = model.newTrainer(tc);
        NDManager data = ctx.manager().newSubManager(ctx.device())) {
      trainer.initialize(new Shape(TrainingLoop.batchShape(1, train)));
      long parameters = 0;
      for (var p : model.getBlock().getParameters()) {
        parameters += p.getValue().getArray().getShape().size();
      }
      int batch = config.batchSize();
      BatchRows rows = new BatchRows(data, train);
      NDArray y = data.create(train.labels());
      y.get(0).toFloatArray(); // the copies are done (a GPU works asynchronously)
      long t1 = System.nanoTime();
      int n = train.rows();
      int batches = (n + batch - 1) / batch;
      double epochCost;
      try (NDManager epoch = data.newSubManager()) {
        long g0 = System.nanoTime();
        // As TrainingLoop: the labels are shuffled once an epoch, each batch's features gathered.
        long[] order = TrainingLoop.permutation(n, new Random(config.seed()));
        rows.epoch(epoch, train.features(), order);
        NDArray ys = y.get(epoch.create(order));
        ys.attach(epoch);
        ys.get(n - 1).toFloatArray();
        epochCost = (System.nanoTime() - g0) / 1e9;
        long s0 = System.nanoTime();
        step(trainer, optimizer, rows, ys, 0, batch, n, config.learningRate(), ctx);
        long s1 = System.nanoTime();
        // Steps are timed one by one; the rate is taken over the second half, since the engine's
        // allocator and kernels may still be warming up during the first few (the first bench
        // round over-estimated every CNN graph by about 2x with the mean of all steps).
        List<Long> times = new ArrayList<>();
        long s2 = s1;
        while (times.size() < MIN_STEPS
            || (times.size() < maxSteps && (s2 - s1) / 1e9 < maxSeconds)) {
          long a = System.nanoTime();
          step(
              trainer,
              optimizer,
              rows,
              ys,
              (times.size() + 1) % batches,
              batch,
              n,
              config.learningRate(),
              ctx);
          s2 = System.nanoTime();
          times.add(s2 - a);
        }
        int timed = times.size();
        double first = (s1 - s0) / 1e9;
        List<Long> steady = times.subList(timed / 2, timed);
        double perStep = steady.stream().mapToLong(Long::longValue).sum() / 1e9 / steady.size();
        epochCost += validation(trainer, validation, config, data);
        if (config.patience() > 0) {
          long c0 = System.nanoTime();
          TrainingLoop.save(model);
          epochCost += (System.nanoTime() - c0) / 1e9;
        }
        return new Timing(
            (t1 - t0) / 1e9,
            first,
            perStep,
            timed,
            epochCost,
            parameters,
            (System.nanoTime() - t0) / 1e9);
      }
    }
  }

  private static void step(
      Trainer trainer,
      Optimizer optimizer,
      BatchRows rows,
      NDArray ys,
      int b,
      int batch,
      int n,
      double lr,
      NodeContext ctx)
      throws NodeException {
    ctx.checkCancelled();
    int from = b * batch;
    int to = Math.min(n, from + batch);
    try (NDManager m = ys.getManager().newSubManager()) {
      NDArray bx = rows.batch(m, from, to);
      NDArray by = ys.get(new NDIndex().addSliceDim(from, to));
      by.attach(m);
      NDArray loss;
      try (GradientCollector gc = trainer.newGradientCollector()) {
        NDList pred = trainer.forward(new NDList(Architectures.batchLayout(bx)));
        loss = trainer.getLoss().evaluate(new NDList(by), pred);
        gc.backward(loss);
      }
      TrainingLoop.step(trainer, optimizer);
      float value = loss.getFloat(); // waits for the step (GPUs work asynchronously)
      if (!Float.isFinite(value)) {
        throw TrainingLoop.diverged(ctx, 1, b + 1, lr);
      }
    }
  }

  /** Returns the seconds of one validation pass over all validation rows (timed on up to 2,048). */
  private static double validation(
      Trainer trainer, Encoded validation, TrainConfig config, NDManager data) {
    if (validation == null || validation.rows() == 0) {
      return 0;
    }
    int rows = Math.min(validation.rows(), Math.max(config.batchSize(), 2048));
    int size = validation.exampleSize();
    float[] part = java.util.Arrays.copyOf(validation.features(), rows * size);
    float[] labels = java.util.Arrays.copyOf(validation.labels(), rows);
    try (NDManager m = data.newSubManager()) {
      NDArray vx = m.create(part, new Shape(TrainingLoop.batchShape(rows, validation)));
      NDArray vy = m.create(labels);
      long v0 = System.nanoTime();
      TrainingLoop.evaluate(
          trainer,
          vx,
          vy,
          config.batchSize(),
          config.loss() == TrainConfig.Loss.SOFTMAX_CROSS_ENTROPY);
      return (System.nanoTime() - v0) / 1e9 * validation.rows() / rows;
    }
  }
}
