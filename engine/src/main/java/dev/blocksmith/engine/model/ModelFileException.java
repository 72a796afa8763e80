package dev.blocksmith.engine.model;

import java.io.IOException;

/**
 * Thrown when a file is not a readable Blocksmith model: not a zip, a missing or oversized part, a
 * part with an unexpected name, or a model saved by a newer Blocksmith. The message is written for
 * the user and names the file.
 */
public final class ModelFileException extends IOException {
  private static final long serialVersionUID = 1L;

  /** Creates the exception with a plain-language message. */
  public ModelFileException(String message, Throwable cause) {
    super(message, cause);
  }
}
