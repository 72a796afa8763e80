package dev.blocksmith.engine.spi;

/**
 * A failure of a block, with the node, the port or param at fault, a message a beginner can act on
 * and a suggested fix.
 */
public class NodeException extends Exception {
  private static final long serialVersionUID = 1L;

  /** How the node ended. */
  public enum Kind {
    /** It failed because of its input or params. */
    FAILED,
    /** Training became unstable (loss NaN or infinite). */
    DIVERGED,
    /** The user cancelled it. */
    CANCELLED
  }

  private final String nodeId;
  private final String port;
  private final String param;
  private final String fix;
  private final Kind kind;

  /** Creates an exception; any of port, param and fix may be null. */
  public NodeException(
      Kind kind,
      String nodeId,
      String port,
      String param,
      String message,
      String fix,
      Throwable cause) {
    super(message, cause);
    this.kind = kind;
    this.nodeId = nodeId;
    this.port = port;
    this.param = param;
    this.fix = fix;
  }

  /** Returns a failure tied to the node as a whole. */
  public static NodeException of(String nodeId, String message, String fix) {
    return new NodeException(Kind.FAILED, nodeId, null, null, message, fix, null);
  }

  /** Returns a failure tied to an input or output port. */
  public static NodeException atPort(String nodeId, String port, String message, String fix) {
    return new NodeException(Kind.FAILED, nodeId, port, null, message, fix, null);
  }

  /** Returns a failure tied to a param. */
  public static NodeException atParam(String nodeId, String param, String message, String fix) {
    return new NodeException(Kind.FAILED, nodeId, null, param, message, fix, null);
  }

  /** Returns the id of the node at fault. */
  public String nodeId() {
    return nodeId;
  }

  /** Returns the port at fault, or null. */
  public String port() {
    return port;
  }

  /** Returns the param at fault, or null. */
  public String param() {
    return param;
  }

  /** Returns the suggested fix, or null. */
  public String fix() {
    return fix;
  }

  /** Returns how the node ended. */
  public Kind kind() {
    return kind;
  }
}
