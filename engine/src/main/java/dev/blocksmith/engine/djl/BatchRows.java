package dev.blocksmith.engine.djl;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.index.NDIndex;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import dev.blocksmith.engine.model.Preprocessing.Encoded;
import java.nio.FloatBuffer;

/**
 * Cuts one epoch's shuffled training batches out of the encoded features.
 *
 * <p>On the CPU each batch is a new tensor of libtorch's own (uninitialised, from its allocator),
 * and the batch's rows are copied into its memory in Java, straight from the encoded values. No
 * copy of the features is kept in native memory, no index tensor is needed, and no tensor ever
 * points at Java memory, so nothing a block keeps from a batch can see it change. Gathering through
 * libtorch's indexing took about twice as long (measured, BENCHMARKS.md, issue 15).
 *
 * <p>On other devices the features are copied to the device once, and each batch is gathered there
 * through an index tensor of the epoch's order.
 */
final class BatchRows {
  private final Encoded train;
  private final int rowSize;
  private final NDArray resident;
  private float[] features;
  private long[] order;
  private NDArray epochResident;
  private NDArray index;

  /**
   * Prepares the batches of a training run.
   *
   * @param manager where the run's arrays live (its device decides how rows are gathered)
   * @param train the encoded training examples
   */
  BatchRows(NDManager manager, Encoded train) {
    this.train = train;
    this.rowSize = train.exampleSize();
    resident =
        manager.getDevice().isGpu() ? manager.create(train.features(), shape(train.rows())) : null;
  }

  /**
   * Starts an epoch: its batches are cut from {@code features} (the run's own, or an epoch's
   * augmented pictures in the same layout) in {@code order}; arrays it needs live in {@code
   * epochManager}.
   */
  void epoch(NDManager epochManager, float[] features, long[] order) {
    this.features = features;
    this.order = order;
    if (resident != null) {
      epochResident =
          features == train.features()
              ? resident
              : epochManager.create(features, shape(train.rows()));
      index = epochManager.create(order);
    }
  }

  /**
   * Returns the features of the rows {@code from} (inclusive) to {@code to} (exclusive) of the
   * epoch's order, shaped as a batch and owned by {@code batch}.
   */
  NDArray batch(NDManager batch, int from, int to) {
    if (resident != null) {
      NDArray rows = index.get(new NDIndex().addSliceDim(from, to));
      rows.attach(batch);
      NDArray bx = epochResident.get(rows);
      bx.attach(batch);
      return bx;
    }
    NDArray bx = batch.create(shape(to - from), DataType.FLOAT32);
    FloatBuffer into = bx.toByteBuffer(true).asFloatBuffer(); // the tensor's own memory
    for (int i = from; i < to; i++) {
      into.put(features, Math.toIntExact(order[i] * rowSize), rowSize);
    }
    return bx;
  }

  private Shape shape(long rows) {
    return new Shape(TrainingLoop.batchShape(rows, train));
  }
}
