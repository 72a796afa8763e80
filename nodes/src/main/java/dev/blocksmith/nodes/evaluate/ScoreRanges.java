package dev.blocksmith.nodes.evaluate;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Random;
import org.apache.commons.statistics.descriptive.Quantile;
import org.apache.commons.statistics.interval.BinomialConfidenceInterval;
import org.apache.commons.statistics.interval.Interval;

/**
 * The uncertainty of scores measured on a limited number of examples: a Wilson interval for
 * accuracy and bootstrap intervals for regression scores, each at 95 %, added to the metrics as
 * "NAME, 95 % low" and "NAME, 95 % high".
 */
final class ScoreRanges {
  /** Bootstrap resamples; enough for stable 2.5 and 97.5 percentiles. */
  static final int RESAMPLES = 1000;

  private ScoreRanges() {}

  /** Returns the key of an interval end: "accuracy, 95 % low". */
  static String low(String metric) {
    return metric + ", 95 % low";
  }

  /** Returns the key of an interval end: "accuracy, 95 % high". */
  static String high(String metric) {
    return metric + ", 95 % high";
  }

  /** Returns the Wilson score interval (95 %) of {@code correct} successes in {@code n} trials. */
  static double[] wilson(int correct, int n) {
    if (n == 0) {
      return new double[] {0, 1};
    }
    Interval ci = BinomialConfidenceInterval.WILSON_SCORE.fromErrorRate(n, correct, 0.05);
    // At 0 or n successes the interval ends exactly at 0 or 1; rounding in the formula can leave
    // 0.9999999999999999, which would read as "not quite certain" beside a perfect score.
    double lo = correct == 0 ? 0 : Math.max(0, ci.getLowerBound());
    double hi = correct == n ? 1 : Math.min(1, ci.getUpperBound());
    return new double[] {lo, hi};
  }

  /** Returns the metrics with the accuracy's Wilson interval added after it. */
  static Map<String, Double> withAccuracyRange(Map<String, Double> metrics, int rows) {
    Double accuracy = metrics.get("accuracy");
    if (accuracy == null) {
      return metrics;
    }
    double[] ci = wilson((int) Math.round(accuracy * rows), rows);
    Map<String, Double> out = new LinkedHashMap<>();
    metrics.forEach(
        (k, v) -> {
          out.put(k, v);
          if (k.equals("accuracy")) {
            out.put(low(k), ci[0]);
            out.put(high(k), ci[1]);
          }
        });
    return out;
  }

  /**
   * Returns the metrics with bootstrap intervals (95 %, percentile method, fixed seed) for R² and
   * the typical error added after each.
   */
  static Map<String, Double> withRegressionRanges(
      Map<String, Double> metrics, double[] truth, double[] predicted) {
    int n = truth.length;
    double[][] samples = new double[2][RESAMPLES];
    Random random = new Random(42);
    double[] t = new double[n];
    double[] p = new double[n];
    for (int s = 0; s < RESAMPLES; s++) {
      for (int i = 0; i < n; i++) {
        int k = random.nextInt(n);
        t[i] = truth[k];
        p[i] = predicted[k];
      }
      Map<String, Double> m = Scores.regression(t, p);
      samples[0][s] = m.get("r2");
      samples[1][s] = m.get("mae");
    }
    Map<String, Double> out = new LinkedHashMap<>();
    // HF6, the (n + 1) p position: the percentile method's usual estimate.
    Quantile percentile = Quantile.withDefaults().with(Quantile.EstimationMethod.HF6);
    metrics.forEach(
        (k, v) -> {
          out.put(k, v);
          int which = k.equals("r2") ? 0 : k.equals("mae") ? 1 : -1;
          if (which >= 0 && n > 1) {
            out.put(low(k), percentile.evaluate(samples[which], 0.025));
            out.put(high(k), percentile.evaluate(samples[which], 0.975));
          }
        });
    return out;
  }
}
