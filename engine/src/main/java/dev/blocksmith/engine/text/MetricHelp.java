package dev.blocksmith.engine.text;

import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * One plain sentence per metric a report shows, for tooltips and the HTML report. Metrics named
 * after a column or a group ("importance of age", "accuracy · sex F") are matched by their prefix;
 * other names fall back to the {@link Glossary}.
 */
public final class MetricHelp {
  private static final Map<String, String> EXACT = new LinkedHashMap<>();
  private static final Map<String, String> PREFIX = new LinkedHashMap<>();

  static {
    EXACT.put("accuracy", "The share of examples the model got right (0.94 = 94 of 100).");
    EXACT.put(
        "macro precision",
        "Precision averaged over the classes, each counting the same: "
            + "of the examples given a class, the share that truly had it.");
    EXACT.put(
        "macro recall",
        "Recall averaged over the classes, each counting the same: of "
            + "the examples of a class, the share the model found.");
    EXACT.put(
        "macro F1",
        "F1 averaged over the classes, each counting the same; a rare class "
            + "the model misses pulls it down even when accuracy looks good.");
    EXACT.put(
        "mae",
        "Mean absolute error: how far off a prediction typically is, in the "
            + "target's own units.");
    EXACT.put(
        "rmse",
        "Root mean squared error: like the typical error, but large misses count " + "more.");
    EXACT.put("r2", "R²: 1 is perfect, 0 is no better than always guessing the average.");
    EXACT.put(
        "ROC AUC",
        "Area under the ROC curve: the chance that a random positive example "
            + "gets a higher score than a random negative one. 0.5 is guessing, 1 is perfect.");
    EXACT.put(
        "PR AUC",
        "Area under the precision–recall curve (average precision): how well "
            + "the model finds the positive class without false alarms. Guessing scores the "
            + "positive share.");
    EXACT.put("size ratio", "How many times smaller the weights are after quantization.");
    EXACT.put("weight bytes before", "Size of the weights before quantization, in bytes.");
    EXACT.put("weight bytes after", "Size of the weights after quantization, in bytes.");
    EXACT.put("rows before", "Rows that came in.");
    EXACT.put("rows after", "Rows that went out.");
    PREFIX.put(
        "importance of ",
        "How much the score drops when this column is shuffled: the "
            + "bigger, the more the model relies on it.");
    PREFIX.put(
        "accuracy before shuffling",
        "The score on these examples with nothing shuffled, "
            + "the baseline for the importances.");
    PREFIX.put(
        "R² before shuffling",
        "The R² on these examples with nothing shuffled, the " + "baseline for the importances.");
    PREFIX.put("accuracy · ", "Accuracy within one group of the sensitive column.");
    PREFIX.put("predicted ", "How often the model gives this answer within one group.");
    PREFIX.put(
        "actual ", "How often this answer was the true one within one group, in the " + "data.");
    PREFIX.put("accuracy before", "Accuracy before the change, for comparison.");
    PREFIX.put("mae before", "Typical error before the change, for comparison.");
    PREFIX.put("missing in ", "How many values of this column are empty.");
    PREFIX.put("correlation ", "How strongly two columns rise and fall together, from -1 to 1.");
  }

  private MetricHelp() {}

  /** Returns every metric name with its help sentence, in the order reports show them. */
  public static Map<String, String> metrics() {
    return java.util.Collections.unmodifiableMap(EXACT);
  }

  /** Returns the help sentence of a metric, or empty when none is known. */
  public static Optional<String> of(String metric) {
    for (String bound : new String[] {", 95 % low", ", 95 % high"}) {
      if (metric.endsWith(bound)) {
        String base = metric.substring(0, metric.length() - bound.length());
        return of(base)
            .map(
                help ->
                    "The "
                        + (bound.contains("low") ? "lower" : "upper")
                        + " end of the 95 % range of \""
                        + base
                        + "\": with this few test examples the true score lies between the two"
                        + " ends 95 times in 100. "
                        + help);
      }
    }
    if (EXACT.containsKey(metric)) {
      return Optional.of(EXACT.get(metric));
    }
    for (Map.Entry<String, String> e : PREFIX.entrySet()) {
      if (metric.startsWith(e.getKey())) {
        return Optional.of(e.getValue());
      }
    }
    return Glossary.explain(metric.toLowerCase(Locale.ROOT));
  }
}
