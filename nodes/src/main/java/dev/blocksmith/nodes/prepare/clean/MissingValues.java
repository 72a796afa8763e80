package dev.blocksmith.nodes.prepare.clean;

import dev.blocksmith.engine.value.BooleanColumn;
import dev.blocksmith.engine.value.CategoryColumn;
import dev.blocksmith.engine.value.Column;
import dev.blocksmith.engine.value.NumberColumn;
import dev.blocksmith.engine.value.TextColumn;
import dev.blocksmith.nodes.data.csv.Cells;
import dev.blocksmith.nodes.report.ChangeLog;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.apache.commons.statistics.descriptive.Mean;
import org.apache.commons.statistics.descriptive.Median;

/**
 * Fills the missing values of one column with its mean, median, most frequent value or a constant.
 */
public final class MissingValues {

  /** How missing values are filled. */
  public enum Fill {
    /** The average of the present values (numbers only; others use the most frequent). */
    MEAN,
    /** The middle of the present values (numbers only; others use the most frequent). */
    MEDIAN,
    /** The value seen most often. */
    MOST_FREQUENT,
    /** A value the user typed. */
    CONSTANT
  }

  private MissingValues() {}

  /**
   * Returns the column with its missing values filled and logs what was done, or the column itself
   * when nothing is missing.
   *
   * @throws IllegalArgumentException with a plain message when the constant does not fit the column
   */
  public static Column fill(Column c, Fill how, String constant, ChangeLog log) {
    int missing = c.missingCount();
    if (missing == 0 || missing == c.size()) {
      return c;
    }
    Fill used = how;
    if (!(c instanceof NumberColumn) && (how == Fill.MEAN || how == Fill.MEDIAN)) {
      used = Fill.MOST_FREQUENT;
    }
    Column out;
    if (c instanceof NumberColumn n) {
      out = fillNumbers(n, used, constant);
    } else if (c instanceof CategoryColumn cat) {
      out = fillCategory(cat, used, constant);
    } else if (c instanceof BooleanColumn b) {
      out = fillBoolean(b, used, constant);
    } else {
      out = fillText((TextColumn) c, used, constant);
    }
    String value = out.format(firstMissing(c));
    String with =
        switch (used) {
          case MEAN -> "the mean (" + value + ")";
          case MEDIAN -> "the median (" + value + ")";
          case MOST_FREQUENT ->
              "the most frequent value ("
                  + value
                  + ")"
                  + (used != how ? ", since it holds no numbers" : "");
          case CONSTANT -> "\"" + value + "\"";
        };
    log.add(
        "Filled missing values",
        "Filled "
            + ChangeLog.count(missing, "missing value")
            + " in \""
            + c.name()
            + "\" with "
            + with
            + ".");
    return out;
  }

  private static int firstMissing(Column c) {
    for (int i = 0; i < c.size(); i++) {
      if (c.isMissing(i)) {
        return i;
      }
    }
    return -1;
  }

  /** Returns the most frequent value (the smallest of them on a tie), NaN when there is none. */
  static double mode(double[] values) {
    double[] v = values.clone();
    Arrays.sort(v);
    double best = Double.NaN;
    int bestRun = 0;
    for (int i = 0; i < v.length; ) {
      int j = i;
      while (j < v.length && Double.compare(v[j], v[i]) == 0) {
        j++;
      }
      if (j - i > bestRun) {
        bestRun = j - i;
        best = v[i];
      }
      i = j;
    }
    return best;
  }

  private static NumberColumn fillNumbers(NumberColumn n, Fill how, String constant) {
    double[] v = n.toArray();
    double[] present = Arrays.stream(v).filter(d -> !Double.isNaN(d)).toArray();
    double fill =
        switch (how) {
          case MEAN -> Mean.of(present).getAsDouble();
          case MEDIAN -> Median.withDefaults().evaluate(present);
          case MOST_FREQUENT -> mode(present);
          case CONSTANT -> {
            double d = Cells.parseNumber(constant.trim(), false);
            if (Double.isNaN(d)) {
              throw new IllegalArgumentException(
                  "\""
                      + n.name()
                      + "\" holds numbers, but the fill"
                      + " value \""
                      + constant
                      + "\" is not a number.");
            }
            yield d;
          }
        };
    for (int i = 0; i < v.length; i++) {
      if (Double.isNaN(v[i])) {
        v[i] = fill;
      }
    }
    return NumberColumn.wrap(n.name(), v);
  }

  private static CategoryColumn fillCategory(CategoryColumn c, Fill how, String constant) {
    List<String> levels = new ArrayList<>(c.levels());
    int code;
    if (how == Fill.CONSTANT) {
      code = levels.indexOf(constant);
      if (code < 0) {
        levels.add(constant);
        code = levels.size() - 1;
      }
    } else {
      code = argMax(c.counts());
    }
    int[] codes = new int[c.size()];
    for (int i = 0; i < codes.length; i++) {
      codes[i] = c.isMissing(i) ? code : c.code(i);
    }
    return new CategoryColumn(c.name(), levels, codes);
  }

  private static BooleanColumn fillBoolean(BooleanColumn b, Fill how, String constant) {
    int yes = 0;
    int no = 0;
    for (int i = 0; i < b.size(); i++) {
      yes += b.get(i) == 1 ? 1 : 0;
      no += b.get(i) == 0 ? 1 : 0;
    }
    int fill = how == Fill.CONSTANT ? Cells.parseBoolean(constant.trim()) : yes >= no ? 1 : 0;
    if (fill < 0) {
      throw new IllegalArgumentException(
          "\""
              + b.name()
              + "\" holds yes/no values, but the fill"
              + " value \""
              + constant
              + "\" is neither (use true/false or yes/no).");
    }
    byte[] out = new byte[b.size()];
    for (int i = 0; i < out.length; i++) {
      out[i] = (byte) (b.isMissing(i) ? fill : b.get(i));
    }
    return new BooleanColumn(b.name(), out);
  }

  private static TextColumn fillText(TextColumn t, Fill how, String constant) {
    String fill = constant;
    if (how != Fill.CONSTANT) {
      List<String> values = new ArrayList<>();
      for (int i = 0; i < t.size(); i++) {
        values.add(t.get(i));
      }
      CategoryColumn asCategory = CategoryColumn.of(t.name(), values);
      fill = asCategory.levels().get(argMax(asCategory.counts()));
    }
    String[] out = new String[t.size()];
    for (int i = 0; i < out.length; i++) {
      out[i] = t.isMissing(i) ? fill : t.get(i);
    }
    return new TextColumn(t.name(), out);
  }

  private static int argMax(int[] counts) {
    int best = 0;
    for (int i = 1; i < counts.length; i++) {
      if (counts[i] > counts[best]) {
        best = i;
      }
    }
    return best;
  }
}
