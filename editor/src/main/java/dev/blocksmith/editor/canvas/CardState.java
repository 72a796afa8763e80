package dev.blocksmith.editor.canvas;

import dev.blocksmith.engine.exec.NodeStatus;

/**
 * What a node's card shows beyond its block: run status, progress, a one-line result and a problem.
 *
 * @param status run status
 * @param progress progress between 0 and 1 while running, else -1
 * @param headline one-line result ("accuracy 94.0 %"), or empty
 * @param problem validation or failure message, or null
 */
public record CardState(NodeStatus status, double progress, String headline, String problem) {
  /** A card with nothing to report. */
  public static final CardState IDLE = new CardState(NodeStatus.IDLE, -1, "", null);

  /** Returns a copy with another status and progress. */
  public CardState withStatus(NodeStatus s, double p) {
    return new CardState(s, p, headline, problem);
  }

  /** Returns a copy with another headline. */
  public CardState withHeadline(String h) {
    return new CardState(status, progress, h == null ? "" : h, problem);
  }

  /** Returns a copy with another problem (null clears it). */
  public CardState withProblem(String p) {
    return new CardState(status, progress, headline, p);
  }

  /** Returns the status badge in words ("running 45 %"). */
  public String badge() {
    return switch (status) {
      case IDLE -> "idle";
      case QUEUED -> "queued";
      case RUNNING -> progress >= 0 ? "running " + Math.round(progress * 100) + " %" : "running";
      case DONE -> "done";
      case CACHED -> "cached";
      case FAILED -> "failed";
      case DIVERGED -> "diverged";
      case CANCELLED -> "cancelled";
      case SKIPPED -> "skipped";
    };
  }
}
