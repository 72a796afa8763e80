package dev.blocksmith.engine.validate;

import java.nio.file.Path;

/**
 * One file or folder a pipeline reads or writes through a file or folder param, as {@link
 * PathChecks#uses} finds it.
 *
 * @param nodeId the node that names it
 * @param blockName the node's label, else its block's name
 * @param param the param's stable name
 * @param label the param's label, as the form shows it
 * @param path the path as the graph gives it, resolved against the graph's folder
 * @param real where it finally leads: links followed, {@code ..} removed (for a file that does not
 *     exist yet, its nearest existing folder's real path plus the rest)
 * @param writes whether the block writes it ({@link dev.blocksmith.engine.spi.NodeSpec#writes})
 * @param where whether it lies in the pipeline's folder, in an allowed place, or outside both
 */
public record PathUse(
    String nodeId,
    String blockName,
    String param,
    String label,
    Path path,
    Path real,
    boolean writes,
    Where where) {

  /** Where a path lies with respect to the pipeline's folder and the policy. */
  public enum Where {
    /** Inside the pipeline's own folder (or the graph has no folder: it was built in code). */
    INSIDE,
    /** In a folder the user allowed, or a path the user agreed to. */
    ALLOWED,
    /** Outside both: it needs the user's agreement. */
    OUTSIDE
  }

  /** Returns the path as the user should see it: with its real target when a link leads away. */
  public String shown() {
    return path.equals(real) ? path.toString() : path + " (leads to " + real + ")";
  }

  /** Returns "reads" or "writes". */
  public String verb() {
    return writes ? "writes" : "reads";
  }
}
