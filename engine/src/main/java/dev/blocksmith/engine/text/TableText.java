package dev.blocksmith.engine.text;

import dev.blocksmith.engine.spi.Value;
import dev.blocksmith.engine.value.Column;
import dev.blocksmith.engine.value.ImageSet;
import dev.blocksmith.engine.value.Report;
import dev.blocksmith.engine.value.Table;
import dev.blocksmith.engine.value.TableSummary;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * Renders previews of values as plain text: a table's column summary and first rows, an image set's
 * class counts and skipped files, a report's text.
 */
public final class TableText {
  /** Rows shown in a table preview. */
  public static final int PREVIEW_ROWS = 10;

  private static final int MAX_CELL = 24;

  private TableText() {}

  /** Returns a preview of any value that flows on an edge. */
  public static String preview(Object value) {
    if (value instanceof Table t) {
      return table(t);
    }
    if (value instanceof ImageSet s) {
      return images(s);
    }
    if (value instanceof Report r) {
      return ReportText.render(r);
    }
    if (value instanceof Value v) {
      return v.headline() + "\n";
    }
    return String.valueOf(value) + "\n";
  }

  /** Returns a table's size, a summary line per column, and its first rows as a grid. */
  public static String table(Table t) {
    StringBuilder sb = new StringBuilder(t.headline()).append('\n');
    TableSummary s = t.summary();
    Grid g =
        new Grid()
            .row("column", "type", "role", "missing", "mean", "std", "min", "max", "categories");
    for (TableSummary.ColumnSummary c : s.columns()) {
      double missing = s.rows() == 0 ? 0 : 100.0 * c.missing() / s.rows();
      g.row(
          c.name(),
          lower(c.type()),
          lower(c.role()),
          String.format(Locale.ROOT, "%.1f %%", missing),
          ReportText.number(c.mean()),
          ReportText.number(c.std()),
          ReportText.number(c.min()),
          ReportText.number(c.max()),
          categories(c.categoryCounts()));
    }
    g.appendTo(sb, "  ");
    int n = Math.min(PREVIEW_ROWS, t.rowCount());
    sb.append("First ").append(n).append(n == 1 ? " row" : " rows").append(":\n");
    Grid rows = new Grid();
    String[] header = new String[t.columns().size() + 1];
    header[0] = "#";
    for (int i = 0; i < t.columns().size(); i++) {
      header[i + 1] = t.columns().get(i).name();
    }
    rows.row(header);
    for (int r = 0; r < n; r++) {
      String[] cells = new String[t.columns().size() + 1];
      cells[0] = Integer.toString(r + 1);
      for (int i = 0; i < t.columns().size(); i++) {
        Column c = t.columns().get(i);
        cells[i + 1] = c.isMissing(r) ? "?" : clip(c.format(r));
      }
      rows.row(cells);
    }
    rows.appendTo(sb, "  ");
    return sb.toString();
  }

  /** Returns an image set's size, its images per class and the files that were skipped. */
  public static String images(ImageSet s) {
    StringBuilder sb = new StringBuilder(s.headline()).append('\n');
    int[] counts = s.classCounts();
    Grid g = new Grid().row("class", "images");
    for (int i = 0; i < counts.length; i++) {
      g.row(s.classNames().get(i), Integer.toString(counts[i]));
    }
    g.appendTo(sb, "  ");
    if (!s.skipped().isEmpty()) {
      sb.append("Skipped ").append(s.skipped().size()).append(" files:\n");
      s.skipped().stream().limit(20).forEach(f -> sb.append("  ").append(f).append('\n'));
      if (s.skipped().size() > 20) {
        sb.append("  ... and ").append(s.skipped().size() - 20).append(" more\n");
      }
    }
    return sb.toString();
  }

  private static String categories(Map<String, Integer> counts) {
    if (counts.isEmpty()) {
      return "";
    }
    String shown =
        counts.entrySet().stream()
            .limit(5)
            .map(e -> clip(e.getKey()) + " " + e.getValue())
            .collect(Collectors.joining(", "));
    return counts.size() > 5 ? shown + ", ..." : shown;
  }

  private static String lower(Enum<?> e) {
    return e.name().toLowerCase(Locale.ROOT);
  }

  private static String clip(String s) {
    String one = s.replace('\n', ' ').replace('\t', ' ');
    return one.length() <= MAX_CELL ? one : one.substring(0, MAX_CELL - 3) + "...";
  }
}
