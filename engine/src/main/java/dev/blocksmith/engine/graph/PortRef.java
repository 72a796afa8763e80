package dev.blocksmith.engine.graph;

/**
 * One end of an edge: a node and one of its ports, written {@code "node.port"} in files.
 *
 * @param node the node id
 * @param port the port name
 */
public record PortRef(String node, String port) {

  /** Parses {@code "node.port"}. */
  public static PortRef parse(String text) throws GraphFormatException {
    int dot = text == null ? -1 : text.lastIndexOf('.');
    if (dot <= 0 || dot == text.length() - 1) {
      throw new GraphFormatException(
          "An edge end must look like \"node.port\" (for example \"split.train\"), but is \""
              + text
              + "\".");
    }
    return new PortRef(text.substring(0, dot), text.substring(dot + 1));
  }

  @Override
  public String toString() {
    return node + "." + port;
  }
}
