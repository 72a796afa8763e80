package dev.blocksmith.engine.value;

/**
 * A plain-language finding of the coach about a run, with a suggested change.
 *
 * @param level how much it matters
 * @param title a few words ("The model is overfitting")
 * @param message what was seen, with the numbers
 * @param suggestion what to try next
 */
public record Finding(Level level, String title, String message, String suggestion) {

  /** How much a finding matters. */
  public enum Level {
    /** Good news. */
    GOOD,
    /** Worth knowing. */
    INFO,
    /** Worth acting on. */
    WARNING
  }
}
