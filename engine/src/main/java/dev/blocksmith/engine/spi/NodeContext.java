package dev.blocksmith.engine.spi;

import ai.djl.Device;
import ai.djl.ndarray.NDManager;
import java.nio.file.Path;
import java.util.Optional;

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

  /**
   * Returns a value this block kept with {@link #keep} under the same name, in this run or an
   * earlier one, when the values on {@code inputs} are the same as now; otherwise empty. For work
   * that depends on some inputs only and not on the block's own settings: Evaluate's scores depend
   * on the model and the examples, not on the batch size or the report, so changing those does not
   * score again. What is kept lives in the run's cache (memory, then the user's cache folder), so
   * {@code run --no-cache} and clearing the cache reach it too; the key also names the block's code
   * and the device. The default keeps nothing.
   *
   * @param name what is kept, unique within the block (such as "scores of model")
   * @param type the kind of value kept
   * @param inputs the input ports the kept table depends on (unconnected ones count as absent)
   */
  default <V extends Value> Optional<V> recall(String name, Class<V> type, Port<?>... inputs) {
    return Optional.empty();
  }

  /**
   * Keeps a value for {@link #recall} with the same name and inputs. Best effort: it may be evicted
   * or not stored at all (no cache, or a value the disk cache has no format for, which is kept in
   * memory only), so a block never depends on it.
   */
  default void keep(String name, Value value, Port<?>... inputs) {}
}
