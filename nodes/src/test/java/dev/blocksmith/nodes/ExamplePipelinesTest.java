package dev.blocksmith.nodes;

import static org.assertj.core.api.Assertions.assertThat;

import dev.blocksmith.engine.model.TrainedModel;
import dev.blocksmith.engine.testing.TestContext;
import dev.blocksmith.engine.value.Report;
import dev.blocksmith.nodes.data.SampleData;
import dev.blocksmith.nodes.evaluate.Evaluate;
import dev.blocksmith.nodes.prepare.Split;
import dev.blocksmith.nodes.train.Train;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Sample → Split → Train → Evaluate with the settings of the example graphs. */
class ExamplePipelinesTest {

  static Report pipeline(Object[] sample, Object[] train) throws Exception {
    try (TestContext ctx = new TestContext("pipeline")) {
      long start = System.nanoTime();
      Object data = Run.block(new SampleData(), Map.of(), ctx, sample).get("data");
      Map<String, Object> parts = Run.block(new Split(), Map.of("data", data), ctx);
      Object model =
          Run.block(new Train(), Map.of("train", parts.get("train"), "validation",
              parts.get("validation")), ctx, train).get("model");
      Report report =
          (Report) Run.block(new Evaluate(), Map.of("model", model, "data", parts.get("test")),
              ctx).get("report");
      System.out.printf("%s: %s in %.1f s%n", ((TrainedModel) model).headline(),
          report.headline(), (System.nanoTime() - start) / 1e9);
      ctx.logs().forEach(System.out::println);
      return report;
    }
  }

  @Test
  void spiralsReachNinetyPercent() throws Exception {
    Report r = pipeline(
        new Object[] {"dataset", "spirals", "size", 2000, "noise", 0.1},
        new Object[] {"hiddenSizes", List.of(64, 64), "epochs", 60, "learningRate", 0.01,
            "patience", 10});
    assertThat(r.metrics().get("accuracy")).isGreaterThanOrEqualTo(0.90);
  }

  @Test
  void digitsReachNinetyPercent() throws Exception {
    Report r = pipeline(
        new Object[] {"dataset", "digits", "size", 2000, "noise", 0.1},
        new Object[] {"epochs", 8, "learningRate", 0.003, "patience", 3, "batchSize", 32});
    assertThat(r.metrics().get("accuracy")).isGreaterThanOrEqualTo(0.90);
  }
}
