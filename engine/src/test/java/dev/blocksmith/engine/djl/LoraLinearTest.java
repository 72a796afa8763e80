package dev.blocksmith.engine.djl;

import static org.assertj.core.api.Assertions.assertThat;

import ai.djl.Model;
import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Block;
import ai.djl.nn.SequentialBlock;
import ai.djl.nn.core.Linear;
import ai.djl.training.ParameterStore;
import dev.blocksmith.engine.model.ArchSpec;
import dev.blocksmith.engine.model.Architectures;
import dev.blocksmith.engine.model.Preprocessing.Encoded;
import dev.blocksmith.engine.model.Weights;
import dev.blocksmith.engine.testing.TestContext;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

class LoraLinearTest {

  /** Two noisy blobs on either side of a tilted line. */
  private static Encoded blobs(int n, long seed) {
    Random r = new Random(seed);
    float[] x = new float[2 * n];
    float[] y = new float[n];
    for (int i = 0; i < n; i++) {
      x[2 * i] = (float) r.nextGaussian();
      x[2 * i + 1] = (float) r.nextGaussian();
      y[i] = x[2 * i] + 0.5f * x[2 * i + 1] > 0 ? 1 : 0;
    }
    return new Encoded(x, y, n, List.of(2));
  }

  private static float[] predict(Block block, Model model, float[] x, int rows) {
    NDArray in = model.getNDManager().create(x, new Shape(rows, 2));
    return block
        .forward(new ParameterStore(model.getNDManager(), false), new NDList(in), false)
        .head()
        .toFloatArray();
  }

  @Test
  void trainsOnlyTheAdaptersAndMergesToTheSamePredictions() throws Exception {
    ArchSpec spec = ArchSpec.mlp(List.of(2), List.of(16, 16), 2, ArchSpec.Task.CLASSIFICATION);
    Encoded data = blobs(400, 1);
    try (TestContext ctx = new TestContext("lora");
        Model model = Model.newInstance("lora", ctx.device())) {
      Engine.getInstance().setRandomSeed(3);
      SequentialBlock net = Architectures.build(spec);
      net.initialize(model.getNDManager(), DataType.FLOAT32, new Shape(1, 2));
      List<Weights.Tensor> before = Weights.read(net);
      SequentialBlock wrapped = new SequentialBlock();
      for (var child : net.getChildren()) {
        wrapped.add(
            child.getValue() instanceof Linear l ? new LoraLinear(l, 2, 4f) : child.getValue());
      }
      model.setBlock(wrapped);
      TrainingLoop.run(
          model,
          data,
          null,
          new TrainConfig(
              5,
              32,
              0.05,
              TrainConfig.Optimizer.ADAM,
              TrainConfig.Loss.SOFTMAX_CROSS_ENTROPY,
              0,
              7),
          ctx);
      List<Weights.Tensor> frozen = Weights.read(net);
      for (int i = 0; i < before.size(); i++) {
        assertThat(frozen.get(i).data())
            .as(before.get(i).name())
            .containsExactly(before.get(i).data());
      }
      long adapters = 0;
      for (var child : wrapped.getChildren()) {
        if (child.getValue() instanceof LoraLinear lora) {
          adapters += lora.adapterSize();
        }
      }
      assertThat(adapters).isEqualTo(2 * (2 + 16) + 2 * (16 + 16) + 2 * (16 + 2));
      float[] unmerged = predict(wrapped, model, data.features(), data.rows());
      for (var child : wrapped.getChildren()) {
        if (child.getValue() instanceof LoraLinear lora) {
          lora.merge();
        }
      }
      float[] merged = predict(net, model, data.features(), data.rows());
      assertThat(Weights.read(net).get(0).data()).isNotEqualTo(before.get(0).data());
      // Predicted probabilities agree within 1e-5; raw scores within 1e-5 of their size.
      for (int i = 0; i < merged.length; i += 2) {
        double p = 1 / (1 + Math.exp(merged[i] - merged[i + 1]));
        double q = 1 / (1 + Math.exp(unmerged[i] - unmerged[i + 1]));
        assertThat(p).isCloseTo(q, org.assertj.core.data.Offset.offset(1e-5));
        for (int j = i; j < i + 2; j++) {
          assertThat(Math.abs(merged[j] - unmerged[j]))
              .isLessThanOrEqualTo(1e-5f * Math.max(1, Math.abs(unmerged[j])));
        }
      }
    }
  }
}
