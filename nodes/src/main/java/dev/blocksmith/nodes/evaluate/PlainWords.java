package dev.blocksmith.nodes.evaluate;

import dev.blocksmith.engine.value.Finding;
import java.util.Arrays;
import java.util.Locale;
import java.util.Map;

/**
 * Regression scores in plain words: how far off a prediction typically is, in the target's own
 * units and against the range of its values, and what the R² says ("R² 0.45 means …").
 */
final class PlainWords {
  private PlainWords() {}

  /**
   * Returns the finding that explains {@code metrics} (mae, rmse, r2) of predictions of the column
   * {@code target}, whose true values were {@code truth}.
   */
  static Finding regression(Map<String, Double> metrics, String target, double[] truth) {
    double mae = metrics.getOrDefault("mae", Double.NaN);
    double rmse = metrics.getOrDefault("rmse", Double.NaN);
    double r2 = metrics.getOrDefault("r2", Double.NaN);
    double min = Arrays.stream(truth).min().orElse(Double.NaN);
    double max = Arrays.stream(truth).max().orElse(Double.NaN);
    String what = target == null || target.isBlank() ? "the target" : "\"" + target + "\"";
    StringBuilder sb = new StringBuilder();
    sb.append(
        String.format(
            Locale.ROOT,
            "Predictions of %s are off by about %s on average (the typical error, MAE), on "
                + "values that run from %s to %s here.",
            what,
            num(mae),
            num(min),
            num(max)));
    if (!Double.isNaN(rmse) && rmse > 1.5 * mae) {
      sb.append(
          String.format(
              Locale.ROOT,
              " The RMSE (%s) is much larger: a few predictions are far off.",
              num(rmse)));
    }
    sb.append(' ').append(r2Words(r2));
    return new Finding(
        Finding.Level.INFO,
        "In plain words",
        sb.toString(),
        "Judge the typical error against what would matter to you: is being "
            + num(mae)
            + " off good enough?");
  }

  /** Returns what an R² means, in one sentence. */
  static String r2Words(double r2) {
    if (Double.isNaN(r2)) {
      return "";
    }
    String r = String.format(Locale.ROOT, "%.2f", r2);
    if (r2 < 0) {
      return "R² "
          + r
          + " means the model does worse than always guessing the average value: it has "
          + "not learned anything useful yet.";
    }
    String how =
        r2 >= 0.9
            ? "nearly all"
            : r2 >= 0.6 ? "a good part" : r2 >= 0.3 ? "some, but less than half or so," : "little";
    return String.format(
        Locale.ROOT,
        "R² %s means the model accounts for about %.0f %% of how much the value varies from row "
            + "to row (%s of it): 0 would be no better than always guessing the average, 1 "
            + "perfect.",
        r,
        Math.max(0, r2) * 100,
        how);
  }

  private static String num(double v) {
    if (Double.isNaN(v)) {
      return "?";
    }
    double a = Math.abs(v);
    return a >= 100
        ? String.format(Locale.ROOT, "%,.0f", v)
        : String.format(Locale.ROOT, "%.3g", v);
  }
}
