package dev.blocksmith.nodes.evaluate;

import dev.blocksmith.engine.model.TrainedModel;
import dev.blocksmith.engine.value.Curve;
import dev.blocksmith.engine.value.Finding;
import dev.blocksmith.engine.value.Finding.Level;
import dev.blocksmith.engine.value.Fix;
import java.util.List;
import java.util.Locale;

/**
 * Coach rule: training ended while the model was still improving: the best epoch was the last one
 * and over the last quarter of the epochs the loss still fell by at least 1 % of itself per epoch.
 */
final class StoppedEarlyRule {
  /** Fall of the loss per epoch, relative to the last loss, that counts as still learning. */
  static final double STILL_LEARNING = 0.01;

  private StoppedEarlyRule() {}

  /** Returns a finding that suggests twice the epochs when the loss was still falling. */
  static List<Finding> check(TrainedModel model) {
    List<Double> loss =
        model
            .curve("validation loss")
            .or(() -> model.curve("train loss"))
            .map(Curve::values)
            .orElse(List.of());
    int n = loss.size();
    if (n < 2 || model.provenance().bestEpoch() < n) {
      return List.of();
    }
    int from = Math.max(0, n - 1 - Math.max(1, n / 4));
    double whole = loss.get(0) - loss.get(n - 1);
    double late = loss.get(from) - loss.get(n - 1);
    double perEpoch = late / (n - 1 - from) / Math.abs(loss.get(n - 1));
    if (!(whole > 0) || !(perEpoch >= STILL_LEARNING)) {
      return List.of();
    }
    return List.of(
        new Finding(
            Level.WARNING,
            "Training stopped before it learnt",
            String.format(
                Locale.ROOT,
                "The loss was still falling at the last of %d epochs "
                    + "(by %.1f %% per epoch over the last %d), so the model had more to learn.",
                n,
                100 * perEpoch,
                n - 1 - from),
            "Train for more epochs.",
            Fix.set(
                "train.train",
                "epochs",
                Integer.toString(2 * n),
                "train for " + 2 * n + " epochs")));
  }
}
