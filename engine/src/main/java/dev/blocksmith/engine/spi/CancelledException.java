package dev.blocksmith.engine.spi;

/** Thrown by {@link NodeContext#checkCancelled()} when the user cancelled the run. */
public final class CancelledException extends NodeException {
  private static final long serialVersionUID = 1L;

  /** Creates the exception for a node. */
  public CancelledException(String nodeId) {
    super(Kind.CANCELLED, nodeId, null, null, "Cancelled.", null, null);
  }
}
