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
 * @param charts further charts (feature importance, ROC curve, data charts), may be empty
 * @param examples examples the model got wrong (or right), for each confusion-matrix cell
 * @param binary for two-class models, the counts at every decision threshold, or null
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
    List<Report> parts,
    List<Chart> charts,
    List<Example> examples,
    Binary binary)
    implements Value {

  /** A report without charts, examples or threshold counts. */
  public Report(
      String title,
      String task,
      Map<String, Double> metrics,
      List<String> classNames,
      int[][] confusion,
      List<ClassScores> perClass,
      List<Curve> curves,
      List<Finding> findings,
      List<Report> parts) {
    this(
        title,
        task,
        metrics,
        classNames,
        confusion,
        perClass,
        curves,
        findings,
        parts,
        List.of(),
        List.of(),
        null);
  }

  /**
   * One scored example, so that a confusion-matrix cell can show its rows or pictures.
   *
   * @param row the example's position in the scored data (0-based)
   * @param actual the true class index
   * @param predicted the predicted class index
   * @param confidence the model's probability for its predicted class
   * @param values for table rows, "column = value" pairs in column order (empty for pictures)
   * @param source for pictures, where the picture came from (empty for table rows)
   * @param picture for pictures, the picture itself, or null
   */
  public record Example(
      int row,
      int actual,
      int predicted,
      double confidence,
      List<String> values,
      String source,
      Picture picture) {

    /** Copies the values. */
    public Example {
      values = values == null ? List.of() : List.copyOf(values);
      source = source == null ? "" : source;
    }
  }

  /**
   * The counts of a two-class model at each decision threshold: an example counts as positive when
   * the model's probability for the positive class is at least the threshold.
   *
   * @param positive the positive class
   * @param negative the other class
   * @param thresholds the thresholds, rising from 0 to 1
   * @param tp positives found, per threshold
   * @param fp negatives wrongly called positive, per threshold
   * @param tn negatives rightly called negative, per threshold
   * @param fn positives missed, per threshold
   * @param rocAuc area under the ROC curve
   * @param prAuc area under the precision–recall curve (average precision)
   */
  public record Binary(
      String positive,
      String negative,
      double[] thresholds,
      int[] tp,
      int[] fp,
      int[] tn,
      int[] fn,
      double rocAuc,
      double prAuc) {

    /** Checks the lengths and copies the arrays. */
    public Binary {
      int n = thresholds.length;
      if (tp.length != n || fp.length != n || tn.length != n || fn.length != n) {
        throw new IllegalArgumentException("one count of each kind per threshold");
      }
      thresholds = thresholds.clone();
      tp = tp.clone();
      fp = fp.clone();
      tn = tn.clone();
      fn = fn.clone();
    }

    /** Returns the index of the threshold closest to {@code t}. */
    public int indexOf(double t) {
      int best = 0;
      for (int i = 1; i < thresholds.length; i++) {
        if (Math.abs(thresholds[i] - t) < Math.abs(thresholds[best] - t)) {
          best = i;
        }
      }
      return best;
    }
  }

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
    charts = charts == null ? List.of() : List.copyOf(charts);
    examples = examples == null ? List.of() : List.copyOf(examples);
  }

  /** Returns a copy with these charts, examples and threshold counts added. */
  public Report with(List<Chart> moreCharts, List<Example> moreExamples, Binary newBinary) {
    List<Chart> c = new java.util.ArrayList<>(charts);
    c.addAll(moreCharts);
    List<Example> e = new java.util.ArrayList<>(examples);
    e.addAll(moreExamples);
    return new Report(
        title,
        task,
        metrics,
        classNames,
        confusion,
        perClass,
        curves,
        findings,
        parts,
        c,
        e,
        newBinary == null ? binary : newBinary);
  }

  /** Returns a copy with these findings instead. */
  public Report withFindings(List<Finding> newFindings) {
    return new Report(
        title,
        task,
        metrics,
        classNames,
        confusion,
        perClass,
        curves,
        newFindings,
        parts,
        charts,
        examples,
        binary);
  }

  /** Returns a copy with these metrics instead. */
  public Report withMetrics(Map<String, Double> newMetrics) {
    return new Report(
        title,
        task,
        newMetrics,
        classNames,
        confusion,
        perClass,
        curves,
        findings,
        parts,
        charts,
        examples,
        binary);
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
      return String.format(
          Locale.ROOT, "%,.0f → %,.0f rows", metrics.get("rows before"), metrics.get("rows after"));
    }
    if ("explanation".equals(task) && !charts.isEmpty() && !charts.get(0).categories().isEmpty()) {
      return "leans most on " + charts.get(0).categories().get(0);
    }
    if (!parts.isEmpty()) {
      return parts.stream().map(Report::headline).reduce((a, b) -> a + " | " + b).orElse("");
    }
    if (metrics.isEmpty()) {
      return findings.isEmpty() ? title : findings.get(0).title();
    }
    return metrics.entrySet().iterator().next().getKey()
        + " "
        + String.format(Locale.ROOT, "%.4g", metrics.values().iterator().next());
  }
}
