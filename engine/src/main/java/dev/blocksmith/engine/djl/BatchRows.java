package dev.blocksmith.engine.djl;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.index.NDIndex;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import dev.blocksmith.engine.model.Preprocessing.Encoded;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.FloatBuffer;

/**
 * Cuts one epoch's shuffled training batches out of the encoded features.
 *
 * <p>On the CPU the rows are copied in Java, straight from the encoded values into one direct
 * buffer that is reused for every batch and that libtorch reads in place. No copy of the features
 * is kept in native memory, and no index tensor is needed. Gathering through libtorch's indexing
 * took ≈ 3× PyTorch's time for the same batches (measured, BENCHMARKS.md, issue 15). Each batch's
 * tensor must be closed before the next batch is cut, which {@link TrainingLoop} does (every batch
 * lives in its own sub-manager). Nothing kept from a batch shares its storage: the kept losses and
 * scores are results, and the autograd graph that saved the input is freed by the backward pass.
 *
 * <p>On other devices the features are copied to the device once, and each batch is gathered there
 * through an index tensor of the epoch's order.
 */
final class BatchRows {
  private final Encoded train;
  private final int rowSize;
  private final ByteBuffer bytes;
  private final FloatBuffer floats;
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
   * @param batchSize the most rows a batch holds
   */
  BatchRows(NDManager manager, Encoded train, int batchSize) {
    this.train = train;
    this.rowSize = train.exampleSize();
    if (manager.getDevice().isGpu()) {
      bytes = null;
      floats = null;
      resident = manager.create(train.features(), shape(train.rows()));
    } else {
      long size = (long) Math.max(1, Math.min(batchSize, train.rows())) * rowSize * Float.BYTES;
      // 64-byte aligned, as libtorch aligns its own tensors (vector loads, BLAS packing); an
      // aligned slice's capacity is rounded down to whole 64-byte units, hence the spare unit.
      long capacity = (size + 63) / 64 * 64 + 64;
      if (capacity > Integer.MAX_VALUE) {
        throw new IllegalArgumentException(
            "a batch of "
                + batchSize
                + " rows of "
                + rowSize
                + " values does not fit in one buffer; use a smaller batch size");
      }
      bytes =
          ByteBuffer.allocateDirect((int) capacity).alignedSlice(64).order(ByteOrder.nativeOrder());
      floats = bytes.asFloatBuffer();
      resident = null;
    }
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
   * epoch's order, shaped as a batch and owned by {@code batch}; the caller closes it before asking
   * for the next batch.
   */
  NDArray batch(NDManager batch, int from, int to) {
    if (resident != null) {
      NDArray rows = index.get(new NDIndex().addSliceDim(from, to));
      rows.attach(batch);
      NDArray bx = epochResident.get(rows);
      bx.attach(batch);
      return bx;
    }
    floats.clear();
    for (int i = from; i < to; i++) {
      floats.put(features, Math.toIntExact(order[i] * rowSize), rowSize);
    }
    ByteBuffer view = bytes.slice(0, (to - from) * rowSize * Float.BYTES);
    return batch.create(view, shape(to - from), DataType.FLOAT32);
  }

  private Shape shape(long rows) {
    return new Shape(TrainingLoop.batchShape(rows, train));
  }
}
