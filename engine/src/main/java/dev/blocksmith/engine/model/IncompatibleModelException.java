package dev.blocksmith.engine.model;

/**
 * Thrown when stored weights do not fit the architecture they claim to belong to. DJL would load
 * such weights silently (or half-way), so {@link TrainedModel} checks names and shapes itself.
 */
public final class IncompatibleModelException extends Exception {
  private static final long serialVersionUID = 1L;

  /** Creates the exception with a plain-language message. */
  public IncompatibleModelException(String message, Throwable cause) {
    super(message, cause);
  }
}
