package dev.blocksmith.engine.exec;

import dev.blocksmith.engine.plan.PlanStep;
import dev.blocksmith.engine.spi.NodeException;
import dev.blocksmith.engine.spi.PortSpec;
import java.util.Map;

/** Turns whatever a block threw into a node status with a plain message and a fix. */
final class Failures {
  private Failures() {}

  /**
   * How a node ended when it did not produce its outputs.
   *
   * @param status FAILED, DIVERGED or CANCELLED
   * @param message what happened
   * @param fix what to do about it
   */
  record Outcome(NodeStatus status, String message, String fix) {}

  /** Returns a failure when a block returned without one of its declared outputs, else null. */
  static Outcome checkOutputs(PlanStep step, Map<String, Object> out) {
    for (PortSpec p : step.type().spec().outputs()) {
      if (out == null || out.get(p.name()) == null) {
        return new Outcome(
            NodeStatus.FAILED,
            "'"
                + step.displayName()
                + "' ("
                + step.id()
                + ") finished without producing its '"
                + p.label()
                + "' output.",
            "This is a bug in the block '"
                + step.type().spec().id()
                + "'; report it with the"
                + " graph file.");
      }
    }
    return null;
  }

  /** Returns the outcome for an exception, logging its stack trace to the run folder. */
  static Outcome of(PlanStep step, Throwable t, RunFolder folder, boolean cancelled) {
    String name = "'" + step.displayName() + "' (" + step.id() + ")";
    if (t instanceof NodeException ne) {
      if (ne.getCause() != null) {
        folder.logError(step.id(), ne);
      }
      NodeStatus s =
          switch (ne.kind()) {
            case DIVERGED -> NodeStatus.DIVERGED;
            case CANCELLED -> NodeStatus.CANCELLED;
            default -> NodeStatus.FAILED;
          };
      String msg = ne.getMessage() == null ? name + " failed." : ne.getMessage();
      return new Outcome(s, msg, ne.fix() == null ? "" : ne.fix());
    }
    folder.logError(step.id(), t);
    if (t instanceof InterruptedException || (cancelled && !(t instanceof Error))) {
      // A block that was told to stop may fail in odd ways on its way out; that is a cancel.
      return new Outcome(NodeStatus.CANCELLED, "Cancelled.", "");
    }
    if (t instanceof OutOfMemoryError) {
      return new Outcome(
          NodeStatus.FAILED,
          name + " ran out of memory.",
          "Use fewer rows, smaller images, a smaller batch size or a smaller model.");
    }
    String detail = t.getMessage() == null ? "" : ": " + t.getMessage();
    return new Outcome(
        NodeStatus.FAILED,
        name + " stopped with an unexpected error (" + t.getClass().getSimpleName() + detail + ").",
        "The full details are in log.txt in the run folder. Check the block's input and"
            + " settings; if they look right, report the bug with that file.");
  }
}
