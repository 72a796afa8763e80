package dev.blocksmith.nodes.evaluate;

import dev.blocksmith.engine.value.Finding;
import dev.blocksmith.engine.value.Finding.Level;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Coach rule: a score measured on few examples is uncertain. Uses the 95 % range that {@link
 * ScoreRanges} added to the metrics, so a perfect score on 12 examples reads "likely between 76 %
 * and 100 %", never "0 points off".
 */
final class UncertaintyRule {
  /** An accuracy range wider than this (in fraction points) is too uncertain to trust. */
  static final double WIDE_ACCURACY = 0.15;

  /** An R² range wider than this is too uncertain to trust. */
  static final double WIDE_R2 = 0.2;

  private UncertaintyRule() {}

  /** Returns a warning when the score's 95 % range is wide, else nothing. */
  static List<Finding> check(Map<String, Double> metrics, int rows) {
    String key = metrics.containsKey("accuracy") ? "accuracy" : "r2";
    Double value = metrics.get(key);
    Double low = metrics.get(ScoreRanges.low(key));
    Double high = metrics.get(ScoreRanges.high(key));
    if (value == null || low == null || high == null) {
      return List.of();
    }
    boolean accuracy = key.equals("accuracy");
    if (high - low <= (accuracy ? WIDE_ACCURACY : WIDE_R2)) {
      return List.of();
    }
    String range =
        accuracy
            ? String.format(
                Locale.ROOT,
                "accuracy %.1f %%, but with only %d test examples the true "
                    + "accuracy is likely (95 %%) anywhere between %.0f %% and %.0f %%",
                value * 100,
                rows,
                low * 100,
                high * 100)
            : String.format(
                Locale.ROOT,
                "R² %.2f, but with only %d test examples the true R² is "
                    + "likely (95 %%) anywhere between %.2f and %.2f",
                value,
                rows,
                low,
                high);
    return List.of(
        new Finding(
            Level.WARNING,
            "Too few test examples to trust this score",
            "The model scored " + range + ". Another split could give a very different number.",
            "Judge on more examples: use cross-validation in Train (Cross-validation folds: 5), a "
                + "larger test share in Split, or more data."));
  }
}
