package dev.blocksmith.engine.plan;

/** A graph that cannot be planned (it was not validated first), with a plain-language message. */
public final class PlanException extends Exception {
  private static final long serialVersionUID = 1L;

  /** Creates the exception. */
  public PlanException(String message) {
    super(message);
  }
}
