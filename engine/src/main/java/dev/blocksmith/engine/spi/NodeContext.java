package dev.blocksmith.engine.spi;

import ai.djl.Device;
import ai.djl.ndarray.NDManager;
import java.nio.file.Path;

/**
 * What a block sees while it runs: progress, logging, metrics, cancellation, the chosen device, the
 * seed, and a DJL sub-manager that the engine closes when the block returns.
 */
public interface NodeContext {

  /** Returns the id of the running node. */
  String nodeId();

  /** Reports progress between 0 and 1, with a short plain-language message (may be null). */
  void progress(double fraction, String message);

  /** Writes a line to the run log. */
  void log(String message);

  /** Streams a metric, such as the training loss at an epoch. */
  void metric(String name, int step, double value);

  /** Returns whether the user cancelled. */
  boolean isCancelled();

  /** Throws {@link CancelledException} when the user cancelled; call it once per batch or row. */
  default void checkCancelled() throws CancelledException {
    if (isCancelled()) {
      throw new CancelledException(nodeId());
    }
  }

  /**
   * Returns a DJL manager owned by this node's run: arrays made with it are freed when the node
   * returns, so nothing native may escape into an output value.
   */
  NDManager manager();

  /** Returns the device chosen for this run (GPU when present unless overridden, else CPU). */
  Device device();

  /** Returns the run's seed, for deterministic sampling and initialisation. */
  long seed();

  /** Returns the folder of the graph file, for resolving relative paths (may be null). */
  Path baseDir();

  /** Returns a folder where this node may write files for this run. */
  Path workDir();
}
