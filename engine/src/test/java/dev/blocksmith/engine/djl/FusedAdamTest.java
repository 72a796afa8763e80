package dev.blocksmith.engine.djl;

import static org.assertj.core.api.Assertions.assertThat;

import ai.djl.Device;
import ai.djl.Model;
import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Activation;
import ai.djl.nn.SequentialBlock;
import ai.djl.nn.core.Linear;
import ai.djl.training.DefaultTrainingConfig;
import ai.djl.training.GradientCollector;
import ai.djl.training.Trainer;
import ai.djl.training.loss.Loss;
import ai.djl.training.optimizer.Optimizer;
import ai.djl.training.tracker.Tracker;
import org.junit.jupiter.api.Test;

/** The in-place Adam must follow the same trajectory as DJL's own Adam. */
class FusedAdamTest {

  @Test
  void fusedAdamMatchesDjlAdamOverManySteps() {
    float[] fused = train(new FusedAdam(0.01f, 0f));
    float[] djl = train(Optimizer.adam().optLearningRateTracker(Tracker.fixed(0.01f)).build());
    assertThat(fused).hasSameSizeAs(djl);
    for (int i = 0; i < fused.length; i++) {
      assertThat(fused[i])
          .as("weight %d", i)
          .isCloseTo(djl[i], org.assertj.core.data.Offset.offset(2e-4f));
    }
  }

  @Test
  void fusedAdamLowersTheLoss() {
    float[] before = new float[1];
    float[] after = new float[1];
    train(new FusedAdam(0.01f, 0f), before, after);
    assertThat(after[0]).isLessThan(before[0] * 0.5f);
  }

  @Test
  void decoupledWeightDecayFollowsAdamWStepByStep() {
    float lr = 0.05f;
    float decay = 0.1f;
    float[] start = {0.5f, -1.5f, 2f, 0f};
    float[] slope = {1f, -2f, 0.25f, 3f};
    FusedAdam adam = new FusedAdam(lr, decay);
    double[] w = new double[start.length];
    double[] m = new double[start.length];
    double[] v = new double[start.length];
    for (int i = 0; i < w.length; i++) {
      w[i] = start[i];
    }
    try (NDManager nd = NDManager.newBaseManager(Device.cpu())) {
      NDArray weight = nd.create(start);
      weight.setRequiresGradient(true);
      for (int t = 1; t <= 5; t++) {
        // loss = Σ slope·w², so the gradient is 2·slope·w
        try (GradientCollector gc = Engine.getInstance().newGradientCollector()) {
          gc.backward(weight.square().mul(nd.create(slope)).sum());
        }
        adam.update("w", weight, weight.getGradient());
        for (int i = 0; i < w.length; i++) {
          double g = 2 * slope[i] * w[i];
          w[i] -= lr * decay * w[i];
          m[i] = 0.9 * m[i] + 0.1 * g;
          v[i] = 0.999 * v[i] + 0.001 * g * g;
          double step = lr * Math.sqrt(1 - Math.pow(0.999, t)) / (1 - Math.pow(0.9, t));
          w[i] -= step * m[i] / (Math.sqrt(v[i]) + 1e-8);
        }
        float[] got = weight.toFloatArray();
        for (int i = 0; i < w.length; i++) {
          assertThat((double) got[i])
              .as("step %d weight %d", t, i)
              .isCloseTo(w[i], org.assertj.core.data.Offset.offset(1e-5));
        }
        assertThat(weight.getGradient().abs().sum().getFloat()).as("gradient zeroed").isZero();
      }
    }
  }

  private static float[] train(Optimizer optimizer) {
    return train(optimizer, new float[1], new float[1]);
  }

  private static float[] train(Optimizer optimizer, float[] firstLoss, float[] lastLoss) {
    Engine.getInstance().setRandomSeed(7);
    SequentialBlock net =
        new SequentialBlock()
            .add(Linear.builder().setUnits(16).build())
            .add(Activation.reluBlock())
            .add(Linear.builder().setUnits(3).build());
    DefaultTrainingConfig tc =
        new DefaultTrainingConfig(Loss.softmaxCrossEntropyLoss())
            .optOptimizer(optimizer)
            .optDevices(new Device[] {Device.cpu()});
    try (Model model = Model.newInstance("adam", Device.cpu())) {
      model.setBlock(net);
      try (Trainer trainer = model.newTrainer(tc);
          NDManager data = model.getNDManager().newSubManager()) {
        trainer.initialize(new Shape(1, 4));
        NDArray x = data.randomNormal(new Shape(64, 4));
        NDArray y =
            x.get(":, 0")
                .gt(0)
                .toType(ai.djl.ndarray.types.DataType.FLOAT32, false)
                .add(x.get(":, 1").gt(0).toType(ai.djl.ndarray.types.DataType.FLOAT32, false));
        for (int step = 0; step < 60; step++) {
          try (GradientCollector gc = trainer.newGradientCollector()) {
            NDArray loss =
                trainer.getLoss().evaluate(new NDList(y), trainer.forward(new NDList(x)));
            if (step == 0) {
              firstLoss[0] = loss.getFloat();
            }
            lastLoss[0] = loss.getFloat();
            gc.backward(loss);
          }
          if (optimizer instanceof FusedAdam f) {
            f.step(trainer);
          } else {
            trainer.step();
          }
        }
        return net.getChildren()
            .get(0)
            .getValue()
            .getParameters()
            .get(0)
            .getValue()
            .getArray()
            .toFloatArray();
      }
    }
  }
}
