package dev.blocksmith.nodes.prepare.clean;

import dev.blocksmith.engine.spi.NodeContext;
import dev.blocksmith.engine.spi.NodeException;
import dev.blocksmith.engine.value.Column;
import dev.blocksmith.engine.value.ColumnRole;
import dev.blocksmith.engine.value.NumberColumn;
import dev.blocksmith.engine.value.Table;
import dev.blocksmith.nodes.report.ChangeLog;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** The steps of the Clean block, each returning a new table and writing what it changed. */
public final class CleanSteps {
  private final ChangeLog log;
  private final NodeContext ctx;

  /** Creates the steps for one run of Clean. */
  public CleanSteps(ChangeLog log, NodeContext ctx) {
    this.log = log;
    this.ctx = ctx;
  }

  /** Returns the table without rows that repeat an earlier row exactly. */
  public Table dropDuplicates(Table t) {
    int[] keep = Duplicates.firstOccurrences(t);
    int removed = t.rowCount() - keep.length;
    if (removed == 0) {
      return t;
    }
    log.add(
        "Removed duplicates",
        "Removed "
            + ChangeLog.count(removed, "duplicate row")
            + " (exact repeats of an earlier row).");
    return t.select(keep);
  }

  /**
   * Returns the table with missing values in {@code cols} dropped or filled.
   *
   * @param strategy "drop-rows", "mean", "median", "most-frequent" or "constant"
   * @param fillParam the param holding the constant, for errors
   */
  public Table missing(
      Table t, List<Column> cols, String strategy, String constant, String fillParam)
      throws NodeException {
    for (Column c : cols) {
      if (c.size() > 0 && c.missingCount() == c.size()) {
        log.warn(
            "Empty column",
            "Column \"" + c.name() + "\" is empty in every row.",
            "Drop it with \"Drop columns\".");
      }
    }
    if (strategy.equals("drop-rows")) {
      return dropRowsWithMissing(t, cols, "a missing value");
    }
    Table out = t;
    List<Column> label = cols.stream().filter(c -> t.role(c.name()) == ColumnRole.LABEL).toList();
    if (!label.isEmpty()) {
      out =
          dropRowsWithMissing(
              out, label, "no value in the column to predict (a label cannot" + " be guessed)");
    }
    MissingValues.Fill fill =
        MissingValues.Fill.valueOf(strategy.replace('-', '_').toUpperCase(java.util.Locale.ROOT));
    for (Column c : cols) {
      if (out.role(c.name()) == ColumnRole.LABEL) {
        continue;
      }
      Column current = out.column(c.name()).orElseThrow();
      try {
        out = out.withColumn(MissingValues.fill(current, fill, constant, log));
      } catch (IllegalArgumentException e) {
        throw NodeException.atParam(
            ctx.nodeId(),
            fillParam,
            e.getMessage(),
            "Choose a fill value that fits every column, or limit \"Columns to fix\".");
      }
    }
    return out;
  }

  private Table dropRowsWithMissing(Table t, List<Column> cols, String why) {
    Map<String, Integer> perColumn = new LinkedHashMap<>();
    boolean[] drop = new boolean[t.rowCount()];
    int dropped = 0;
    for (Column c : cols) {
      Column current = t.column(c.name()).orElseThrow();
      int n = 0;
      for (int r = 0; r < drop.length; r++) {
        if (current.isMissing(r)) {
          n++;
          dropped += drop[r] ? 0 : 1;
          drop[r] = true;
        }
      }
      if (n > 0) {
        perColumn.put(c.name(), n);
      }
    }
    if (dropped == 0) {
      return t;
    }
    List<String> parts = new ArrayList<>();
    perColumn.forEach((k, v) -> parts.add("\"" + k + "\": " + v));
    log.add(
        "Removed rows with missing values",
        "Removed "
            + ChangeLog.count(dropped, "row")
            + " with "
            + why
            + " ("
            + String.join(", ", parts)
            + ").");
    return t.select(keep(drop));
  }

  /**
   * Returns the table with outliers of its number feature columns dropped or clipped.
   *
   * @param iqr true for the IQR rule, false for the z-score rule
   * @param limit the IQR factor or the z-score limit
   * @param drop true to drop rows, false to clip values
   */
  public Table outliers(Table t, boolean iqr, double limit, boolean drop) {
    boolean[] dropRow = new boolean[t.rowCount()];
    Table out = t;
    for (Column c : t.columns()) {
      if (!(c instanceof NumberColumn n) || t.role(c.name()) != ColumnRole.FEATURE) {
        continue;
      }
      Outliers range = iqr ? Outliers.iqr(n, limit) : Outliers.zScore(n, limit);
      if (range == null) {
        continue;
      }
      double[] v = n.toArray();
      int above = 0;
      int below = 0;
      for (int r = 0; r < v.length; r++) {
        if (!Double.isNaN(v[r]) && range.isOutlier(v[r])) {
          above += v[r] > range.high() ? 1 : 0;
          below += v[r] < range.low() ? 1 : 0;
          dropRow[r] |= drop;
          v[r] = range.clip(v[r]);
        }
      }
      if (above + below == 0) {
        continue;
      }
      String where =
          (above > 0 ? above + " above " + ChangeLog.num(range.high()) : "")
              + (above > 0 && below > 0 ? " and " : "")
              + (below > 0 ? below + " below " + ChangeLog.num(range.low()) : "");
      if (drop) {
        log.add(
            "Removed outliers",
            "Found outliers in \""
                + c.name()
                + "\": "
                + where
                + " ("
                + range.rule()
                + "); their rows are removed.");
      } else {
        out = out.withColumn(NumberColumn.wrap(c.name(), v));
        log.add(
            "Clipped outliers",
            "Clipped "
                + ChangeLog.count(above + below, "value")
                + " of \""
                + c.name()
                + "\": "
                + where
                + " ("
                + range.rule()
                + ").");
      }
    }
    if (drop) {
      int[] keep = keep(dropRow);
      if (keep.length < t.rowCount()) {
        log.add(
            "Removed outlier rows",
            "Removed " + ChangeLog.count(t.rowCount() - keep.length, "row") + " holding outliers.");
        out = out.select(keep);
      }
    }
    return out;
  }

  private static int[] keep(boolean[] drop) {
    int n = 0;
    int[] keep = new int[drop.length];
    for (int r = 0; r < drop.length; r++) {
      if (!drop[r]) {
        keep[n++] = r;
      }
    }
    return java.util.Arrays.copyOf(keep, n);
  }
}
