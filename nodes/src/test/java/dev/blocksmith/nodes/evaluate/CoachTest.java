package dev.blocksmith.nodes.evaluate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import dev.blocksmith.engine.model.ArchSpec;
import dev.blocksmith.engine.model.Provenance;
import dev.blocksmith.engine.model.TrainedModel;
import dev.blocksmith.engine.value.Curve;
import dev.blocksmith.engine.value.Finding;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Each rule of the coach that this file guards: one case that triggers it, one that must not. */
class CoachTest {
  private static TrainedModel model(List<Double> trainLoss) {
    ArchSpec arch = ArchSpec.mlp(List.of(2), List.of(), 2, ArchSpec.Task.CLASSIFICATION);
    Provenance p =
        new Provenance(1, "cpu()", "x", "x", "x", trainLoss.size(), trainLoss.size(), null);
    return new TrainedModel(
        arch, new byte[0], List.of(), null, List.of(new Curve("train loss", trainLoss)), p);
  }

  private static List<String> titles(TrainedModel model, Map<String, Double> metrics, int rows) {
    return Coach.findings(model, metrics, List.of(), rows).stream().map(Finding::title).toList();
  }

  private static Map<String, Double> accuracy(int correct, int rows) {
    Map<String, Double> m = new LinkedHashMap<>();
    m.put("accuracy", (double) correct / rows);
    return ScoreRanges.withAccuracyRange(m, rows);
  }

  @Test
  void anExplodingLossIsDivergenceNeverUnderfitting() {
    // Learning rate 50: the loss went from 0.7 to 3.5e7 and stayed finite.
    TrainedModel exploded = model(List.of(0.7, 12.0, 3.5e7, 2.1e6));
    List<Finding> f = Coach.findings(exploded, accuracy(500, 1000), List.of(), 1000);
    assertThat(f)
        .extracting(Finding::title)
        .contains("Training diverged")
        .doesNotContain("The model is underfitting");
    Finding d =
        f.stream().filter(x -> x.title().equals("Training diverged")).findFirst().orElseThrow();
    assertThat(d.suggestion()).contains("Lower the learning rate").doesNotContain("higher");
  }

  @Test
  void aFallingLossIsNotDivergence() {
    List<String> t = titles(model(List.of(0.7, 0.5, 0.4, 0.45, 0.3)), accuracy(500, 1000), 1000);
    assertThat(t).doesNotContain("Training diverged").contains("The model is underfitting");
  }

  @Test
  void aPerfectScoreOnTwelveExamplesIsTooUncertainToTrust() {
    Map<String, Double> m = accuracy(12, 12);
    assertThat(m.get("accuracy, 95 % low")).isCloseTo(0.7575, within(0.001));
    assertThat(m.get("accuracy, 95 % high")).isEqualTo(1.0);
    List<Finding> f = Coach.findings(model(List.of(0.7, 0.1)), m, List.of(), 12);
    assertThat(f)
        .extracting(Finding::title)
        .containsExactly("Too few test examples to trust this score");
    assertThat(f.get(0).message())
        .contains("100.0 %")
        .contains("between 76 % and 100 %")
        .doesNotContain("0 points off");
  }

  @Test
  void manyTestExamplesGiveATrustworthyScore() {
    List<String> t = titles(model(List.of(0.7, 0.1)), accuracy(950, 1000), 1000);
    assertThat(t).containsExactly("Strong result");
  }

  @Test
  void regressionRangesComeFromTheBootstrap() {
    double[] truth = new double[200];
    double[] predicted = new double[200];
    java.util.Random r = new java.util.Random(3);
    for (int i = 0; i < truth.length; i++) {
      truth[i] = i;
      predicted[i] = i + r.nextGaussian() * 10;
    }
    Map<String, Double> m =
        ScoreRanges.withRegressionRanges(Scores.regression(truth, predicted), truth, predicted);
    assertThat(m.get("r2, 95 % low")).isLessThan(m.get("r2")).isGreaterThan(0.9);
    assertThat(m.get("r2, 95 % high")).isGreaterThan(m.get("r2"));
    assertThat(m.get("mae, 95 % low")).isLessThan(m.get("mae"));
    assertThat(UncertaintyRule.check(m, 200)).isEmpty();
    double[] few = {1, 2, 3, 4, 5, 6};
    double[] off = {2, 1, 4, 3, 6, 5};
    Map<String, Double> shaky =
        ScoreRanges.withRegressionRanges(Scores.regression(few, off), few, off);
    assertThat(UncertaintyRule.check(shaky, 6))
        .extracting(Finding::title)
        .containsExactly("Too few test examples to trust this score");
  }
}
