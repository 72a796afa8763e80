package dev.blocksmith.nodes.evaluate;

import dev.blocksmith.engine.value.Chart;
import dev.blocksmith.engine.value.Report.Binary;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * Threshold arithmetic for two-class models: counts at each decision threshold, the ROC and
 * precision–recall curves and the areas under them.
 */
final class TwoClass {
  /** Thresholds from 0 to 1 in steps of this size. */
  static final int STEPS = 100;

  private static final Set<String> POSITIVE =
      Set.of("yes", "true", "1", "approved", "positive", "spam", "sick", "fraud");

  private TwoClass() {}

  /**
   * Returns which of two classes is the positive one: the first when it is named so, else the
   * second.
   */
  static int positiveIndex(List<String> names) {
    return POSITIVE.contains(names.get(0).toLowerCase(Locale.ROOT)) ? 0 : 1;
  }

  /**
   * Returns the counts at thresholds 0, 0.01, …, 1 and both areas.
   *
   * @param positiveScore per example, the model's probability of the positive class
   * @param positive per example, whether it truly is positive
   */
  static Binary of(
      String positiveName, String negativeName, double[] positiveScore, boolean[] positive) {
    int n = STEPS + 1;
    double[] t = new double[n];
    int[] tp = new int[n];
    int[] fp = new int[n];
    int[] tn = new int[n];
    int[] fn = new int[n];
    for (int k = 0; k < n; k++) {
      t[k] = k / (double) STEPS;
      for (int i = 0; i < positiveScore.length; i++) {
        boolean called = positiveScore[i] >= t[k];
        if (positive[i]) {
          tp[k] += called ? 1 : 0;
          fn[k] += called ? 0 : 1;
        } else {
          fp[k] += called ? 1 : 0;
          tn[k] += called ? 0 : 1;
        }
      }
    }
    return new Binary(
        positiveName,
        negativeName,
        t,
        tp,
        fp,
        tn,
        fn,
        rocAuc(positiveScore, positive),
        averagePrecision(positiveScore, positive));
  }

  /**
   * Returns the area under the ROC curve: the chance that a random positive example scores higher
   * than a random negative one (ties count half). NaN when one class is absent.
   */
  static double rocAuc(double[] score, boolean[] positive) {
    Integer[] order = sortedByScore(score);
    double rankSum = 0;
    long pos = 0;
    int i = 0;
    while (i < order.length) {
      int j = i;
      while (j + 1 < order.length && score[order[j + 1]] == score[order[i]]) {
        j++;
      }
      double rank = (i + j) / 2.0 + 1;
      for (int k = i; k <= j; k++) {
        if (positive[order[k]]) {
          rankSum += rank;
          pos++;
        }
      }
      i = j + 1;
    }
    long neg = score.length - pos;
    if (pos == 0 || neg == 0) {
      return Double.NaN;
    }
    return (rankSum - pos * (pos + 1) / 2.0) / ((double) pos * neg);
  }

  /**
   * Returns the average precision: the mean of the precision at each positive example, ranked from
   * the highest score down (tied scores are taken together). NaN without positives.
   */
  static double averagePrecision(double[] score, boolean[] positive) {
    Integer[] order = sortedByScore(score);
    long pos = 0;
    for (boolean p : positive) {
      pos += p ? 1 : 0;
    }
    if (pos == 0) {
      return Double.NaN;
    }
    double sum = 0;
    long seen = 0;
    long found = 0;
    int i = order.length - 1;
    while (i >= 0) {
      int j = i;
      while (j - 1 >= 0 && score[order[j - 1]] == score[order[i]]) {
        j--;
      }
      long newPositives = 0;
      for (int k = j; k <= i; k++) {
        newPositives += positive[order[k]] ? 1 : 0;
      }
      seen += i - j + 1;
      found += newPositives;
      sum += newPositives * (found / (double) seen);
      i = j - 1;
    }
    return sum / pos;
  }

  private static Integer[] sortedByScore(double[] score) {
    Integer[] order = new Integer[score.length];
    for (int i = 0; i < order.length; i++) {
      order[i] = i;
    }
    Arrays.sort(order, (a, b) -> Double.compare(score[a], score[b]));
    return order;
  }

  /** Returns the ROC and precision–recall curves as charts. */
  static List<Chart> charts(Binary b) {
    int n = b.thresholds().length;
    double[] fpr = new double[n];
    double[] tpr = new double[n];
    double[] precision = new double[n];
    for (int k = 0; k < n; k++) {
      int positives = b.tp()[k] + b.fn()[k];
      int negatives = b.fp()[k] + b.tn()[k];
      fpr[k] = negatives == 0 ? 0 : b.fp()[k] / (double) negatives;
      tpr[k] = positives == 0 ? 0 : b.tp()[k] / (double) positives;
      int called = b.tp()[k] + b.fp()[k];
      precision[k] = called == 0 ? 1 : b.tp()[k] / (double) called;
    }
    Chart roc =
        Chart.lines(
            "ROC curve",
            String.format(
                Locale.ROOT,
                "Each point is one decision threshold: how many %s examples "
                    + "are found (up) against how many %s examples are wrongly called %s (right). A "
                    + "curve hugging the top-left corner is good; the diagonal is guessing. The area "
                    + "under it (ROC AUC) is %.3f.",
                b.positive(),
                b.negative(),
                b.positive(),
                b.rocAuc()),
            "false positive rate",
            "true positive rate",
            List.of(
                new Chart.Series("model", fpr, tpr, null),
                new Chart.Series("guessing", new double[] {0, 1}, new double[] {0, 1}, null)));
    Chart pr =
        Chart.lines(
            "Precision–recall curve",
            String.format(
                Locale.ROOT,
                "Each point is one decision threshold: the share of %s "
                    + "examples found (right) against how often a %s answer is right (up). Useful when "
                    + "%s is rare. The area under it (PR AUC) is %.3f.",
                b.positive(),
                b.positive(),
                b.positive(),
                b.prAuc()),
            "recall",
            "precision",
            List.of(new Chart.Series("model", tpr, precision, null)));
    return List.of(roc, pr);
  }
}
