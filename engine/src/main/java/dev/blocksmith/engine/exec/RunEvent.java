package dev.blocksmith.engine.exec;

import java.nio.file.Path;
import java.util.Map;

/**
 * Something that happened during a run. Listeners receive these in order per node; events of
 * different nodes may interleave.
 */
public sealed interface RunEvent {

  /** Returns the id of the run. */
  String runId();

  /** The run started on a device. */
  record RunStarted(String runId, String device, int nodeCount, Path runDir) implements RunEvent {}

  /** A node is waiting for its inputs or a free slot. */
  record NodeQueued(String runId, String nodeId) implements RunEvent {}

  /** A node started working. */
  record NodeStarted(String runId, String nodeId) implements RunEvent {}

  /** A node reports progress between 0 and 1. */
  record NodeProgress(String runId, String nodeId, double fraction, String message)
      implements RunEvent {}

  /** A node streams a metric (such as the loss at an epoch). */
  record NodeMetric(String runId, String nodeId, String name, int step, double value)
      implements RunEvent {}

  /** A node wrote a log line. */
  record NodeLog(String runId, String nodeId, String message) implements RunEvent {}

  /** A node finished; {@code headlines} has one line per output port. */
  record NodeFinished(String runId, String nodeId, long millis, Map<String, String> headlines)
      implements RunEvent {}

  /** A node's outputs came from the cache. */
  record NodeCached(String runId, String nodeId, Map<String, String> headlines)
      implements RunEvent {}

  /** A node failed, diverged, was cancelled or skipped. */
  record NodeFailed(String runId, String nodeId, NodeStatus status, String message, String fix)
      implements RunEvent {}

  /** The run ended. */
  record RunFinished(String runId, boolean success, long millis, Path runDir) implements RunEvent {}
}
