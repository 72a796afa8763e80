package dev.blocksmith.nodes.train;

import static org.assertj.core.api.Assertions.assertThat;

import dev.blocksmith.engine.model.TrainedModel;
import dev.blocksmith.engine.testing.TestContext;
import dev.blocksmith.engine.value.NumberColumn;
import dev.blocksmith.engine.value.Table;
import dev.blocksmith.nodes.Run;
import dev.blocksmith.nodes.Score;
import dev.blocksmith.nodes.data.SampleData;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** LoRA adapts a moons classifier to rotated moons while training a small share of weights. */
class LoraFineTuneTest {

  /** Returns the moons with x and y turned by {@code degrees} around the origin. */
  static Table rotated(Table t, double degrees) {
    double c = Math.cos(Math.toRadians(degrees));
    double s = Math.sin(Math.toRadians(degrees));
    double[] x = ((NumberColumn) t.column("x").orElseThrow()).toArray();
    double[] y = ((NumberColumn) t.column("y").orElseThrow()).toArray();
    double[] rx = new double[x.length];
    double[] ry = new double[y.length];
    for (int i = 0; i < x.length; i++) {
      rx[i] = c * x[i] - s * y[i];
      ry[i] = s * x[i] + c * y[i];
    }
    return t.withColumn(new NumberColumn("x", rx)).withColumn(new NumberColumn("y", ry));
  }

  @Test
  void adaptersImproveAShiftedTaskTrainingFewerParameters() throws Exception {
    try (TestContext ctx = new TestContext("lora")) {
      Table moons =
          (Table)
              Run.block(
                      new SampleData(), Map.of(), ctx, "dataset", "moons", "size", 1000, "seed", 5)
                  .get("data");
      TrainedModel base =
          (TrainedModel)
              Run.block(
                      new Train(),
                      Map.of("train", moons),
                      ctx,
                      "architecture",
                      "mlp",
                      "hiddenSizes",
                      List.of(32, 32),
                      "epochs",
                      30,
                      "patience",
                      0)
                  .get("model");
      Table shiftedTrain =
          rotated(
              (Table)
                  Run.block(
                          new SampleData(),
                          Map.of(),
                          ctx,
                          "dataset",
                          "moons",
                          "size",
                          300,
                          "seed",
                          6)
                      .get("data"),
              60);
      Table shiftedTest =
          rotated(
              (Table)
                  Run.block(
                          new SampleData(),
                          Map.of(),
                          ctx,
                          "dataset",
                          "moons",
                          "size",
                          1000,
                          "seed",
                          7)
                      .get("data"),
              60);
      double before = Score.accuracy(base, shiftedTest);
      TestContext tune = new TestContext("tune");
      TrainedModel adapted =
          (TrainedModel)
              Run.block(
                      new FineTune(),
                      Map.of("model", base, "train", shiftedTrain),
                      tune,
                      "strategy",
                      "lora",
                      "rank",
                      2,
                      "alpha",
                      4.0,
                      "epochs",
                      40,
                      "learningRate",
                      0.01)
                  .get("model");
      double after = Score.accuracy(adapted, shiftedTest);
      double trainable = tune.metrics().get("trainable parameters").get(0);
      double total = tune.metrics().get("total parameters").get(0);
      System.out.printf(
          "LoRA on moons rotated 60°: %.3f → %.3f, training %.0f of %.0f%n",
          before, after, trainable, total);
      tune.logs().forEach(System.out::println);
      tune.close();
      assertThat(trainable).isLessThan(total / 2);
      assertThat(after).isGreaterThan(before + 0.05);
      assertThat(adapted.arch()).isEqualTo(base.arch());
      assertThat(adapted.labelNames()).isEqualTo(base.labelNames());
    }
  }
}
