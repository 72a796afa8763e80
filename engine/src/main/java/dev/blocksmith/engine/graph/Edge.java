package dev.blocksmith.engine.graph;

/**
 * A connection from an output port to an input port.
 *
 * @param from the output end
 * @param to the input end
 */
public record Edge(PortRef from, PortRef to) {

  /** Returns an edge from {@code "a.out"} to {@code "b.in"}. */
  public static Edge of(String from, String to) {
    try {
      return new Edge(PortRef.parse(from), PortRef.parse(to));
    } catch (GraphFormatException e) {
      throw new IllegalArgumentException(e.getMessage(), e);
    }
  }

  @Override
  public String toString() {
    return from + " → " + to;
  }
}
