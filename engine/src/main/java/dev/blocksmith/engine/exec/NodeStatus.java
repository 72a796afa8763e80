package dev.blocksmith.engine.exec;

/** The state of a node during and after a run, as shown on its card. */
public enum NodeStatus {
  /** Not part of a run yet. */
  IDLE,
  /** Waiting for its inputs or for a free slot. */
  QUEUED,
  /** Working. */
  RUNNING,
  /** Finished and produced its outputs. */
  DONE,
  /** Its outputs came from the cache; it did not run again. */
  CACHED,
  /** It failed; see the message. */
  FAILED,
  /** Training became unstable (loss NaN or infinite). */
  DIVERGED,
  /** The user cancelled it. */
  CANCELLED,
  /** It did not run because something upstream failed. */
  SKIPPED
}
