package dev.blocksmith.engine.validate;

/**
 * A validation finding tied to a node and, where it applies, a port or param, with a message a
 * beginner understands and a suggested fix.
 *
 * @param code stable machine-readable kind ("cycle", "type-mismatch", "missing-input",
 *     "param-range", "param-type", "unknown-block", "missing-file", ...)
 * @param nodeId the node at fault (null for whole-graph problems)
 * @param port the port at fault, or null
 * @param param the param at fault, or null
 * @param message what is wrong
 * @param fix what to do about it
 */
public record Problem(
    String code, String nodeId, String port, String param, String message, String fix) {

  /** Codes of problems that are reported but do not stop a run. */
  public static final java.util.Set<String> WARNING_CODES = java.util.Set.of("unknown-param");

  /** Returns whether this problem is only a warning: the graph can still run. */
  public boolean isWarning() {
    return WARNING_CODES.contains(code);
  }

  /** Returns the problem as one line: "[node] message Fix: ...". */
  public String describe() {
    String where =
        nodeId == null
            ? "graph"
            : nodeId + (port != null ? "." + port : param != null ? " (" + param + ")" : "");
    return "[" + where + "] " + message + (fix == null || fix.isEmpty() ? "" : " Fix: " + fix);
  }
}
