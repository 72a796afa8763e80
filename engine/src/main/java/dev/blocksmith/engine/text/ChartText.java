package dev.blocksmith.engine.text;

import dev.blocksmith.engine.value.Chart;
import dev.blocksmith.engine.value.Picture;
import dev.blocksmith.engine.value.Report;
import java.util.List;
import java.util.Locale;

/** Renders a report's charts, threshold counts and examples as plain text for the CLI. */
final class ChartText {
  private static final int BAR_WIDTH = 30;

  private ChartText() {}

  /** Appends a chart: bars as a grid with a text bar, other kinds in brief. */
  static void append(StringBuilder sb, Chart c, String in) {
    sb.append(in).append(c.title()).append(":\n");
    switch (c.kind()) {
      case BAR -> bars(sb, c, in + "  ");
      case PICTURES -> {
        for (Picture p : c.pictures()) {
          sb.append(in)
              .append("  ")
              .append(p.caption())
              .append(" (")
              .append(p.width())
              .append('×')
              .append(p.height())
              .append(")\n");
        }
        sb.append(in).append("  (the maps are drawn in the editor and the HTML report)\n");
      }
      case HEATMAP -> heatmap(sb, c, in + "  ");
      default -> {
        Grid g = new Grid();
        for (Chart.Series s : c.series()) {
          g.row(s.name(), s.y().length + " points");
        }
        g.appendTo(sb, in + "  ");
      }
    }
  }

  private static void bars(StringBuilder sb, Chart c, String in) {
    if (c.series().isEmpty()) {
      return;
    }
    Chart.Series s = c.series().get(0);
    double max = 0;
    for (double v : s.y()) {
      max = Math.max(max, Math.abs(v));
    }
    Grid g = new Grid();
    for (int i = 0; i < s.y().length; i++) {
      String name = i < c.categories().size() ? c.categories().get(i) : Integer.toString(i);
      String err =
          s.error().length == 0 ? "" : "± " + String.format(Locale.ROOT, "%.3g", s.error()[i]);
      int len = max == 0 ? 0 : (int) Math.round(Math.max(0, s.y()[i]) / max * BAR_WIDTH);
      g.row(name, String.format(Locale.ROOT, "%.3g", s.y()[i]), err, "#".repeat(len));
    }
    g.appendTo(sb, in);
  }

  private static void heatmap(StringBuilder sb, Chart c, String in) {
    List<String> names = c.categories();
    String[] header = new String[names.size() + 1];
    header[0] = "";
    for (int i = 0; i < names.size(); i++) {
      header[i + 1] = names.get(i);
    }
    Grid g = new Grid().row(header);
    for (int i = 0; i < c.cells().length && i < names.size(); i++) {
      String[] row = new String[names.size() + 1];
      row[0] = names.get(i);
      for (int j = 0; j < names.size(); j++) {
        row[j + 1] =
            j < c.cells()[i].length ? String.format(Locale.ROOT, "%.2f", c.cells()[i][j]) : "";
      }
      g.row(row);
    }
    g.appendTo(sb, in);
  }

  /** Appends the counts at one decision threshold and the areas under the curves. */
  static void appendThreshold(StringBuilder sb, Report.Binary b, double t, String in) {
    int i = b.indexOf(t);
    sb.append(in)
        .append(
            String.format(
                Locale.ROOT,
                "Two classes (positive: %s): ROC AUC %.3f, PR AUC %.3f%n",
                b.positive(),
                b.rocAuc(),
                b.prAuc()));
    sb.append(in)
        .append(
            String.format(
                Locale.ROOT,
                "  At threshold %.2f: %d %s found, %d missed; %d %s called %s by mistake, %d right.%n",
                b.thresholds()[i],
                b.tp()[i],
                b.positive(),
                b.fn()[i],
                b.fp()[i],
                b.negative(),
                b.positive(),
                b.tn()[i]));
  }

  /** Appends up to {@code max} examples the model got wrong. */
  static void appendExamples(StringBuilder sb, Report r, String in, int max) {
    List<Report.Example> wrong =
        r.examples().stream().filter(e -> e.actual() != e.predicted()).limit(max).toList();
    if (wrong.isEmpty()) {
      return;
    }
    sb.append(in).append("Some mistakes:\n");
    Grid g = new Grid().row("row", "actual", "predicted", "confidence", "example");
    for (Report.Example e : wrong) {
      g.row(
          Integer.toString(e.row() + 1),
          name(r, e.actual()),
          name(r, e.predicted()),
          String.format(Locale.ROOT, "%.0f %%", e.confidence() * 100),
          e.values().isEmpty() ? e.source() : shorten(String.join(", ", e.values()), 60));
    }
    g.appendTo(sb, in + "  ");
  }

  private static String name(Report r, int k) {
    return k >= 0 && k < r.classNames().size() ? r.classNames().get(k) : Integer.toString(k);
  }

  private static String shorten(String s, int max) {
    return s.length() <= max ? s : s.substring(0, max - 1) + "…";
  }
}
