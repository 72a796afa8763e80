package dev.blocksmith.engine.djl;

import static org.assertj.core.api.Assertions.assertThat;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import dev.blocksmith.engine.model.Preprocessing.Encoded;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

class BatchRowsTest {

  /**
   * Every batch holds exactly the epoch's rows in the epoch's order, shaped as examples, including
   * the short last batch; a batch cut after the previous one closed does not change what the engine
   * computed from the previous one.
   */
  @Test
  void cutsTheEpochsRowsInOrder() {
    int rows = 11;
    int size = 6; // examples of shape 2 x 3
    float[] features = new float[rows * size];
    for (int i = 0; i < features.length; i++) {
      features[i] = i / (float) size; // row r holds r, r + 1/6, ...
    }
    Encoded train = new Encoded(features, new float[rows], rows, List.of(2, 3));
    long[] order = TrainingLoop.permutation(rows, new Random(7));
    try (NDManager manager = NDManager.newBaseManager()) {
      BatchRows batches = new BatchRows(manager, train);
      batches.epoch(manager, features, order);
      NDArray firstSum = null;
      float firstExpected = 0;
      for (int from = 0; from < rows; from += 4) {
        int to = Math.min(rows, from + 4);
        float[] expected = new float[(to - from) * size];
        for (int i = from; i < to; i++) {
          System.arraycopy(features, (int) order[i] * size, expected, (i - from) * size, size);
        }
        try (NDManager batch = manager.newSubManager()) {
          NDArray bx = batches.batch(batch, from, to);
          assertThat(bx.getShape().getShape()).containsExactly(to - from, 2, 3);
          assertThat(bx.toFloatArray()).containsExactly(expected);
          if (firstSum == null) {
            firstSum = bx.sum();
            firstSum.attach(manager); // a result: later batches must not change it
            for (float v : expected) {
              firstExpected += v;
            }
          }
        }
      }
      assertThat(firstSum.getFloat()).isEqualTo(firstExpected);
    }
  }

  /** An epoch's own features (augmented pictures) are what its batches are cut from. */
  @Test
  void usesTheEpochsFeatures() {
    float[] features = new float[4 * 2];
    Arrays.fill(features, 1f);
    float[] varied = new float[4 * 2];
    Arrays.fill(varied, 5f);
    Encoded train = new Encoded(features, new float[4], 4, List.of(2));
    try (NDManager manager = NDManager.newBaseManager()) {
      BatchRows batches = new BatchRows(manager, train);
      batches.epoch(manager, varied, new long[] {3, 2, 1, 0});
      try (NDManager batch = manager.newSubManager()) {
        assertThat(batches.batch(batch, 0, 4).toFloatArray()).containsOnly(5f);
      }
      batches.epoch(manager, features, new long[] {0, 1, 2, 3});
      try (NDManager batch = manager.newSubManager()) {
        assertThat(batches.batch(batch, 1, 3).toFloatArray()).containsExactly(1f, 1f, 1f, 1f);
      }
    }
  }
}
