package dev.blocksmith.engine.djl;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDArrays;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.index.NDIndex;
import ai.djl.ndarray.types.DataType;
import dev.blocksmith.engine.spi.NodeContext;
import dev.blocksmith.engine.spi.NodeException;

/**
 * Sums the loss and counts correct predictions over one epoch without reading a value back from the
 * engine after every batch. Each batch's loss and class scores stay on the device; every {@link
 * #FLUSH_BATCHES} batches (and at the end of the epoch) they are read back in one go, the losses
 * are checked for NaN/infinity (naming the first bad batch) and added up. Reading back per batch
 * cost a host sync and four extra engine calls per step, which on small models was a large share of
 * the step.
 */
final class EpochTally {

  /** Batches between read-backs: bounds how late a diverged loss is noticed. */
  static final int FLUSH_BATCHES = 32;

  private final NodeContext ctx;
  private final int epoch;
  private final double learningRate;
  private final boolean classify;
  private final NDArray[] losses = new NDArray[FLUSH_BATCHES];
  private final NDArray[] predictions = new NDArray[FLUSH_BATCHES];
  private final long[] sizes = new long[FLUSH_BATCHES];
  private NDManager epochManager;
  private NDManager pending;
  private NDArray labels;
  private int count;
  private int batchesDone;
  private long rowsDone;
  private double lossSum;
  private double correct;

  EpochTally(NodeContext ctx, int epoch, double learningRate, boolean classify) {
    this.ctx = ctx;
    this.epoch = epoch;
    this.learningRate = learningRate;
    this.classify = classify;
  }

  /** Starts the epoch; {@code shuffledLabels} are the labels in the order batches are cut. */
  void start(NDManager manager, NDArray shuffledLabels) {
    epochManager = manager;
    pending = manager.newSubManager();
    labels = classify ? shuffledLabels.toType(DataType.INT64, false) : null;
    if (labels != null) {
      labels.attach(manager);
    }
  }

  /**
   * Keeps one batch's mean loss and (when classifying) its outputs (class scores); reads back when
   * enough have gathered. The arrays are already computed; keeping them costs no engine call.
   *
   * @throws NodeException of kind DIVERGED when a read-back finds a NaN or infinite loss
   */
  void add(NDArray loss, NDArray scores, long rows) throws NodeException {
    // Keep detached copies (same storage, no autograd history): holding the batch's own outputs
    // kept each batch's graph alive until the read-back, and with it memory that made the next
    // batches erratically slower (up to 4x on the CNN; see BENCHMARKS.md, issue 15).
    NDArray kept = loss.stopGradient();
    kept.attach(pending);
    losses[count] = kept;
    if (scores != null) {
      NDArray keptScores = scores.stopGradient();
      keptScores.attach(pending);
      predictions[count] = keptScores;
    }
    sizes[count] = rows;
    count++;
    if (count == FLUSH_BATCHES) {
      flush();
    }
  }

  /** Reads back what has gathered, checks it and adds it up. */
  void flush() throws NodeException {
    if (count == 0) {
      return;
    }
    float[] values =
        NDArrays.stack(new NDList(java.util.Arrays.copyOf(losses, count))).toFloatArray();
    long rows = 0;
    for (int i = 0; i < count; i++) {
      if (!Float.isFinite(values[i])) {
        throw TrainingLoop.diverged(ctx, epoch, batchesDone + i + 1, learningRate);
      }
      lossSum += (double) values[i] * sizes[i];
      rows += sizes[i];
    }
    if (classify) {
      NDArray scores =
          count == 1
              ? predictions[0]
              : NDArrays.concat(new NDList(java.util.Arrays.copyOf(predictions, count)));
      NDArray guessed = scores.argMax(1);
      NDArray truth = labels.get(new NDIndex().addSliceDim(rowsDone, rowsDone + rows));
      truth.attach(pending);
      correct += guessed.eq(truth).countNonzero().getLong();
    }
    batchesDone += count;
    rowsDone += rows;
    java.util.Arrays.fill(losses, null);
    java.util.Arrays.fill(predictions, null);
    count = 0;
    pending.close();
    pending = epochManager.newSubManager();
  }

  /** Returns the loss summed over the examples read back so far. */
  double lossSum() {
    return lossSum;
  }

  /** Returns the number of correct predictions read back so far. */
  double correct() {
    return correct;
  }
}
