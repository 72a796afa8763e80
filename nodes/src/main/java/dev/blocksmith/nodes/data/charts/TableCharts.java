package dev.blocksmith.nodes.data.charts;

import dev.blocksmith.engine.value.Chart;
import dev.blocksmith.engine.value.Column;
import dev.blocksmith.engine.value.ColumnRole;
import dev.blocksmith.engine.value.NumberColumn;
import dev.blocksmith.engine.value.Table;
import dev.blocksmith.engine.value.TableSummary;
import dev.blocksmith.engine.value.TableSummary.ColumnSummary;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.apache.commons.statistics.descriptive.Mean;
import org.apache.commons.statistics.descriptive.StandardDeviation;
import org.apache.commons.statistics.descriptive.Variance;

/** Builds the charts of a table as data ({@link Chart}); drawing is left to the viewers. */
public final class TableCharts {
  /** Points drawn at most in a scatter plot. */
  static final int MAX_POINTS = 2000;

  /** Number columns in the correlation matrix at most. */
  static final int MAX_CORRELATED = 20;

  private TableCharts() {}

  /** Returns all charts of the table. */
  public static List<Chart> all(Table t, String x, String y, int histograms) {
    List<Chart> out = new ArrayList<>();
    TableSummary summary = t.summary();
    List<NumberColumn> numbers = new ArrayList<>();
    for (Column c : t.columns()) {
      if (c instanceof NumberColumn n && t.role(c.name()) != ColumnRole.ID) {
        numbers.add(n);
      }
    }
    t.labelColumn().ifPresent(label -> out.add(balance(t, label)));
    out.add(missing(summary));
    scatter(t, numbers, x, y).ifPresent(out::add);
    if (numbers.size() >= 2) {
      out.add(correlations(numbers));
    }
    for (ColumnSummary c : summary.columns()) {
      if (histograms-- <= 0) {
        break;
      }
      if (c.histogram() != null && c.histogram().length > 0 && Double.isFinite(c.min())) {
        out.add(histogram(c));
      }
    }
    return out;
  }

  private static Chart balance(Table t, Column label) {
    Map<String, Integer> counts = new LinkedHashMap<>();
    for (int r = 0; r < t.rowCount(); r++) {
      counts.merge(label.isMissing(r) ? "(missing)" : label.format(r), 1, Integer::sum);
    }
    List<String> names = new ArrayList<>(counts.keySet());
    double[] v = names.stream().mapToDouble(counts::get).toArray();
    return Chart.bars(
        "Class balance",
        "How many examples each answer of \""
            + label.name()
            + "\" has. A class with far fewer examples than the others is hard to learn, and "
            + "accuracy can hide that the model misses it.",
        label.name(),
        "examples",
        names,
        new Chart.Series("examples", null, v, null));
  }

  private static Chart missing(TableSummary summary) {
    List<String> names = new ArrayList<>();
    List<Double> v = new ArrayList<>();
    for (ColumnSummary c : summary.columns()) {
      names.add(c.name());
      v.add(summary.rows() == 0 ? 0 : 100.0 * c.missing() / summary.rows());
    }
    return Chart.bars(
        "Missing values",
        "The share of empty cells in each column, in percent. "
            + "Clean can fill them or drop the rows; a column that is mostly empty is usually "
            + "best left out.",
        "column",
        "missing (%)",
        names,
        new Chart.Series(
            "missing", null, v.stream().mapToDouble(Double::doubleValue).toArray(), null));
  }

  private static java.util.Optional<Chart> scatter(
      Table t, List<NumberColumn> numbers, String x, String y) {
    NumberColumn cx = pick(t, numbers, x, 0);
    NumberColumn cy = pick(t, numbers, y, 1);
    if (cx == null || cy == null) {
      return java.util.Optional.empty();
    }
    Column label = t.labelColumn().orElse(null);
    Map<String, List<double[]>> byClass = new LinkedHashMap<>();
    int step = Math.max(1, t.rowCount() / MAX_POINTS);
    for (int r = 0; r < t.rowCount(); r += step) {
      if (cx.isMissing(r) || cy.isMissing(r)) {
        continue;
      }
      String k =
          label == null || label instanceof NumberColumn
              ? "rows"
              : label.isMissing(r) ? "(missing)" : label.format(r);
      byClass.computeIfAbsent(k, z -> new ArrayList<>()).add(new double[] {cx.get(r), cy.get(r)});
    }
    List<Chart.Series> series = new ArrayList<>();
    byClass.forEach(
        (k, pts) ->
            series.add(
                new Chart.Series(
                    k,
                    pts.stream().mapToDouble(p -> p[0]).toArray(),
                    pts.stream().mapToDouble(p -> p[1]).toArray(),
                    null)));
    return java.util.Optional.of(
        new Chart(
            Chart.Kind.SCATTER,
            "Scatter: " + cx.name() + " against " + cy.name(),
            "One dot per row, coloured by its answer. When the colours form separate clouds, these "
                + "two columns alone already tell the classes apart; when they mix, the model "
                + "needs other columns too.",
            cx.name(),
            cy.name(),
            null,
            series,
            null,
            null));
  }

  private static NumberColumn pick(Table t, List<NumberColumn> numbers, String name, int k) {
    if (!name.isEmpty()) {
      return t.column(name)
          .filter(c -> c instanceof NumberColumn)
          .map(c -> (NumberColumn) c)
          .orElse(null);
    }
    List<NumberColumn> features =
        numbers.stream().filter(n -> t.role(n.name()) == ColumnRole.FEATURE).toList();
    return k < features.size() ? features.get(k) : null;
  }

  private static Chart correlations(List<NumberColumn> numbers) {
    List<NumberColumn> cols = numbers.subList(0, Math.min(MAX_CORRELATED, numbers.size()));
    int n = cols.get(0).size();
    List<Integer> complete = new ArrayList<>();
    for (int r = 0; r < n; r++) {
      final int row = r;
      if (cols.stream().noneMatch(c -> c.isMissing(row))) {
        complete.add(r);
      }
    }
    double[][] m = new double[cols.size()][cols.size()];
    if (complete.size() >= 3) {
      m = pearson(cols, complete);
    }
    for (double[] row : m) {
      for (int j = 0; j < row.length; j++) {
        row[j] = Double.isFinite(row[j]) ? row[j] : 0;
      }
    }
    List<String> names = cols.stream().map(NumberColumn::name).toList();
    return new Chart(
        Chart.Kind.HEATMAP,
        "Correlation matrix",
        String.format(
            Locale.ROOT,
            "How strongly each pair of number columns rises and falls "
                + "together, from -1 (one up, the other down) through 0 (unrelated) to 1 (always "
                + "together), over the %,d rows with no missing value. Two columns near ±1 say the "
                + "same thing.",
            complete.size()),
        "",
        "",
        names,
        null,
        m,
        null);
  }

  /**
   * Pearson's correlation of each pair of columns over the given rows. commons-statistics has no
   * correlation, so it comes from its variance: with each column standardised (mean 0, standard
   * deviation 1), Var(a + b) = 2 + 2 r. A constant column has no correlation (NaN, drawn as 0).
   */
  static double[][] pearson(List<NumberColumn> cols, List<Integer> rows) {
    int k = cols.size();
    int n = rows.size();
    double[][] z = new double[k][n];
    for (int j = 0; j < k; j++) {
      for (int i = 0; i < n; i++) {
        z[j][i] = cols.get(j).get(rows.get(i));
      }
      double mean = Mean.of(z[j]).getAsDouble();
      double sd = StandardDeviation.of(z[j]).getAsDouble();
      for (int i = 0; i < n; i++) {
        z[j][i] = sd > 0 ? (z[j][i] - mean) / sd : Double.NaN;
      }
    }
    double[][] m = new double[k][k];
    double[] sum = new double[n];
    for (int a = 0; a < k; a++) {
      m[a][a] = Double.isNaN(z[a][0]) ? Double.NaN : 1;
      for (int b = a + 1; b < k; b++) {
        for (int i = 0; i < n; i++) {
          sum[i] = z[a][i] + z[b][i];
        }
        double r = Math.max(-1, Math.min(1, Variance.of(sum).getAsDouble() / 2 - 1));
        m[a][b] = r;
        m[b][a] = r;
      }
    }
    return m;
  }

  private static Chart histogram(ColumnSummary c) {
    int bins = c.histogram().length;
    double width = (c.max() - c.min()) / bins;
    List<String> edges = new ArrayList<>();
    for (int b = 0; b < bins; b++) {
      edges.add(String.format(Locale.ROOT, "%.3g", c.min() + b * width));
    }
    double[] v = new double[bins];
    for (int b = 0; b < bins; b++) {
      v[b] = c.histogram()[b];
    }
    return Chart.bars(
        "Histogram of " + c.name(),
        "How many rows fall in each range of \""
            + c.name()
            + "\" (each bar starts at the number below it). Look for values far from "
            + "the rest (outliers) and for a lopsided shape.",
        c.name(),
        "rows",
        edges,
        new Chart.Series("rows", null, v, null));
  }
}
