package dev.blocksmith.engine.value;

/** What a column is used for when learning. */
public enum ColumnRole {
  /** An input the model learns from. */
  FEATURE,
  /** The answer the model learns to predict (the target). */
  LABEL,
  /** A group such as a sensitive attribute: kept for fairness checks, never learned from. */
  GROUP,
  /** An identifier: rows with the same id belong together; never learned from. */
  ID,
  /** Kept in the table but not used. */
  IGNORE
}
