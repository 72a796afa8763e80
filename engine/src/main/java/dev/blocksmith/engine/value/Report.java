package dev.blocksmith.engine.value;

import dev.blocksmith.engine.spi.Value;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Scores, charts and findings about a model: renderable in the editor, as text in the CLI, and as a
 * file.
 *
 * @param title what was measured ("Test results")
 * @param task "classification" or "regression"
 * @param metrics headline numbers in order ("accuracy" → 0.94); fractions, not percents
 * @param classNames class names for the confusion matrix and per-class rows (empty for regression)
 * @param confusion rows = true class, columns = predicted class (empty for regression)
 * @param perClass precision, recall, F1 and support per class
 * @param curves training curves
 * @param findings plain-language findings
 * @param parts reports shown side by side (for comparisons), may be empty
 */
public record Report(
    String title,
    String task,
    Map<String, Double> metrics,
    List<String> classNames,
    int[][] confusion,
    List<ClassScores> perClass,
    List<Curve> curves,
    List<Finding> findings,
    List<Report> parts)
    implements Value {

  /**
   * Scores of one class.
   *
   * @param name class name
   * @param precision of the rows predicted as this class, the share that were right
   * @param recall of the rows of this class, the share found
   * @param f1 harmonic mean of precision and recall
   * @param support rows of this class
   */
  public record ClassScores(String name, double precision, double recall, double f1, int support) {}

  /** Copies the collections. */
  public Report {
    metrics = Collections.unmodifiableMap(new LinkedHashMap<>(metrics));
    classNames = List.copyOf(classNames);
    confusion = confusion == null ? new int[0][] : confusion;
    perClass = List.copyOf(perClass);
    curves = List.copyOf(curves);
    findings = List.copyOf(findings);
    parts = List.copyOf(parts);
  }

  @Override
  public String kind() {
    return "report";
  }

  @Override
  public String headline() {
    if (metrics.containsKey("accuracy")) {
      return String.format(Locale.ROOT, "accuracy %.1f %%", metrics.get("accuracy") * 100);
    }
    if (metrics.containsKey("r2")) {
      return String.format(Locale.ROOT, "R² %.3f", metrics.get("r2"));
    }
    if (metrics.containsKey("rows before") && metrics.containsKey("rows after")) {
      return String.format(Locale.ROOT, "%,.0f → %,.0f rows", metrics.get("rows before"),
          metrics.get("rows after"));
    }
    if (!parts.isEmpty()) {
      return parts.stream().map(Report::headline).reduce((a, b) -> a + " | " + b).orElse("");
    }
    if (metrics.isEmpty()) {
      return findings.isEmpty() ? title : findings.get(0).title();
    }
    return metrics.entrySet().iterator().next().getKey() + " "
        + String.format(Locale.ROOT, "%.4g", metrics.values().iterator().next());
  }
}
