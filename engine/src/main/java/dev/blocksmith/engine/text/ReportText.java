package dev.blocksmith.engine.text;

import dev.blocksmith.engine.value.Chart;
import dev.blocksmith.engine.value.Curve;
import dev.blocksmith.engine.value.Finding;
import dev.blocksmith.engine.value.Fix;
import dev.blocksmith.engine.value.Report;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Function;

/**
 * Renders a {@link Report} as plain text: metrics, per-class scores, the confusion matrix as an
 * aligned grid, training curves in brief, and the coach's findings. The same text is printed by the
 * CLI and saved as {@code <node>.report.md} in the run folder.
 */
public final class ReportText {
  private ReportText() {}

  /** Returns the report as plain text ending with a newline. */
  public static String render(Report r) {
    return render(r, ReportText::describe);
  }

  /**
   * Returns the report as plain text, each finding's change written by {@code fixes} (the CLI turns
   * it into a {@code --set node.param=value} line).
   */
  public static String render(Report r, Function<Fix, String> fixes) {
    StringBuilder sb = new StringBuilder();
    append(sb, r, "", fixes);
    return sb.toString();
  }

  /** Returns a change in words, without knowing the graph. */
  public static String describe(Fix fix) {
    if (fix.setsParam()) {
      return "set "
          + fix.param()
          + " = "
          + fix.value()
          + " on the "
          + fix.block()
          + " block ("
          + fix.instruction()
          + ")";
    }
    return fix.instruction();
  }

  private static void append(StringBuilder sb, Report r, String in, Function<Fix, String> fixes) {
    sb.append(in).append(r.title());
    if (r.task() != null && !r.task().isEmpty()) {
      sb.append(" (").append(r.task()).append(')');
    }
    sb.append('\n');
    if (!r.metrics().isEmpty()) {
      Grid g = new Grid();
      for (Map.Entry<String, Double> m : r.metrics().entrySet()) {
        g.row(m.getKey(), number(m.getValue()), percentIfFraction(m.getKey(), m.getValue()));
      }
      g.appendTo(sb, in + "  ");
    }
    if (!r.perClass().isEmpty()) {
      sb.append(in).append("Per class:\n");
      Grid g = new Grid().row("class", "precision", "recall", "F1", "support");
      for (Report.ClassScores c : r.perClass()) {
        g.row(
            c.name(),
            fixed(c.precision()),
            fixed(c.recall()),
            fixed(c.f1()),
            Integer.toString(c.support()));
      }
      g.appendTo(sb, in + "  ");
    }
    if (r.confusion().length > 0 && r.classNames().size() == r.confusion().length) {
      sb.append(in).append("Confusion matrix (rows = true class, columns = predicted):\n");
      appendConfusion(sb, r.classNames(), r.confusion(), in + "  ");
    }
    if (!r.curves().isEmpty()) {
      sb.append(in).append("Curves:\n");
      Grid g = new Grid();
      for (Curve c : r.curves()) {
        List<Double> v = c.values();
        g.row(
            c.name(),
            v.size() + " epochs",
            v.isEmpty() ? "" : "first " + number(v.get(0)),
            v.isEmpty() ? "" : "last " + number(v.get(v.size() - 1)));
      }
      g.appendTo(sb, in + "  ");
    }
    for (Chart c : r.charts()) {
      ChartText.append(sb, c, in);
    }
    if (r.binary() != null) {
      ChartText.appendThreshold(sb, r.binary(), 0.5, in);
    }
    if (!r.examples().isEmpty()) {
      ChartText.appendExamples(sb, r, in, 10);
    }
    if (!r.findings().isEmpty()) {
      sb.append(in).append("Findings:\n");
      for (Finding f : r.findings()) {
        sb.append(in).append("  [").append(f.level()).append("] ").append(f.title());
        if (f.message() != null && !f.message().isEmpty()) {
          sb.append(" - ").append(f.message());
        }
        sb.append('\n');
        if (f.suggestion() != null && !f.suggestion().isEmpty()) {
          sb.append(in).append("    Try: ").append(f.suggestion()).append('\n');
        }
        if (f.fix() != null) {
          String change = fixes.apply(f.fix());
          if (!change.equals(f.suggestion())) {
            sb.append(in).append("    Change: ").append(change).append('\n');
          }
        }
      }
    }
    for (Report part : r.parts()) {
      sb.append('\n');
      append(sb, part, in + "  ", fixes);
    }
  }

  /** Appends a confusion matrix as an aligned grid with class names on both axes. */
  static void appendConfusion(StringBuilder sb, List<String> names, int[][] m, String in) {
    String[] header = new String[names.size() + 1];
    header[0] = "";
    for (int i = 0; i < names.size(); i++) {
      header[i + 1] = names.get(i);
    }
    Grid g = new Grid().row(header);
    for (int i = 0; i < m.length; i++) {
      String[] row = new String[names.size() + 1];
      row[0] = names.get(i);
      for (int j = 0; j < names.size(); j++) {
        row[j + 1] = j < m[i].length ? Integer.toString(m[i][j]) : "";
      }
      g.row(row);
    }
    g.appendTo(sb, in);
  }

  /** Returns a number with four significant digits, or "-" when missing. */
  public static String number(Double d) {
    if (d == null || d.isNaN()) {
      return "-";
    }
    return String.format(Locale.ROOT, "%.4g", d);
  }

  private static String fixed(double d) {
    return Double.isNaN(d) ? "-" : String.format(Locale.ROOT, "%.3f", d);
  }

  private static String percentIfFraction(String name, Double d) {
    boolean fraction =
        name.contains("accuracy")
            || name.contains("precision")
            || name.contains("recall")
            || name.equals("f1")
            || name.contains("auc");
    return fraction && d != null && d >= 0 && d <= 1
        ? String.format(Locale.ROOT, "(%.1f %%)", d * 100)
        : "";
  }
}
