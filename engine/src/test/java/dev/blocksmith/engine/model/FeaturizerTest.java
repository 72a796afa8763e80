package dev.blocksmith.engine.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import dev.blocksmith.engine.model.Preprocessing.Op;
import dev.blocksmith.engine.value.BooleanColumn;
import dev.blocksmith.engine.value.CategoryColumn;
import dev.blocksmith.engine.value.ColumnRole;
import dev.blocksmith.engine.value.NumberColumn;
import dev.blocksmith.engine.value.Recipe;
import dev.blocksmith.engine.value.Table;
import dev.blocksmith.engine.value.TextColumn;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class FeaturizerTest {
  private static Table table() {
    return Table.of(
        List.of(
            new NumberColumn("size", new double[] {1, 2, Double.NaN, 3, 100, 200}),
            CategoryColumn.of("colour", Arrays.asList("red", "blue", "red", null, "green", "red")),
            new BooleanColumn("big", new byte[] {0, 0, 1, -1, 1, 1}),
            new TextColumn("note", new String[] {"a", "b", "c", "d", "e", "f"}),
            CategoryColumn.of("y", List.of("no", "no", "yes", "no", "yes", "yes"))),
        Map.of("y", ColumnRole.LABEL));
  }

  @Test
  void statisticsComeFromTheTrainingPartOnly() {
    Table all = table();
    Table train = all.select(new int[] {0, 1, 2, 3});
    Preprocessing pre = Featurizer.fit(train);
    Preprocessing.ColumnStep size = pre.steps().get(0);
    assertThat(size.op()).isEqualTo(Op.SCALE);
    assertThat(size.center()).isEqualTo(2.0); // mean of 1, 2, 3, not of the whole column (~61)
    assertThat(size.scale()).isCloseTo(Math.sqrt(2.0 / 3), within(1e-12));
    assertThat(pre.steps().get(1).levels()).containsExactly("red", "blue"); // no "green" yet
    assertThat(pre.ignoredColumns()).containsExactly("note");
    assertThat(pre.classNames()).containsExactly("no", "yes");
  }

  @Test
  void transformImputesScalesAndEncodes() {
    Table all = table();
    Preprocessing pre = Featurizer.fit(all.select(new int[] {0, 1, 2, 3}));
    assertThat(pre.featureNames()).containsExactly("size", "colour=red", "colour=blue", "big");
    Preprocessing.Encoded e = pre.transform(all);
    assertThat(e.rows()).isEqualTo(6);
    float[] x = e.features();
    assertThat(x[2 * 4]).isEqualTo(0f); // missing size → training mean → 0 after standardizing
    assertThat(x[4 * 4 + 1]).isZero(); // unseen "green": neither red nor blue
    assertThat(x[4 * 4 + 2]).isZero();
    assertThat(x[3 * 4 + 3]).isCloseTo(1f / 3, within(1e-6f)); // missing boolean → share of yes
    assertThat(e.labels()).containsExactly(0, 0, 1, 0, 1, 1);
  }

  @Test
  void minMaxOrdinalAndRegressionFollowTheRecipe() {
    Table t =
        table()
            .withRecipe(
                Recipe.DEFAULT
                    .withScaling("size", Recipe.Scaling.MIN_MAX)
                    .withEncoding("colour", Recipe.Encoding.ORDINAL, 50))
            .withRole("size", ColumnRole.LABEL)
            .withRole("y", ColumnRole.FEATURE)
            .withColumn(new NumberColumn("w", new double[] {0, 5, 10, 0, 0, 0}));
    Preprocessing pre = Featurizer.fit(t, "size", ArchSpec.Task.REGRESSION);
    assertThat(pre.task()).isEqualTo(ArchSpec.Task.REGRESSION);
    Preprocessing.Encoded e = pre.transform(t);
    // Features: colour (ordinal), big, y (one-hot no/yes), w (standardized).
    assertThat(pre.featureNames()).containsExactly("colour", "big", "y=no", "y=yes", "w");
    assertThat(e.features()[3 * 5]).isEqualTo(3f); // missing colour → one past the levels
    // The target is standardized with training statistics and turned back by rawLabel.
    assertThat(pre.rawLabel(e.labels()[4])).isCloseTo(100.0, within(1e-3));
    assertThat(pre.labelCenter()).isCloseTo(61.2, within(1e-9));
    assertThat(e.labelledOnly().rows()).isEqualTo(5);
  }

  @Test
  void manyDistinctNumbersMeanRegression() {
    double[] v = new double[50];
    for (int i = 0; i < v.length; i++) {
      v[i] = i;
    }
    assertThat(Featurizer.detectTask(new NumberColumn("n", v))).isEqualTo(ArchSpec.Task.REGRESSION);
    assertThat(Featurizer.detectTask(new NumberColumn("n", new double[] {0, 1, 1, 2})))
        .isEqualTo(ArchSpec.Task.CLASSIFICATION);
    assertThat(Featurizer.classNames(new NumberColumn("n", new double[] {10, 2, 1})))
        .containsExactly("1", "2", "10");
  }

  /**
   * A wide table is encoded a block of rows at a time; every value must be what encoding each
   * column over all rows (the order before) writes, gaps, levels and yes/no columns included.
   */
  @Test
  void wideTablesEncodeInRowBlocksAsColumnByColumn() {
    java.util.Random random = new java.util.Random(5);
    int rows = 1500;
    List<dev.blocksmith.engine.value.Column> columns = new java.util.ArrayList<>();
    for (int c = 0; c < 300; c++) {
      switch (c % 3) {
        case 0 -> {
          double[] v = new double[rows];
          for (int r = 0; r < rows; r++) {
            v[r] = random.nextInt(20) == 0 ? Double.NaN : random.nextGaussian() * (c + 1);
          }
          columns.add(new NumberColumn("n" + c, v));
        }
        case 1 -> {
          List<String> v = new java.util.ArrayList<>();
          for (int r = 0; r < rows; r++) {
            v.add(random.nextInt(15) == 0 ? null : "level" + random.nextInt(4));
          }
          columns.add(CategoryColumn.of("c" + c, v));
        }
        default -> {
          byte[] v = new byte[rows];
          for (int r = 0; r < rows; r++) {
            v[r] = (byte) (random.nextInt(3) - 1);
          }
          columns.add(new BooleanColumn("b" + c, v));
        }
      }
    }
    List<String> labels = new java.util.ArrayList<>();
    for (int r = 0; r < rows; r++) {
      labels.add(random.nextBoolean() ? "yes" : "no");
    }
    columns.add(CategoryColumn.of("y", labels));
    Table table = Table.of(columns, Map.of("y", ColumnRole.LABEL));
    Preprocessing pre = Featurizer.fit(table);
    Preprocessing.Encoded e = pre.transform(table);
    int width = e.exampleSize();
    assertThat(rows).isGreaterThan(2 * (256 * 1024 / (width * 4))); // several blocks
    float[] expected = new float[rows * width];
    int offset = 0;
    for (Preprocessing.ColumnStep step : pre.steps()) {
      var column = table.column(step.column()).orElseThrow();
      for (int r = 0; r < rows; r++) {
        Preprocessing.encode(step, column, r, expected, r * width + offset);
      }
      offset += step.width();
    }
    Imputer.apply(pre.steps(), table, expected, width);
    // The first differing value, named (a whole-array diff of 10^5 values is too slow to print).
    int at = java.util.Arrays.mismatch(e.features(), expected);
    assertThat(at)
        .as(
            () ->
                "row "
                    + at / width
                    + ", feature "
                    + pre.featureNames().get(at % width)
                    + ": "
                    + e.features()[at]
                    + " vs "
                    + expected[at])
        .isEqualTo(-1);
  }
}
