package dev.blocksmith.nodes.train;

import ai.djl.Model;
import ai.djl.engine.Engine;
import dev.blocksmith.engine.djl.TrainConfig;
import dev.blocksmith.engine.djl.TrainingLoop;
import dev.blocksmith.engine.model.ArchSpec;
import dev.blocksmith.engine.model.Architectures;
import dev.blocksmith.engine.model.Preprocessing;
import dev.blocksmith.engine.model.Provenance;
import dev.blocksmith.engine.model.TrainedModel;
import dev.blocksmith.engine.spi.NodeContext;
import dev.blocksmith.engine.spi.NodeException;
import dev.blocksmith.engine.value.Curve;
import java.util.List;

/** Trains one network on encoded parts and captures it as a plain-Java {@link TrainedModel}. */
final class Fitting {
  private Fitting() {}

  /**
   * One trained candidate.
   *
   * @param model the trained model (best weights)
   * @param result epochs run, best epoch and curves
   * @param steps optimisation steps per epoch
   * @param config the settings it was trained with
   */
  record Fitted(TrainedModel model, TrainingLoop.Result result, int steps, TrainConfig config) {
    /** Returns the lowest validation loss seen (the score the weights were kept for), or NaN. */
    double validationLoss() {
      return curveAtBest("validation loss");
    }

    /** Returns the validation accuracy of the kept epoch, or NaN when there is none. */
    double validationAccuracy() {
      return curveAtBest("validation accuracy");
    }

    private double curveAtBest(String name) {
      for (Curve c : result.history()) {
        if (c.name().equals(name)
            && result.bestEpoch() >= 1
            && result.bestEpoch() <= c.values().size()) {
          return c.values().get(result.bestEpoch() - 1);
        }
      }
      return Double.NaN;
    }
  }

  /** Returns the trained model for {@code arch} trained with {@code config}. */
  static Fitted fit(
      ArchSpec arch,
      Preprocessing pre,
      Preprocessing.Encoded tr,
      Preprocessing.Encoded va,
      TrainConfig config,
      String settings,
      NodeContext ctx)
      throws NodeException {
    return fit(arch, pre, tr, va, config, settings, ctx, null);
  }

  /**
   * Returns the trained model for {@code arch}, drawing each epoch's training features from {@code
   * epochFeatures} (augmented pictures) when it is not null.
   */
  static Fitted fit(
      ArchSpec arch,
      Preprocessing pre,
      Preprocessing.Encoded tr,
      Preprocessing.Encoded va,
      TrainConfig config,
      String settings,
      NodeContext ctx,
      java.util.function.IntFunction<float[]> epochFeatures)
      throws NodeException {
    try (Model model = Model.newInstance(ctx.nodeId(), ctx.device())) {
      model.setBlock(Architectures.build(arch));
      TrainingLoop.Result r = TrainingLoop.run(model, tr, va, config, ctx, epochFeatures);
      Provenance provenance =
          new Provenance(
              ctx.seed(),
              ctx.device().toString(),
              Engine.getDjlVersion(),
              Engine.getInstance().getVersion(),
              tr.fingerprint(),
              r.epochsRun(),
              r.bestEpoch(),
              null,
              settings);
      TrainedModel trained =
          TrainedModel.capture(arch, model.getBlock(), pre, r.history(), provenance);
      return new Fitted(trained, r, stepsPerEpoch(tr.rows(), config.batchSize()), config);
    }
  }

  /** Returns the optimisation steps in one epoch. */
  static int stepsPerEpoch(int rows, int batchSize) {
    return Math.max(1, (rows + batchSize - 1) / batchSize);
  }

  /** At most this many points of each curve are replayed, so the editor gets no burst. */
  static final int REPLAY_POINTS = 100;

  /**
   * Sends the curves of a model trained quietly as metric events: at most {@link #REPLAY_POINTS}
   * evenly spaced epochs of each (always the last), numbered by their epoch. The model keeps every
   * value; a burst of thousands of events at once stalled the editor's event thread for a second.
   */
  static void replayCurves(List<Curve> curves, NodeContext ctx) {
    for (Curve c : curves) {
      int n = c.values().size();
      int stride = Math.max(1, (n + REPLAY_POINTS - 1) / REPLAY_POINTS);
      for (int i = 0; i < n; i++) {
        if (i % stride == 0 || i == n - 1) {
          ctx.metric(c.name(), i + 1, c.values().get(i));
        }
      }
    }
  }
}
