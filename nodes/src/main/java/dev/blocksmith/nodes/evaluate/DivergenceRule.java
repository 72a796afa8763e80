package dev.blocksmith.nodes.evaluate;

import dev.blocksmith.engine.model.TrainedModel;
import dev.blocksmith.engine.value.Curve;
import dev.blocksmith.engine.value.Finding;
import dev.blocksmith.engine.value.Finding.Level;
import java.util.List;
import java.util.Locale;

/**
 * Coach rule: the training loss grew instead of falling, so training diverged (the learning steps
 * are too big). A huge learning rate can blow the loss up to millions without it ever becoming NaN;
 * the model then scores badly, which is not underfitting and is not cured by a higher rate.
 */
final class DivergenceRule {
  private DivergenceRule() {}

  /**
   * Returns whether the training loss shows divergence: it ended above twice its start, or peaked
   * above ten times its start.
   */
  static boolean diverged(TrainedModel model) {
    List<Double> loss = model.curve("train loss").map(Curve::values).orElse(List.of());
    if (loss.size() < 2 || !(loss.get(0) > 0)) {
      return false;
    }
    double first = loss.get(0);
    double last = loss.get(loss.size() - 1);
    double peak = loss.stream().mapToDouble(Double::doubleValue).max().orElse(first);
    return !Double.isFinite(last) || last > 2 * first || peak > 10 * first;
  }

  /** Returns the divergence warning, or nothing when the loss behaved. */
  static List<Finding> check(TrainedModel model) {
    if (!diverged(model)) {
      return List.of();
    }
    List<Double> loss = model.curve("train loss").map(Curve::values).orElseThrow();
    double peak = loss.stream().mapToDouble(Double::doubleValue).max().orElse(0);
    return List.of(
        new Finding(
            Level.WARNING,
            "Training diverged",
            String.format(
                Locale.ROOT,
                "The training loss grew from %.3g to as much as %.3g instead "
                    + "of falling: each learning step overshoots, so the model got worse the longer it "
                    + "trained.",
                loss.get(0),
                peak),
            "Lower the learning rate, 10× at a time (for example from 0.01 to 0.001), or choose the "
                + "Automatic model type."));
  }
}
