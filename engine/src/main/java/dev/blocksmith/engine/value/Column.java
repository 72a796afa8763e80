package dev.blocksmith.engine.value;

/** One named, typed column of a {@link Table}. Immutable. */
public sealed interface Column permits NumberColumn, CategoryColumn, TextColumn, BooleanColumn {

  /** Returns the column's name. */
  String name();

  /** Returns the kind of values. */
  ColumnType type();

  /** Returns the number of rows. */
  int size();

  /** Returns whether the value at a row is missing. */
  boolean isMissing(int row);

  /** Returns the value at a row as display text ("" when missing). */
  String format(int row);

  /** Returns a column holding only the given rows, in that order. */
  Column select(int[] rows);

  /** Returns the same values under another name. */
  Column withName(String name);

  /** Returns how many values are missing. */
  default int missingCount() {
    int n = 0;
    for (int i = 0; i < size(); i++) {
      if (isMissing(i)) {
        n++;
      }
    }
    return n;
  }
}
