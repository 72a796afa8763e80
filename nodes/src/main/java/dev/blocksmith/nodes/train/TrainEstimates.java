package dev.blocksmith.nodes.train;

import ai.djl.Model;
import dev.blocksmith.engine.djl.MemoryLimits;
import dev.blocksmith.engine.djl.TrainConfig;
import dev.blocksmith.engine.djl.TrainingProbe;
import dev.blocksmith.engine.model.ArchSpec;
import dev.blocksmith.engine.model.Architectures;
import dev.blocksmith.engine.model.Preprocessing;
import dev.blocksmith.engine.spi.Estimate;
import dev.blocksmith.engine.spi.NodeContext;
import dev.blocksmith.engine.spi.NodeException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The arithmetic of the training blocks' estimates: memory from the architecture and the data, and
 * time from a {@link TrainingProbe} extrapolated by steps × epochs, with the range that early
 * stopping and the automatic search's time limit leave open.
 */
final class TrainEstimates {
  private TrainEstimates() {}

  /**
   * One training's estimate.
   *
   * @param arch the network
   * @param parameters its weights and biases (DJL's count when probed)
   * @param trainable the ones that learn
   * @param memory what it needs at once
   * @param low seconds when early stopping ends it at its first chance
   * @param expected seconds expected
   * @param high seconds when every epoch runs
   * @param steps optimisation steps at most
   * @param timing the probe, or null when it did not run
   * @param epochs epochs at most
   * @param minEpochs epochs at least
   */
  record Fit(
      ArchSpec arch,
      long parameters,
      long trainable,
      Estimate.Memory memory,
      double low,
      double expected,
      double high,
      long steps,
      TrainingProbe.Timing timing,
      int epochs,
      int minEpochs) {}

  /** Returns the memory a training of {@code arch} with {@code config} needs. */
  static Estimate.Memory memory(
      ArchSpec arch,
      long parameters,
      long trainable,
      TrainConfig config,
      long trainRows,
      long validationRows) {
    long weights = 4 * parameters;
    long optimizer = 4 * trainable * (config.optimizer() == TrainConfig.Optimizer.ADAM ? 3 : 1);
    long batch = Math.min(config.batchSize(), Math.max(1, trainRows));
    long activations = (long) (2 * 4 * batch * arch.activationsPerExample());
    long example = 4L * (arch.exampleSize() + 1);
    // Resident examples plus room for one more copy of the training part: augmented pictures are
    // drawn afresh every epoch (without augmentation the batches are gathered from the one copy).
    long data = example * (2 * trainRows + validationRows);
    long heap = example * (trainRows + validationRows) + 2 * weights;
    return new Estimate.Memory(weights, optimizer, activations, data, heap);
  }

  /**
   * Returns the estimate of one training, timed with a probe of at most {@code probeSeconds} unless
   * it would not fit in memory.
   */
  static Fit fit(
      ArchSpec arch,
      Preprocessing.Encoded tr,
      Preprocessing.Encoded va,
      TrainConfig config,
      NodeContext ctx,
      double probeSeconds)
      throws NodeException {
    return fit(arch, tr, va, config, ctx, probeSeconds, MemoryLimits.current(ctx.device()));
  }

  /** Returns the estimate of one training on a machine with these limits. */
  static Fit fit(
      ArchSpec arch,
      Preprocessing.Encoded tr,
      Preprocessing.Encoded va,
      TrainConfig config,
      NodeContext ctx,
      double probeSeconds,
      MemoryLimits limits)
      throws NodeException {
    long parameters = arch.parameterCount();
    Estimate.Memory memory =
        memory(arch, parameters, parameters, config, tr.rows(), va == null ? 0 : va.rows());
    TrainingProbe.Timing timing = null;
    if (limits.check(memory).isEmpty()) {
      try (Model model = Model.newInstance(ctx.nodeId() + "-probe", ctx.device())) {
        model.setBlock(Architectures.build(arch));
        timing = TrainingProbe.run(model, tr, va, config, ctx, probeSeconds, 200);
      }
      parameters = timing.parameters();
    }
    return of(arch, parameters, parameters, memory, tr, va, config, timing);
  }

  /** Returns whether {@code memory} fits this machine, so the probe may allocate it. */
  static boolean fits(Estimate.Memory memory, NodeContext ctx) {
    return MemoryLimits.current(ctx.device()).check(memory).isEmpty();
  }

  /** Returns the estimate of one training from its probe (null: not timed). */
  static Fit of(
      ArchSpec arch,
      long parameters,
      long trainable,
      Estimate.Memory memory,
      Preprocessing.Encoded tr,
      Preprocessing.Encoded va,
      TrainConfig config,
      TrainingProbe.Timing timing) {
    int steps = Fitting.stepsPerEpoch(tr.rows(), config.batchSize());
    int epochs = config.epochs();
    boolean canStop = config.patience() > 0;
    int first = canStop ? Math.min(epochs, config.patienceEpochs(steps) + 1) : epochs;
    int expectedEpochs = expectedEpochs(first, epochs, va != null && va.rows() > 0);
    double low = Double.NaN;
    double expected = Double.NaN;
    double high = Double.NaN;
    if (timing != null) {
      low = timing.training(first, steps);
      expected = timing.training(expectedEpochs, steps);
      high = timing.training(epochs, steps);
    }
    return new Fit(
        arch,
        parameters,
        trainable,
        memory,
        low,
        expected,
        high,
        (long) steps * epochs,
        timing,
        epochs,
        first);
  }

  /**
   * Returns the epochs expected when early stopping may end a training between {@code first} and
   * {@code epochs}: halfway between them in steps (see BENCHMARKS.md: on the example graphs the
   * stop came anywhere in that range, so the middle keeps the error below 2× either way).
   */
  static int expectedEpochs(int first, int epochs, boolean validated) {
    if (first >= epochs) {
      return epochs;
    }
    return validated ? (first + epochs + 1) / 2 : epochs;
  }

  /** Returns an estimate of one block from one training. */
  static Estimate single(String nodeId, Fit f, int trainRows, int validationRows, String how) {
    List<String> notes = new ArrayList<>();
    notes.add(how);
    if (f.timing() != null) {
      notes.add(timed(f.timing()));
    } else {
      notes.add("Not timed: a trial run would not fit in memory.");
    }
    if (f.minEpochs() < f.epochs()) {
      notes.add(
          String.format(
              Locale.ROOT,
              "Early stopping may end it after epoch %d at the earliest; the estimate assumes"
                  + " about %d of the %d epochs.",
              f.minEpochs(),
              expectedEpochs(f.minEpochs(), f.epochs(), validationRows > 0),
              f.epochs()));
    }
    return new Estimate(
        nodeId,
        f.arch().describe(),
        trainRows,
        validationRows,
        f.parameters(),
        f.trainable(),
        f.memory(),
        time(f.low(), f.expected(), f.high(), f.steps(), f.timing()),
        notes,
        List.of());
  }

  /** Returns a time record. */
  static Estimate.Time time(
      double low, double expected, double high, long steps, TrainingProbe.Timing t) {
    return t == null
        ? Estimate.Time.unknown(steps)
        : new Estimate.Time(low, expected, high, steps, t.perStep(), t.steps(), t.seconds());
  }

  /** Returns "Timed 40 training steps: 1.2 ms each, 30 ms per epoch for shuffling and checks." */
  static String timed(TrainingProbe.Timing t) {
    return String.format(
        Locale.ROOT,
        "Timed %d training steps on the real data: %s each, plus %s per epoch for shuffling,"
            + " validating and keeping the best weights.",
        t.steps() + 1,
        duration(t.perStep()),
        duration(t.perEpoch()));
  }

  /** Returns a short duration: "0.8 ms", "12 ms", "1.4 s". */
  static String duration(double seconds) {
    if (seconds < 0.01) {
      return String.format(Locale.ROOT, "%.2f ms", seconds * 1e3);
    }
    if (seconds < 1) {
      return String.format(Locale.ROOT, "%.0f ms", seconds * 1e3);
    }
    return String.format(Locale.ROOT, "%.1f s", seconds);
  }

  /**
   * Returns {@code e} with the cost of cross-validation added: {@code folds} more trainings of
   * {@code oneTraining} seconds each on (folds − 1)/folds of the rows, without validation.
   */
  static Estimate withFolds(Estimate e, int folds, double oneTraining) {
    double extra = folds * oneTraining * (folds - 1) / folds;
    Estimate.Time t = e.time();
    List<String> notes = new ArrayList<>(e.notes());
    notes.add(
        String.format(
            Locale.ROOT,
            "Cross-validation adds %d trainings of the chosen settings (about %s).",
            folds,
            t.measured() ? duration(extra) : "not timed"));
    return new Estimate(
        e.nodeId(),
        e.model(),
        e.trainRows(),
        e.validationRows(),
        e.parameters(),
        e.trainableParameters(),
        e.memory(),
        new Estimate.Time(
            t.low() + extra,
            t.expected() + extra,
            t.high() + extra,
            t.steps() + (long) (t.steps() * (folds - 1.0)),
            t.secondsPerStep(),
            t.probeSteps(),
            t.probeSeconds()),
        notes,
        e.warnings());
  }
}
