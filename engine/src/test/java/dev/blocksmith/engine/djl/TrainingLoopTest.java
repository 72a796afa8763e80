package dev.blocksmith.engine.djl;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import ai.djl.Model;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.ParameterStore;
import ai.djl.training.loss.Loss;
import dev.blocksmith.engine.model.ArchSpec;
import dev.blocksmith.engine.model.Architectures;
import dev.blocksmith.engine.model.Preprocessing.Encoded;
import dev.blocksmith.engine.spi.NodeException;
import dev.blocksmith.engine.testing.TestContext;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

class TrainingLoopTest {

  /** Two Gaussian blobs in 2-D, labels 0 and 1; {@code noiseLabels} makes labels random. */
  private static Encoded blobs(int n, long seed, boolean randomLabels) {
    Random r = new Random(seed);
    float[] x = new float[n * 2];
    float[] y = new float[n];
    for (int i = 0; i < n; i++) {
      int c = i % 2;
      x[2 * i] = (float) (r.nextGaussian() + (c == 0 ? -2 : 2));
      x[2 * i + 1] = (float) r.nextGaussian();
      y[i] = randomLabels ? r.nextInt(2) : c;
    }
    return new Encoded(x, y, n, List.of(2));
  }

  private static Model mlp(List<Integer> hidden) {
    Model model = Model.newInstance("test");
    model.setBlock(
        Architectures.build(ArchSpec.mlp(List.of(2), hidden, 2, ArchSpec.Task.CLASSIFICATION)));
    return model;
  }

  private static TrainConfig config(
      int epochs, double lr, TrainConfig.Optimizer opt, int patience) {
    return new TrainConfig(
        epochs, 16, lr, opt, TrainConfig.Loss.SOFTMAX_CROSS_ENTROPY, patience, 1);
  }

  @Test
  void learnsSeparableBlobsAndStreamsMetrics() throws Exception {
    try (TestContext ctx = new TestContext("train");
        Model model = mlp(List.of(8))) {
      TrainingLoop.Result r =
          TrainingLoop.run(
              model,
              blobs(200, 1, false),
              blobs(100, 2, false),
              config(5, 0.05, TrainConfig.Optimizer.ADAM, 0),
              ctx);
      assertThat(r.epochsRun()).isEqualTo(5);
      assertThat(ctx.metrics().get("validation accuracy")).hasSize(5);
      assertThat(ctx.metrics().get("validation accuracy").get(4)).isGreaterThan(0.9);
      assertThat(r.history())
          .extracting(c -> c.name())
          .containsExactly(
              "train loss", "validation loss", "train accuracy", "validation accuracy");
      // Progress is throttled in time but always reported at the end of each epoch.
      assertThat(ctx.progressCalls()).isBetween(5, 5 * 13);
    }
  }

  /** Guards against DJL's first-step check, which refuses a linear softmax model's gradients. */
  @Test
  void linearSoftmaxModelLearnsDespiteCancellingGradients() throws Exception {
    try (TestContext ctx = new TestContext("train");
        Model model = mlp(List.of())) {
      TrainingLoop.run(
          model,
          blobs(200, 1, false),
          blobs(100, 2, false),
          config(5, 0.05, TrainConfig.Optimizer.ADAM, 0),
          ctx);
      assertThat(ctx.metrics().get("validation accuracy").get(4)).isGreaterThan(0.9);
    }
  }

  @Test
  void cancellationBeforeTheFirstEpochEndsFails() throws Exception {
    try (TestContext ctx = new TestContext("train");
        Model model = mlp(List.of(8))) {
      ctx.cancel();
      assertThatThrownBy(
              () ->
                  TrainingLoop.run(
                      model,
                      blobs(400, 1, false),
                      null,
                      config(50, 0.01, TrainConfig.Optimizer.ADAM, 0),
                      ctx))
          .isInstanceOf(NodeException.class)
          .extracting(e -> ((NodeException) e).kind())
          .isEqualTo(NodeException.Kind.CANCELLED);
      assertThat(ctx.progressCalls()).isZero();
    }
  }

  @Test
  void cancellingLaterStopsWithinOneBatchAndKeepsTheBestWeightsSoFar() throws Exception {
    int[] progressAfterCancel = {0};
    try (TestContext ctx = new TestContext("train");
        Model model = mlp(List.of(8))) {
      // Cancel as soon as the third epoch's validation loss is in.
      ctx.onMetric(
          c -> {
            if (!c.isCancelled()
                && c.metrics().getOrDefault("validation loss", List.of()).size() == 3) {
              c.cancel();
            }
          });
      ctx.onProgress(
          c -> {
            if (c.isCancelled()) {
              progressAfterCancel[0]++;
            }
          });
      Encoded validation = blobs(100, 2, false);
      TrainingLoop.Result r =
          TrainingLoop.run(
              model,
              blobs(400, 1, false),
              validation,
              config(50, 0.01, TrainConfig.Optimizer.ADAM, 5),
              ctx);
      assertThat(r.cancelled()).isTrue();
      assertThat(r.epochsRun()).isEqualTo(3);
      List<Double> losses = ctx.metrics().get("validation loss");
      int best = 1 + losses.indexOf(losses.stream().min(Double::compare).orElseThrow());
      assertThat(r.bestEpoch()).isEqualTo(best);
      assertThat(progressAfterCancel[0]).isLessThanOrEqualTo(1);
      assertThat(ctx.logText()).contains("Cancelled during epoch 4: keeping the weights of epoch");
      // The model holds the best epoch's weights: its validation loss is the one recorded then.
      double now = validationLoss(model, validation);
      assertThat(now).isCloseTo(losses.get(best - 1), within(1e-3));
    }
  }

  @Test
  void hugeLearningRateEndsAsDivergedWithAdvice() {
    try (TestContext ctx = new TestContext("train");
        Model model = mlp(List.of(32, 32))) {
      assertThatThrownBy(
              () ->
                  TrainingLoop.run(
                      model,
                      blobs(200, 1, false),
                      null,
                      config(50, 1e6, TrainConfig.Optimizer.SGD, 0),
                      ctx))
          .isInstanceOfSatisfying(
              NodeException.class,
              e -> {
                assertThat(e.kind()).isEqualTo(NodeException.Kind.DIVERGED);
                assertThat(e.param()).isEqualTo("learningRate");
                assertThat(e.fix()).contains("10× smaller");
                assertThat(e.nodeId()).isEqualTo("train");
              });
    }
  }

  @Test
  void earlyStoppingRestoresTheBestWeights() throws Exception {
    Encoded train = blobs(40, 3, true);
    Encoded validation = blobs(200, 4, true);
    try (TestContext ctx = new TestContext("train");
        Model model = mlp(List.of(128, 128))) {
      TrainConfig config = config(300, 0.01, TrainConfig.Optimizer.ADAM, 5);
      TrainingLoop.Result r = TrainingLoop.run(model, train, validation, config, ctx);
      List<Double> val = ctx.metrics().get("validation loss");
      double min = val.stream().mapToDouble(d -> d).min().orElseThrow();
      assertThat(r.stoppedEarly()).isTrue();
      // 40 rows in batches of 16 are 3 steps an epoch: patience waits for 200 steps, 67 epochs.
      assertThat(config.patienceEpochs(3)).isEqualTo(67);
      assertThat(r.epochsRun()).isEqualTo(r.bestEpoch() + 67);
      assertThat(val.get(r.bestEpoch() - 1)).isEqualTo(min);
      assertThat(val.get(val.size() - 1)).isGreaterThan(min);
      assertThat(validationLoss(model, validation)).isCloseTo(min, within(1e-3));
    }
  }

  @Test
  void patienceCountsStepsSoSmallTablesAreNotStoppedAfterAFewSteps() {
    TrainConfig config = config(30, 0.01, TrainConfig.Optimizer.ADAM, 5);
    assertThat(config.patienceEpochs(4)).isEqualTo(50);
    assertThat(config.patienceEpochs(1000)).isEqualTo(5);
    assertThat(config(30, 0.01, TrainConfig.Optimizer.ADAM, 0).patienceEpochs(4)).isZero();
  }

  private static double validationLoss(Model model, Encoded v) {
    try (NDManager m = NDManager.newBaseManager()) {
      NDArray x = m.create(v.features(), new Shape(v.rows(), 2));
      NDArray y = m.create(v.labels());
      NDList pred = model.getBlock().forward(new ParameterStore(m, false), new NDList(x), false);
      return Loss.softmaxCrossEntropyLoss().evaluate(new NDList(y), pred).getFloat();
    }
  }
}
