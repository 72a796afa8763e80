package dev.blocksmith.engine.bundle;

/** A bundle that was not opened, with a message for the user saying why and what to do. */
public final class BundleRefusedException extends Exception {
  private static final long serialVersionUID = 1L;

  /** Creates the refusal with a plain-language message. */
  public BundleRefusedException(String message) {
    super(message);
  }

  /** Creates the refusal with a plain-language message and its cause. */
  public BundleRefusedException(String message, Throwable cause) {
    super(message, cause);
  }
}
