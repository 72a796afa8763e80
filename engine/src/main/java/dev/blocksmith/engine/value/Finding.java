package dev.blocksmith.engine.value;

/**
 * A plain-language finding of the coach about a run, with a suggested change.
 *
 * @param level how much it matters
 * @param title a few words ("The model is overfitting")
 * @param message what was seen, with the numbers
 * @param suggestion what to try next
 * @param fix the one concrete change to try first, or null when there is none
 */
public record Finding(Level level, String title, String message, String suggestion, Fix fix) {

  /** A finding without a concrete change. */
  public Finding(Level level, String title, String message, String suggestion) {
    this(level, title, message, suggestion, null);
  }

  /** Returns a copy carrying {@code newFix}. */
  public Finding withFix(Fix newFix) {
    return new Finding(level, title, message, suggestion, newFix);
  }

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
