package dev.blocksmith.engine.value;

import java.util.Arrays;

/** A column of numbers; a missing value is stored as NaN. */
public final class NumberColumn implements Column {
  private final String name;
  private final double[] values;

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
  public String format(int row) {
    double v = values[row];
    if (Double.isNaN(v)) {
      return "";
    }
    if (v == Math.rint(v) && Math.abs(v) < 1e15) {
      return Long.toString((long) v);
    }
    return String.format(java.util.Locale.ROOT, "%.6g", v).replaceAll("\\.?0+$", "");
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
