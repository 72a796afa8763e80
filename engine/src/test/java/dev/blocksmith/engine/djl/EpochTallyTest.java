package dev.blocksmith.engine.djl;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.pytorch.jni.JniUtils;
import ai.djl.training.GradientCollector;
import dev.blocksmith.engine.testing.TestContext;
import org.junit.jupiter.api.Test;

class EpochTallyTest {

  /**
   * The tally keeps detached copies of each batch's loss and scores: they must survive the batch's
   * manager being closed (the loop closes it right after {@code add}; the copies are made on that
   * manager and must be moved out of it) and add up to the batches' values.
   */
  @Test
  void keepsDetachedValuesThatOutliveTheBatch() throws Exception {
    try (TestContext ctx = new TestContext("train");
        NDManager epoch = NDManager.newBaseManager()) {
      NDArray w = epoch.create(new float[] {1f, -1f});
      w.setRequiresGradient(true);
      NDArray labels = epoch.create(new float[] {0f, 1f, 1f});
      EpochTally tally = new EpochTally(ctx, 1, 0.1, true);
      tally.start(epoch, labels);
      float[][] rows = {{2f, 1f}, {0f, 3f}, {1f, 4f}};
      double expectedLoss = 0;
      for (float[] row : rows) {
        try (NDManager batch = epoch.newSubManager()) {
          NDArray x = batch.create(row).reshape(1, 2);
          NDArray scores;
          NDArray loss;
          try (GradientCollector gc = Engine.getInstance().newGradientCollector()) {
            scores = x.mul(w);
            loss = scores.sum();
            gc.backward(loss);
          }
          expectedLoss += row[0] - row[1];
          tally.add(loss, scores, 1);
        }
      }
      tally.flush();
      assertThat(tally.lossSum()).isCloseTo(expectedLoss, within(1e-6));
      // argMax of (x0, -x1): class 0 for every row here; only the first label is 0.
      assertThat(tally.correct()).isEqualTo(1.0);
      assertThat(w.getGradient().toFloatArray()).containsExactly(3f, 8f);
    }
  }

  @Test
  void noGradRestoresTheThreadsMode() {
    Engine.getInstance();
    boolean before = JniUtils.isGradMode();
    boolean was = NoGrad.stop();
    assertThat(was).isEqualTo(before);
    assertThat(JniUtils.isGradMode()).isFalse();
    NoGrad.restore(was);
    assertThat(JniUtils.isGradMode()).isEqualTo(before);
  }
}
