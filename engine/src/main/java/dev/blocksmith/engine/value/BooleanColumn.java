package dev.blocksmith.engine.value;

import java.util.Arrays;

/** A column of yes/no values, stored as 1 (true), 0 (false) or -1 (missing). */
public final class BooleanColumn implements Column {
  private final String name;
  private final byte[] values;

  /** Creates a column, copying the values (each 1, 0 or -1). */
  public BooleanColumn(String name, byte[] values) {
    this.name = name;
    this.values = values.clone();
  }

  @Override
  public String name() {
    return name;
  }

  @Override
  public ColumnType type() {
    return ColumnType.BOOLEAN;
  }

  @Override
  public int size() {
    return values.length;
  }

  /** Returns 1 for true, 0 for false, -1 when missing. */
  public int get(int row) {
    return values[row];
  }

  @Override
  public boolean isMissing(int row) {
    return values[row] < 0;
  }

  @Override
  public String format(int row) {
    return values[row] < 0 ? "" : values[row] == 1 ? "true" : "false";
  }

  @Override
  public BooleanColumn select(int[] rows) {
    byte[] out = new byte[rows.length];
    for (int i = 0; i < rows.length; i++) {
      out[i] = values[rows[i]];
    }
    return new BooleanColumn(name, out);
  }

  @Override
  public BooleanColumn withName(String newName) {
    return new BooleanColumn(newName, values);
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof BooleanColumn c && c.name.equals(name) && Arrays.equals(c.values, values);
  }

  @Override
  public int hashCode() {
    return name.hashCode() * 31 + Arrays.hashCode(values);
  }
}
