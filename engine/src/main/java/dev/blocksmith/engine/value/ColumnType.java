package dev.blocksmith.engine.value;

/** The kind of values a column holds. */
public enum ColumnType {
  /** Numbers such as 3.5 or 120. */
  NUMBER,
  /** A few repeated labels such as "red", "green". */
  CATEGORY,
  /** Free text, mostly different on every row. */
  TEXT,
  /** Yes/no values. */
  BOOLEAN
}
