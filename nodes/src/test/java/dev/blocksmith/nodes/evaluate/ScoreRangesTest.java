package dev.blocksmith.nodes.evaluate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The 95 % ranges shown beside accuracy and R². */
class ScoreRangesTest {
  @Test
  void wilsonIntervalMatchesTheFormula() {
    // Reference values from the closed-form Wilson score interval with z = 1.959964.
    double[] ci = ScoreRanges.wilson(97, 100);
    assertThat(ci[0]).isCloseTo(0.9154806357094722, within(1e-9));
    assertThat(ci[1]).isCloseTo(0.9897454759759611, within(1e-9));
    double[] none = ScoreRanges.wilson(0, 10);
    assertThat(none[0]).isEqualTo(0);
    assertThat(none[1]).isCloseTo(0.2775327998628892, within(1e-9));
    assertThat(ScoreRanges.wilson(0, 0)).containsExactly(0, 1);
  }

  @Test
  void regressionRangesSurroundTheScoreAndAreReproducible() {
    double[] truth = new double[60];
    double[] predicted = new double[60];
    for (int i = 0; i < truth.length; i++) {
      truth[i] = i;
      predicted[i] = i + ((i * 7919) % 11 - 5);
    }
    Map<String, Double> metrics = new LinkedHashMap<>(Scores.regression(truth, predicted));
    Map<String, Double> a = ScoreRanges.withRegressionRanges(metrics, truth, predicted);
    Map<String, Double> b = ScoreRanges.withRegressionRanges(metrics, truth, predicted);
    assertThat(a).isEqualTo(b);
    assertThat(a.get("r2, 95 % low")).isLessThan(a.get("r2")).isGreaterThan(0.8);
    assertThat(a.get("r2, 95 % high")).isGreaterThan(a.get("r2")).isLessThanOrEqualTo(1);
    assertThat(a.get("mae, 95 % low")).isLessThan(a.get("mae"));
    assertThat(a.get("mae, 95 % high")).isGreaterThan(a.get("mae"));
  }
}
