package dev.blocksmith.engine.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import dev.blocksmith.engine.model.Preprocessing.ColumnStep;
import dev.blocksmith.engine.value.CategoryColumn;
import dev.blocksmith.engine.value.ColumnRole;
import dev.blocksmith.engine.value.NumberColumn;
import dev.blocksmith.engine.value.Table;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** Gaps in a number column filled from the other columns ({@link Imputer}). */
class ImputerTest {

  /**
   * {@code rows} rows: x uniform in 0–10, y = 3x + 5 (a gap every {@code gapEvery}th row), noise
   * unrelated to both, and a class label.
   */
  private static Table table(int rows, int gapEvery, long seed) {
    Random r = new Random(seed);
    double[] x = new double[rows];
    double[] y = new double[rows];
    double[] noise = new double[rows];
    List<String> label = new ArrayList<>();
    for (int i = 0; i < rows; i++) {
      x[i] = 10 * r.nextDouble();
      y[i] = i % gapEvery == 1 ? Double.NaN : 3 * x[i] + 5;
      noise[i] = r.nextGaussian();
      label.add(x[i] > 5 ? "high" : "low");
    }
    return Table.of(
        List.of(
            new NumberColumn("x", x),
            new NumberColumn("y", y),
            new NumberColumn("noise", noise),
            CategoryColumn.of("label", label)),
        Map.of("label", ColumnRole.LABEL));
  }

  private static ColumnStep step(Preprocessing pre, String column) {
    return pre.steps().stream().filter(s -> s.column().equals(column)).findFirst().orElseThrow();
  }

  /** Returns column {@code k}'s value of row {@code r} as the network sees it, in raw units. */
  private static double decoded(Preprocessing pre, Preprocessing.Encoded e, int r, int k) {
    ColumnStep s = pre.steps().get(k);
    return e.features()[r * e.exampleSize() + k] * s.scale() + s.center();
  }

  @Test
  void aColumnThatIsALinearFunctionOfAnotherIsFilledFromIt() {
    Table t = table(200, 10, 1);
    Preprocessing pre = Featurizer.fit(t);
    ColumnStep y = step(pre, "y");
    assertThat(y.imputation()).isNotNull();
    assertThat(y.imputation().from()).contains("x");
    assertThat(pre.version()).isEqualTo(Preprocessing.IMPUTATION_VERSION);
    Preprocessing.Encoded e = pre.transform(t);
    NumberColumn x = (NumberColumn) t.column("x").orElseThrow();
    int gaps = 0;
    int meanFar = 0;
    for (int r = 0; r < t.rowCount(); r++) {
      if (t.column("y").orElseThrow().isMissing(r)) {
        gaps++;
        double truth = 3 * x.get(r) + 5;
        // within 0.1 % of the column's range (5–35); the mean (about 20) is off by up to 15
        assertThat(decoded(pre, e, r, 1)).isCloseTo(truth, within(0.03));
        meanFar += Math.abs(y.fill() - truth) > 1 ? 1 : 0;
      } else {
        assertThat(decoded(pre, e, r, 1)).isCloseTo(3 * x.get(r) + 5, within(1e-4));
      }
    }
    assertThat(gaps).isEqualTo(20);
    assertThat(meanFar).isGreaterThanOrEqualTo(15);
  }

  @Test
  void gapsThatFirstAppearWhenPredictingAreFilledToo() {
    Table train = table(200, 10, 2);
    Preprocessing pre = Featurizer.fit(train);
    // x has no gap in training, yet it gets its own filling from y.
    assertThat(step(pre, "x").imputation()).isNotNull();
    Table fresh =
        Table.of(
            List.of(
                new NumberColumn("x", new double[] {Double.NaN, 2}),
                new NumberColumn("y", new double[] {3 * 8 + 5, Double.NaN}),
                new NumberColumn("noise", new double[] {0, Double.NaN}),
                CategoryColumn.of("label", List.of("high", "low"))));
    Preprocessing.Encoded e = pre.transform(fresh);
    // y's own gaps in training (mean-filled there) blur x's fit a little: 0.3 of a range of 10.
    assertThat(decoded(pre, e, 0, 0)).isCloseTo(8, within(0.3));
    assertThat(decoded(pre, e, 1, 1)).isCloseTo(11, within(0.05));
    // noise is predicted by nothing: its gap gets the training mean.
    assertThat(step(pre, "noise").imputation()).isNull();
    assertThat(decoded(pre, e, 1, 2)).isCloseTo(step(pre, "noise").fill(), within(1e-6));
  }

  @Test
  void predictionsStayWithinTheTrainingRange() {
    Preprocessing pre = Featurizer.fit(table(200, 10, 3));
    Table far =
        Table.of(
            List.of(
                new NumberColumn("x", new double[] {1e6, -1e300}),
                new NumberColumn("y", new double[] {Double.NaN, Double.NaN}),
                new NumberColumn("noise", new double[] {0, 0}),
                CategoryColumn.of("label", List.of("high", "low"))));
    Preprocessing.Encoded e = pre.transform(far);
    ColumnStep y = step(pre, "y");
    assertThat(decoded(pre, e, 0, 1)).isCloseTo(y.imputation().max(), within(1e-4));
    assertThat(decoded(pre, e, 1, 1)).isBetween(y.imputation().min() - 1e-4, y.fill() + 1e-4);
  }

  @Test
  void tooFewCompleteRowsFallBackToTheMean() {
    // 15 rows, 3 without y: 12 complete rows, fewer than the 20 required.
    Table t = table(15, 5, 4);
    Preprocessing pre = Featurizer.fit(t);
    assertThat(pre.steps()).allMatch(s -> s.imputation() == null);
    assertThat(pre.version()).isEqualTo(1);
    Preprocessing.Encoded e = pre.transform(t);
    assertThat(t.column("y").orElseThrow().isMissing(1)).isTrue();
    assertThat(decoded(pre, e, 1, 1)).isCloseTo(step(pre, "y").fill(), within(1e-4));
  }

  @Test
  void aTableWithoutGapsKeepsTheMeanAndVersionOne() {
    Preprocessing pre = Featurizer.fit(table(200, 1, 5)); // i % 1 is never 1: no gaps
    assertThat(pre.fillsFromOthers()).isFalse();
    assertThat(pre.version()).isEqualTo(1);
  }

  @Test
  void leavingOutAColumnFitsTheFillingAgainWithoutIt() {
    Table t = table(200, 10, 6);
    Preprocessing pre = Featurizer.fit(t);
    Preprocessing without = Featurizer.without(pre, t, List.of("x"));
    assertThat(without.steps()).extracting(ColumnStep::column).containsExactly("y", "noise");
    assertThat(step(without, "y").imputation()).isNull(); // noise alone does not predict y
    assertThat(step(without, "y").center()).isEqualTo(step(pre, "y").center());
    assertThat(without.version()).isEqualTo(1);
    assertThat(without.transform(t).exampleSize()).isEqualTo(2);
  }

  @Test
  void onAWideTableAGapReadsOnlyTheMostInfluentialColumns() {
    int rows = 400;
    Random r = new Random(8);
    List<dev.blocksmith.engine.value.Column> cols = new ArrayList<>();
    double[] x = new double[rows];
    double[] y = new double[rows];
    for (int i = 0; i < rows; i++) {
      x[i] = r.nextGaussian();
      y[i] = i % 9 == 0 ? Double.NaN : 2 * x[i] + 1;
    }
    for (int c = 0; c < 50; c++) {
      double[] noise = new double[rows];
      for (int i = 0; i < rows; i++) {
        noise[i] = i % 13 == c % 13 ? Double.NaN : r.nextGaussian();
      }
      cols.add(new NumberColumn("noise" + c, noise));
    }
    cols.add(new NumberColumn("x", x));
    cols.add(new NumberColumn("y", y));
    List<String> label = new ArrayList<>();
    for (int i = 0; i < rows; i++) {
      label.add(x[i] > 0 ? "up" : "down");
    }
    cols.add(CategoryColumn.of("label", label));
    Table t = Table.of(cols, Map.of("label", ColumnRole.LABEL));
    Preprocessing pre = Featurizer.fit(t);
    assertThat(pre.steps())
        .allMatch(
            s -> s.imputation() == null || s.imputation().weights().size() <= Imputer.MAX_READS);
    ColumnStep fill = step(pre, "y");
    assertThat(fill.imputation().from().get(0)).isEqualTo("x");
    assertThat(fill.imputation().weights()).hasSizeLessThanOrEqualTo(Imputer.MAX_READS);
    Preprocessing.Encoded e = pre.transform(t);
    int k = pre.steps().indexOf(fill);
    for (int i = 0; i < rows; i += 9) {
      assertThat(decoded(pre, e, i, k)).isCloseTo(2 * x[i] + 1, within(0.05));
    }
  }

  @Test
  void aMillionRowsFitOnASampleQuickly() {
    int rows = 1_000_000;
    double[] x = new double[rows];
    double[] y = new double[rows];
    double[] complete = new double[rows];
    List<String> label = new ArrayList<>(rows);
    Random r = new Random(7);
    for (int i = 0; i < rows; i++) {
      x[i] = r.nextDouble();
      complete[i] = 2 * x[i] - 1 + 0.01 * r.nextGaussian();
      y[i] = i % 33 == 0 ? Double.NaN : complete[i];
      label.add(i % 2 == 0 ? "a" : "b");
    }
    Table gappy =
        Table.of(
            List.of(
                new NumberColumn("x", x), new NumberColumn("y", y), CategoryColumn.of("c", label)),
            Map.of("c", ColumnRole.LABEL));
    Table full = gappy.withColumn(new NumberColumn("y", complete));
    // Warm up once, then time the fit and the encoding with and without gaps.
    Featurizer.fit(gappy).transform(gappy);
    long t0 = System.nanoTime();
    Preprocessing pre = Featurizer.fit(gappy);
    long t1 = System.nanoTime();
    pre.transform(gappy);
    long t2 = System.nanoTime();
    Preprocessing plain = Featurizer.fit(full);
    long t3 = System.nanoTime();
    plain.transform(full);
    long t4 = System.nanoTime();
    System.out.printf(
        "1 M rows: fit %.0f ms with gaps (filled from the others), %.0f ms without; encode %.0f ms"
            + " with, %.0f ms without%n",
        (t1 - t0) / 1e6, (t3 - t2) / 1e6, (t2 - t1) / 1e6, (t4 - t3) / 1e6);
    assertThat(step(pre, "y").imputation()).isNotNull();
    assertThat(plain.fillsFromOthers()).isFalse();
    assertThat(Imputer.sample(rows, 2)).hasSize(Imputer.SAMPLE_ROWS);
    // Generous: the fit itself reads 10,000 rows; this bounds only a pathological slowdown.
    assertThat((t1 - t0) / 1e9).isLessThan(5);
  }
}
