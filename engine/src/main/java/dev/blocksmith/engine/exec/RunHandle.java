package dev.blocksmith.engine.exec;

import java.util.concurrent.CompletableFuture;

/** A run in progress: it can be cancelled and awaited. */
public interface RunHandle {

  /** Returns the run's id. */
  String runId();

  /** Asks every running node to stop at its next check (within one batch for training). */
  void cancel();

  /** Asks one node to stop; nodes that depend on it are skipped. */
  void cancel(String nodeId);

  /** Returns the future result; it completes when every node has ended. */
  CompletableFuture<RunResult> result();
}
