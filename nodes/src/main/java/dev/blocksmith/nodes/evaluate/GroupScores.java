package dev.blocksmith.nodes.evaluate;

import dev.blocksmith.engine.value.Column;
import dev.blocksmith.engine.value.ColumnRole;
import dev.blocksmith.engine.value.Dataset;
import dev.blocksmith.engine.value.Finding;
import dev.blocksmith.engine.value.Table;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Scores per group of a sensitive column (a column with the GROUP role, such as the applicants'
 * group in the loan sample): accuracy and how often each group gets the positive answer. A large
 * gap is a fairness warning: a model trained on biased past decisions repeats the bias.
 */
final class GroupScores {
  /** Gap in positive rates, between the most and least favoured group, that the coach flags. */
  static final double GAP = 0.10;

  private static final Set<String> POSITIVE = Set.of("yes", "true", "1", "approved", "positive");

  private GroupScores() {}

  /**
   * Per-group metrics and findings.
   *
   * @param metrics "accuracy · group A", "predicted yes · group A", "actual yes · group A", … in
   *     group order
   * @param findings a warning when the model's positive rates differ by more than {@link #GAP}; a
   *     note when only the past answers do
   */
  record Result(Map<String, Double> metrics, List<Finding> findings) {}

  /**
   * Returns the per-group scores, or empty when the data has no group column or the task has more
   * than two classes.
   *
   * @param data the scored examples, in order
   * @param labels the encoded label of every example (NaN where unknown: those were not scored)
   * @param predicted the predicted class of every scored example, in order
   * @param classNames the model's classes
   */
  static Optional<Result> of(
      Dataset data, float[] labels, int[] predicted, List<String> classNames) {
    if (!(data instanceof Table t) || classNames.size() != 2) {
      return Optional.empty();
    }
    Optional<Column> group =
        t.columns().stream().filter(c -> t.role(c.name()) == ColumnRole.GROUP).findFirst();
    if (group.isEmpty()) {
      return Optional.empty();
    }
    int positive = POSITIVE.contains(classNames.get(0).toLowerCase(Locale.ROOT)) ? 0 : 1;
    // group → {rows, right, predicted positive, actually positive}
    Map<String, int[]> counts = new LinkedHashMap<>();
    for (int r = 0, k = 0; r < labels.length; r++) {
      if (Float.isNaN(labels[r])) {
        continue;
      }
      String g = group.get().isMissing(r) ? "(missing)" : group.get().format(r);
      int[] c = counts.computeIfAbsent(g, x -> new int[4]);
      c[0]++;
      c[1] += predicted[k] == (int) labels[r] ? 1 : 0;
      c[2] += predicted[k] == positive ? 1 : 0;
      c[3] += (int) labels[r] == positive ? 1 : 0;
      k++;
    }
    String yes = classNames.get(positive);
    Map<String, Double> metrics = new LinkedHashMap<>();
    String most = null;
    String least = null;
    for (Map.Entry<String, int[]> e : counts.entrySet()) {
      int[] c = e.getValue();
      metrics.put("accuracy · " + group.get().name() + " " + e.getKey(), (double) c[1] / c[0]);
      metrics.put(
          "predicted " + yes + " · " + group.get().name() + " " + e.getKey(), (double) c[2] / c[0]);
      metrics.put(
          "actual " + yes + " · " + group.get().name() + " " + e.getKey(), (double) c[3] / c[0]);
      most = most == null || rate(c) > rate(counts.get(most)) ? e.getKey() : most;
      least = least == null || rate(c) < rate(counts.get(least)) ? e.getKey() : least;
    }
    List<Finding> findings = new java.util.ArrayList<>();
    String name = group.get().name();
    String hi =
        counts.keySet().stream()
            .max(java.util.Comparator.comparingDouble(g -> actual(counts.get(g))))
            .orElseThrow();
    String lo =
        counts.keySet().stream()
            .min(java.util.Comparator.comparingDouble(g -> actual(counts.get(g))))
            .orElseThrow();
    int[] a = counts.get(hi);
    int[] b = counts.get(lo);
    if (counts.size() > 1
        && actual(a) - actual(b) > GAP
        && rate(counts.get(most)) - rate(counts.get(least)) <= GAP) {
      findings.add(
          new Finding(
              Finding.Level.INFO,
              "The past answers differ by group",
              String.format(
                  Locale.ROOT,
                  "In the data, %.0f %% of %s %s got \"%s\" but only %.0f %%"
                      + " of %s %s. The model does not learn from the %s column and answers \"%s\""
                      + " for %.0f %% and %.0f %%: it does not repeat that gap.",
                  100 * actual(a),
                  name,
                  hi,
                  yes,
                  100 * actual(b),
                  name,
                  lo,
                  name,
                  yes,
                  100 * rate(a),
                  100 * rate(b)),
              "Ask why the past answers differ. Features that stand in for the group (a postcode, "
                  + "say) can bring the gap back; check the rates again whenever features change."));
    }
    if (counts.size() > 1 && rate(counts.get(most)) - rate(counts.get(least)) > GAP) {
      findings.add(
          new Finding(
              Finding.Level.WARNING,
              "The model treats groups differently",
              String.format(
                  Locale.ROOT,
                  "It answers \"%s\" for %.0f %% of %s %s but only %.0f %% of"
                      + " %s %s. A model learns whatever its past examples did, bias included.",
                  yes,
                  100 * rate(counts.get(most)),
                  group.get().name(),
                  most,
                  100 * rate(counts.get(least)),
                  group.get().name(),
                  least),
              "Check whether the features really justify the gap; compare the rates in the training "
                  + "data itself; if past decisions were unfair, fix the labels or the features that "
                  + "stand in for the group before using this model."));
    }
    return Optional.of(new Result(metrics, findings));
  }

  private static double rate(int[] c) {
    return (double) c[2] / c[0];
  }

  private static double actual(int[] c) {
    return (double) c[3] / c[0];
  }
}
