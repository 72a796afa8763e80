package dev.blocksmith.engine.value;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.commons.statistics.descriptive.DoubleStatistics;
import org.apache.commons.statistics.descriptive.Statistic;

/**
 * Small facts about a table for previews: sizes, and per column its type, role, missing count,
 * statistics, a histogram and category counts.
 *
 * @param rows row count
 * @param columns per-column summaries
 */
public record TableSummary(int rows, List<ColumnSummary> columns) {

  /** Number of histogram bins for number columns. */
  public static final int BINS = 10;

  /** Most category counts kept per column. */
  public static final int MAX_CATEGORIES = 20;

  /**
   * Facts about one column. Statistics are NaN for columns that are not numbers.
   *
   * @param name column name
   * @param type value kind
   * @param role use in learning
   * @param missing number of missing values
   * @param mean mean
   * @param std standard deviation
   * @param min smallest value
   * @param max largest value
   * @param histogram counts in {@link #BINS} equal bins from min to max (numbers only)
   * @param categoryCounts counts of the most frequent values (categories and booleans)
   */
  public record ColumnSummary(
      String name,
      ColumnType type,
      ColumnRole role,
      int missing,
      double mean,
      double std,
      double min,
      double max,
      int[] histogram,
      Map<String, Integer> categoryCounts) {}

  /** Computes the summary of a table. */
  public static TableSummary of(Table t) {
    List<ColumnSummary> out = new ArrayList<>();
    for (Column c : t.columns()) {
      out.add(column(c, t.role(c.name())));
    }
    return new TableSummary(t.rowCount(), List.copyOf(out));
  }

  private static ColumnSummary column(Column c, ColumnRole role) {
    int missing = c.missingCount();
    double nan = Double.NaN;
    if (c instanceof NumberColumn n) {
      DoubleStatistics s =
          DoubleStatistics.of(
              Statistic.MIN, Statistic.MAX, Statistic.MEAN, Statistic.STANDARD_DEVIATION);
      for (int i = 0; i < n.size(); i++) {
        if (!n.isMissing(i)) {
          s.accept(n.get(i));
        }
      }
      int[] hist = new int[BINS];
      double lo = s.getAsDouble(Statistic.MIN);
      double hi = s.getAsDouble(Statistic.MAX);
      if (s.getCount() > 0) {
        double w = (hi - lo) / BINS;
        for (int i = 0; i < n.size(); i++) {
          if (!n.isMissing(i)) {
            int b = w == 0 ? 0 : (int) Math.min(BINS - 1, (n.get(i) - lo) / w);
            hist[b]++;
          }
        }
      }
      return new ColumnSummary(
          c.name(),
          c.type(),
          role,
          missing,
          s.getCount() == 0 ? nan : s.getAsDouble(Statistic.MEAN),
          s.getCount() == 0 ? nan : s.getAsDouble(Statistic.STANDARD_DEVIATION),
          s.getCount() == 0 ? nan : lo,
          s.getCount() == 0 ? nan : hi,
          hist,
          Map.of());
    }
    Map<String, Integer> counts = new LinkedHashMap<>();
    if (c instanceof CategoryColumn cat) {
      int[] k = cat.counts();
      Integer[] order = new Integer[k.length];
      for (int i = 0; i < k.length; i++) {
        order[i] = i;
      }
      java.util.Arrays.sort(order, (a, b) -> Integer.compare(k[b], k[a]));
      for (int i = 0; i < Math.min(MAX_CATEGORIES, order.length); i++) {
        counts.put(cat.levels().get(order[i]), k[order[i]]);
      }
    } else if (c instanceof BooleanColumn b) {
      int yes = 0;
      int no = 0;
      for (int i = 0; i < b.size(); i++) {
        if (b.get(i) == 1) {
          yes++;
        } else if (b.get(i) == 0) {
          no++;
        }
      }
      counts.put("true", yes);
      counts.put("false", no);
    }
    return new ColumnSummary(
        c.name(), c.type(), role, missing, nan, nan, nan, nan, new int[0], counts);
  }
}
