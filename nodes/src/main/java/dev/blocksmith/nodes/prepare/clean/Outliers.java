package dev.blocksmith.nodes.prepare.clean;

import dev.blocksmith.engine.value.NumberColumn;
import java.util.Arrays;
import org.apache.commons.statistics.descriptive.Mean;
import org.apache.commons.statistics.descriptive.Quantile;
import org.apache.commons.statistics.descriptive.StandardDeviation;

/**
 * The range outside which a number counts as an outlier, by the IQR rule (Tukey's fences: more than
 * k interquartile ranges beyond the quartiles) or the z-score rule (more than z standard deviations
 * from the mean).
 *
 * @param low smallest normal value
 * @param high largest normal value
 * @param rule how the range was found, in words
 */
public record Outliers(double low, double high, String rule) {

  /** Returns the IQR fences of a column's present values, or null when it has too few values. */
  public static Outliers iqr(NumberColumn c, double k) {
    double[] v = present(c);
    if (v.length < 4) {
      return null;
    }
    double[] q = Quantile.withDefaults().evaluate(v, 0.25, 0.75);
    double spread = q[1] - q[0];
    return new Outliers(
        q[0] - k * spread,
        q[1] + k * spread,
        "more than " + k + " interquartile ranges outside the middle half");
  }

  /** Returns the z-score range of a column's present values, or null when it has too few values. */
  public static Outliers zScore(NumberColumn c, double z) {
    double[] v = present(c);
    if (v.length < 4) {
      return null;
    }
    double mean = Mean.of(v).getAsDouble();
    double std = StandardDeviation.of(v).getAsDouble();
    return new Outliers(
        mean - z * std, mean + z * std, "more than " + z + " standard deviations from the mean");
  }

  /** Returns whether a (present) value lies outside the range. */
  public boolean isOutlier(double v) {
    return v < low || v > high;
  }

  /** Returns the value moved to the nearest end of the range. */
  public double clip(double v) {
    return Math.max(low, Math.min(high, v));
  }

  private static double[] present(NumberColumn c) {
    return Arrays.stream(c.toArray()).filter(d -> !Double.isNaN(d)).toArray();
  }
}
