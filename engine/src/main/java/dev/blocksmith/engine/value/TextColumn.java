package dev.blocksmith.engine.value;

import java.util.Arrays;

/** A column of free text; a missing value is stored as null. */
public final class TextColumn implements Column {
  private final String name;
  private final String[] values;

  /** Creates a column, copying the values. */
  public TextColumn(String name, String[] values) {
    this.name = name;
    this.values = values.clone();
  }

  @Override
  public String name() {
    return name;
  }

  @Override
  public ColumnType type() {
    return ColumnType.TEXT;
  }

  @Override
  public int size() {
    return values.length;
  }

  /** Returns the text at a row, or null when missing. */
  public String get(int row) {
    return values[row];
  }

  @Override
  public boolean isMissing(int row) {
    return values[row] == null;
  }

  @Override
  public String format(int row) {
    return values[row] == null ? "" : values[row];
  }

  @Override
  public TextColumn select(int[] rows) {
    String[] out = new String[rows.length];
    for (int i = 0; i < rows.length; i++) {
      out[i] = values[rows[i]];
    }
    return new TextColumn(name, out);
  }

  @Override
  public TextColumn withName(String newName) {
    return new TextColumn(newName, values);
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof TextColumn c && c.name.equals(name) && Arrays.equals(c.values, values);
  }

  @Override
  public int hashCode() {
    return name.hashCode() * 31 + Arrays.hashCode(values);
  }
}
