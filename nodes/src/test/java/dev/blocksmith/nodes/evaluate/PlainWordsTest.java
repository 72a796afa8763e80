package dev.blocksmith.nodes.evaluate;

import static org.assertj.core.api.Assertions.assertThat;

import dev.blocksmith.engine.value.Finding;
import java.util.Map;
import org.junit.jupiter.api.Test;

class PlainWordsTest {
  @Test
  void saysHowFarOffInTheTargetsUnitsAndWhatTheR2Means() {
    double[] truth = {25, 100, 200, 346};
    Finding f =
        PlainWords.regression(Map.of("mae", 46.2, "rmse", 55.0, "r2", 0.45), "progression", truth);
    assertThat(f.title()).isEqualTo("In plain words");
    assertThat(f.message())
        .contains("Predictions of \"progression\" are off by about 46.2 on average")
        .contains("from 25.0 to 346")
        .contains("R² 0.45 means the model accounts for about 45 %")
        .doesNotContain("far off");
    assertThat(f.suggestion()).contains("46.2 off");
  }

  @Test
  void aNegativeR2IsWorseThanGuessingAndLargeMissesAreNamed() {
    Finding f =
        PlainWords.regression(
            Map.of("mae", 10.0, "rmse", 30.0, "r2", -0.2), "price", new double[] {1, 2});
    assertThat(f.message())
        .contains("worse than always guessing the average")
        .contains("a few predictions are far off");
  }

  @Test
  void r2WordsScaleWithTheScore() {
    assertThat(PlainWords.r2Words(0.95)).contains("nearly all");
    assertThat(PlainWords.r2Words(0.1)).contains("little");
  }
}
