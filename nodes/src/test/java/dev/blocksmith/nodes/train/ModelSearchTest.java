package dev.blocksmith.nodes.train;

import static org.assertj.core.api.Assertions.assertThat;

import dev.blocksmith.engine.model.TrainedModel;
import dev.blocksmith.engine.testing.TestContext;
import dev.blocksmith.engine.value.CategoryColumn;
import dev.blocksmith.engine.value.ColumnRole;
import dev.blocksmith.engine.value.NumberColumn;
import dev.blocksmith.engine.value.Table;
import dev.blocksmith.nodes.Run;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

/** The cross-validated Automatic model choice on small tables ({@link CrossValidatedSearch}). */
class ModelSearchTest {
  /** Losses of 100 rows: wrong (1) on the given rows, right (0) elsewhere. */
  private static double[] wrongOn(int... rows) {
    double[] l = new double[100];
    for (int r : rows) {
      l[r] = 1;
    }
    return l;
  }

  @Test
  void aMoreComplexCandidateMustBeatTheSimplerByMoreThanOneStandardError() {
    // One row apart: within the noise, so the simpler (first) one is kept.
    assertThat(CrossValidatedSearch.choose(List.of(wrongOn(1, 2), wrongOn(1)))).isZero();
    // Eight rows apart (the complex one right on them all): beyond the noise, the complex one wins.
    assertThat(
            CrossValidatedSearch.choose(
                List.of(wrongOn(0, 1, 2, 3, 4, 5, 6, 7), wrongOn(), wrongOn(9))))
        .isEqualTo(1);
    // The simplest one within the noise of the best is kept, even when a middle one is closer.
    assertThat(
            CrossValidatedSearch.choose(
                List.of(wrongOn(0, 1, 2, 3, 4, 5, 6, 7), wrongOn(0), wrongOn())))
        .isEqualTo(1);
    assertThat(CrossValidatedSearch.lowest(List.of(wrongOn(3), wrongOn(4), wrongOn())))
        .isEqualTo(2);
  }

  @Test
  void foldsKeepTheMixOfAnswersAndRowsOfOneIdTogether() {
    float[] labels = new float[60];
    String[] groups = new String[60];
    for (int r = 0; r < 60; r++) {
      labels[r] = r % 3 == 0 ? 1 : 0; // 20 of class 1, 40 of class 0
      groups[r] = r < 10 ? "twin " + (r / 2) : null; // rows 0-9 come in pairs of one id
    }
    int[] fold = CrossValidatedSearch.assign(labels, groups, false, 5, 7);
    for (int r = 0; r < 10; r += 2) {
      assertThat(fold[r]).as("row %d and its twin", r).isEqualTo(fold[r + 1]);
    }
    for (int k = 0; k < 5; k++) {
      int kk = k;
      long size = Arrays.stream(fold).filter(f -> f == kk).count();
      long rare = IntStream.range(0, 60).filter(r -> fold[r] == kk && labels[r] == 1).count();
      assertThat(size).isBetween(10L, 14L);
      assertThat(rare).isBetween(3L, 5L);
    }
    assertThat(CrossValidatedSearch.assign(labels, groups, false, 5, 7)).isEqualTo(fold);
  }

  @Test
  void aCancelDuringTheCrossValidatedSearchKeepsTheBestCandidateSoFar() throws Exception {
    Table all = table(120);
    int[] train = IntStream.range(0, 120).filter(i -> i % 4 != 0).toArray();
    int[] validation = IntStream.range(0, 120).filter(i -> i % 4 == 0).toArray();
    try (TestContext ctx = new TestContext("train")) {
      ctx.onMetric(
          c -> {
            if (c.metrics().containsKey("search: cross-validated accuracy")) {
              c.cancel();
            }
          });
      TrainedModel model =
          (TrainedModel)
              Run.block(
                      new Train(),
                      Map.of("train", all.select(train), "validation", all.select(validation)),
                      ctx)
                  .get("model");
      assertThat(ctx.logText())
          .contains("Cross-validated 1.")
          .doesNotContain("Cross-validated 2.")
          .contains("Cancelled during the search: kept the winner's model from its last fold")
          .doesNotContain("Then trained it");
      assertThat(model.provenance().settings()).contains("Cancelled");
    }
  }

  @Test
  void onASmallTableEveryRowIsJudgedOutOfFoldAndAColumnThatDoesNotHelpIsLeftOut() throws Exception {
    int rows = 120;
    double[] x = new double[rows];
    double[] same = new double[rows];
    List<String> y = new ArrayList<>();
    for (int i = 0; i < rows; i++) {
      x[i] = (i % 2 == 1 ? 1 : -1) * (1 + i / 100.0); // the two classes never overlap
      same[i] = 7; // one value in every row: shuffling it changes nothing
      y.add(i % 2 == 1 ? "odd" : "even");
    }
    Table all =
        Table.of(
            List.of(
                new NumberColumn("x", x),
                new NumberColumn("batch", same),
                CategoryColumn.of("y", y)),
            Map.of("y", ColumnRole.LABEL));
    int[] train = IntStream.range(0, rows).filter(i -> i % 4 != 0).toArray();
    int[] validation = IntStream.range(0, rows).filter(i -> i % 4 == 0).toArray();
    try (TestContext ctx = new TestContext("train")) {
      TrainedModel model =
          (TrainedModel)
              Run.block(
                      new Train(),
                      Map.of("train", all.select(train), "validation", all.select(validation)),
                      ctx,
                      "searchSeconds",
                      1)
                  .get("model");
      String log = ctx.logText();
      assertThat(log)
          .contains("The table is small (90 training and 30 validation rows)")
          .contains("judged by 5-fold cross-validation over both parts")
          .contains("Cross-validated 1. linear model, learning rate 0.01, weight decay 1: right on")
          .contains("of 120 rows out of fold")
          .contains("Kept the linear model")
          .contains(
              "Left out batch: shuffling it on the held-out folds made the answers worse by no")
          .contains("without it the cross-validated accuracy was 100.0 %")
          .contains("Then trained it again on all 120 training and validation rows for");
      assertThat(log.indexOf("judged by")).isLessThan(log.indexOf("Cross-validated 1."));
      assertThat(ctx.metrics().get("search: cross-validated accuracy").get(0)).isEqualTo(1.0);
      String settings = model.provenance().settings();
      assertThat(settings).startsWith("Automatic model choice, cross-validated. Kept the");
      // The kept model trained once more, without early stopping, for the epochs its folds kept,
      // and without the column left out.
      int epochs = Integer.parseInt(settings.replaceAll(".*rows for (\\d+) epochs.*", "$1").trim());
      assertThat(model.provenance().epochsRun()).isEqualTo(epochs);
      assertThat(model.history()).extracting(c -> c.name()).contains("train loss");
      assertThat(model.preprocessing().steps()).extracting(st -> st.column()).containsExactly("x");
      assertThat(model.arch().inputShape()).containsExactly(1);
    }
  }

  @Test
  void onlySmallTablesAreCrossValidated() {
    assertThat(ModelSearch.crossValidates(1999)).isTrue();
    assertThat(ModelSearch.crossValidates(ModelSearch.CV_ROWS)).isFalse();
    assertThat(ModelSearch.crossValidates(2 * ModelSearch.FOLDS - 1)).isFalse();
  }

  /** Two well separated classes with a little overlap. */
  static Table table(int rows) {
    double[] x = new double[rows];
    List<String> y = new ArrayList<>();
    java.util.Random random = new java.util.Random(5);
    for (int i = 0; i < rows; i++) {
      boolean odd = i % 2 == 1;
      x[i] = (odd ? 1 : -1) + random.nextGaussian() * 0.3;
      y.add(odd ? "odd" : "even");
    }
    return Table.of(
        List.of(new NumberColumn("x", x), CategoryColumn.of("y", y)),
        Map.of("y", ColumnRole.LABEL));
  }
}
