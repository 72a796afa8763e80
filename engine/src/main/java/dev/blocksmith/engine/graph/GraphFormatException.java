package dev.blocksmith.engine.graph;

/** A graph file that cannot be read, with a message that says what is wrong and what to do. */
public class GraphFormatException extends Exception {
  private static final long serialVersionUID = 1L;

  /** Creates the exception. */
  public GraphFormatException(String message) {
    super(message);
  }

  /** Creates the exception with a cause. */
  public GraphFormatException(String message, Throwable cause) {
    super(message, cause);
  }
}
