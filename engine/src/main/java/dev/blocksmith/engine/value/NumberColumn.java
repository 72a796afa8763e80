package dev.blocksmith.engine.value;

import com.fasterxml.jackson.core.io.NumberOutput;
import java.util.Arrays;

/** A column of numbers; a missing value is stored as NaN. */
public final class NumberColumn implements Column {
  private final String name;
  private final double[] values;
  // How many values are NaN; -1 until first asked (the column never changes, so it is counted once:
  // training checks the gaps of every column several times, which on wide tables added up).
  private volatile int missing = -1;
  // The present values' count, sum, spread and range; null until first asked (fitting and the
  // training checks each walked every value of every column in the run after the first, cold).
  private volatile Summary summary;

  /**
   * What the present (non-NaN) values of a column add up to.
   *
   * @param count how many values are present
   * @param mean their mean, summed in row order (0 when none)
   * @param std their population standard deviation, from a second pass about the mean (0 when none)
   * @param min the smallest (+infinity when none)
   * @param max the largest (-infinity when none)
   */
  public record Summary(int count, double mean, double std, double min, double max) {}

  /** Creates a column, copying the values. */
  public NumberColumn(String name, double[] values) {
    this(name, values.clone(), true);
  }

  private NumberColumn(String name, double[] values, boolean owned) {
    this.name = name;
    this.values = values;
  }

  /** Creates a column that takes ownership of the array (the caller must not change it later). */
  public static NumberColumn wrap(String name, double[] values) {
    return new NumberColumn(name, values, true);
  }

  @Override
  public String name() {
    return name;
  }

  @Override
  public ColumnType type() {
    return ColumnType.NUMBER;
  }

  @Override
  public int size() {
    return values.length;
  }

  /** Returns the value at a row (NaN when missing). */
  public double get(int row) {
    return values[row];
  }

  /** Returns a copy of all values. */
  public double[] toArray() {
    return values.clone();
  }

  @Override
  public boolean isMissing(int row) {
    return Double.isNaN(values[row]);
  }

  @Override
  public int missingCount() {
    int m = missing;
    if (m < 0) {
      m = 0;
      for (double v : values) {
        if (v != v) {
          m++;
        }
      }
      missing = m;
    }
    return m;
  }

  /** Returns the present values' count, mean, standard deviation and range, counted once. */
  public Summary summary() {
    Summary s = summary;
    if (s == null) {
      double sum = 0;
      double min = Double.POSITIVE_INFINITY;
      double max = Double.NEGATIVE_INFINITY;
      int n = 0;
      for (double v : values) {
        if (v == v) {
          sum += v;
          min = Math.min(min, v);
          max = Math.max(max, v);
          n++;
        }
      }
      double mean = n == 0 ? 0 : sum / n;
      double squares = 0;
      for (double v : values) {
        if (v == v) {
          squares += (v - mean) * (v - mean);
        }
      }
      s = new Summary(n, mean, n == 0 ? 0 : Math.sqrt(squares / n), min, max);
      summary = s;
      missing = values.length - n; // the gaps are counted with it
    }
    return s;
  }

  @Override
  public String format(int row) {
    double v = values[row];
    return Double.isNaN(v) ? "" : text(v);
  }

  /**
   * Returns the shortest text that reads back as exactly {@code v} ({@code Double.parseDouble}
   * gives the same double): whole numbers below 10^15 without a decimal point ("42"), others like
   * "0.1", "1e-10" or "2.5e20". Uses Jackson's Schubfach implementation, because Java 17's {@code
   * Double.toString} is not always the shortest and rounding to a few digits merges distinct values
   * (and numeric class names).
   */
  public static String text(double v) {
    if (Double.isNaN(v) || Double.isInfinite(v)) {
      return Double.toString(v);
    }
    if (v == Math.rint(v) && Math.abs(v) < 1e15) {
      return v == 0 && 1 / v < 0 ? "-0" : Long.toString((long) v);
    }
    String s = NumberOutput.toString(v, true);
    int e = s.indexOf('E');
    if (e < 0) {
      return s;
    }
    String mantissa = s.substring(0, e);
    if (mantissa.endsWith(".0")) {
      mantissa = mantissa.substring(0, mantissa.length() - 2);
    }
    return mantissa + "e" + s.substring(e + 1);
  }

  @Override
  public NumberColumn select(int[] rows) {
    double[] out = new double[rows.length];
    for (int i = 0; i < rows.length; i++) {
      out[i] = values[rows[i]];
    }
    return wrap(name, out);
  }

  @Override
  public NumberColumn withName(String newName) {
    return new NumberColumn(newName, values, true);
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof NumberColumn c && c.name.equals(name) && Arrays.equals(c.values, values);
  }

  @Override
  public int hashCode() {
    return name.hashCode() * 31 + Arrays.hashCode(values);
  }
}
