package dev.blocksmith.nodes.evaluate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import dev.blocksmith.engine.testing.TestContext;
import dev.blocksmith.engine.value.Finding;
import dev.blocksmith.engine.value.Report;
import dev.blocksmith.engine.value.Report.ClassScores;
import dev.blocksmith.nodes.Run;
import dev.blocksmith.nodes.data.SampleData;
import dev.blocksmith.nodes.train.Train;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class EvaluateTest {

  @Test
  void scoresAreConsistentWithTheConfusionMatrix() {
    int[][] m = Scores.confusion(new int[] {0, 0, 0, 1, 1, 2}, new int[] {0, 0, 1, 1, 1, 0}, 3);
    assertThat(m).isDeepEqualTo(new int[][] {{2, 1, 0}, {0, 2, 0}, {1, 0, 0}});
    List<ClassScores> per = Scores.perClass(m, List.of("a", "b", "c"));
    assertThat(per.get(0).precision()).isCloseTo(2.0 / 3, within(1e-12));
    assertThat(per.get(1).recall()).isEqualTo(1.0);
    assertThat(per.get(2).f1()).isZero();
    assertThat(Scores.classification(m, per).get("accuracy")).isCloseTo(4.0 / 6, within(1e-12));
    Map<String, Double> r = Scores.regression(new double[] {1, 2, 3}, new double[] {1, 2, 4});
    assertThat(r.get("mae")).isCloseTo(1.0 / 3, within(1e-12));
    assertThat(r.get("r2")).isCloseTo(0.5, within(1e-12));
  }

  @Test
  void comparesTwoModelsAndFlagsUnderfitting() throws Exception {
    try (TestContext ctx = new TestContext("evaluate")) {
      Object data = Run.block(new SampleData(), Map.of(), ctx, "size", 400).get("data");
      Object weak =
          Run.block(new Train(), Map.of("train", data), ctx, "architecture", "linear", "epochs", 2)
              .get("model");
      Object strong =
          Run.block(
                  new Train(),
                  Map.of("train", data),
                  ctx,
                  "epochs",
                  40,
                  "learningRate",
                  0.02,
                  "patience",
                  0)
              .get("model");
      Report r =
          (Report)
              Run.block(new Evaluate(), Map.of("model", strong, "data", data, "compare", weak), ctx)
                  .get("report");
      assertThat(r.parts()).hasSize(2);
      assertThat(r.parts().get(0).metrics().get("accuracy"))
          .isGreaterThan(r.parts().get(1).metrics().get("accuracy"));
      assertThat(r.findings().get(0).suggestion()).contains("first model");
      assertThat(r.parts().get(1).findings())
          .extracting(Finding::title)
          .contains("The model is underfitting");
      assertThat(r.curves()).isNotEmpty();
      assertThat(r.confusion()).hasDimensions(2, 2);
    }
  }
}
