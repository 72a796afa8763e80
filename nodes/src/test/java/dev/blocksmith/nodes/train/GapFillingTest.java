package dev.blocksmith.nodes.train;

import static org.assertj.core.api.Assertions.assertThat;

import dev.blocksmith.engine.model.Featurizer;
import dev.blocksmith.engine.model.Preprocessing;
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
import java.util.Random;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

/** Gaps filled from the other columns, as Train says it and as the search leaves columns out. */
class GapFillingTest {

  /** x decides the class; y = 2z + 1 with a gap every 10th row; z carries no signal. */
  private static Table table(int rows) {
    Random r = new Random(3);
    double[] x = new double[rows];
    double[] y = new double[rows];
    double[] z = new double[rows];
    List<String> label = new ArrayList<>();
    for (int i = 0; i < rows; i++) {
      x[i] = r.nextGaussian();
      z[i] = r.nextGaussian();
      y[i] = i % 10 == 3 ? Double.NaN : 2 * z[i] + 1;
      label.add(x[i] > 0 ? "up" : "down");
    }
    return Table.of(
        List.of(
            new NumberColumn("x", x),
            new NumberColumn("y", y),
            new NumberColumn("z", z),
            CategoryColumn.of("label", label)),
        Map.of("label", ColumnRole.LABEL));
  }

  @Test
  void trainSaysWhichGapsAreFilledFromTheOtherColumns() throws Exception {
    try (TestContext ctx = new TestContext("train")) {
      TrainedModel model =
          (TrainedModel)
              Run.block(
                      new Train(),
                      Map.of("train", table(120)),
                      ctx,
                      "architecture",
                      "linear",
                      "epochs",
                      2)
                  .get("model");
      assertThat(ctx.logText())
          .contains("Gaps in y are filled from the other columns (")
          .contains(") instead of the average.");
      assertThat(model.preprocessing().steps().get(1).imputation().from()).contains("z");
    }
  }

  @Test
  void aColumnLeftOutByTheSearchIsNoLongerReadToFillGaps() {
    Table all = table(120);
    Table train = all.select(IntStream.range(0, 90).toArray());
    Table validation = all.select(IntStream.range(90, 120).toArray());
    Preprocessing pre = Featurizer.fit(train);
    assertThat(pre.steps().get(1).imputation().from()).contains("z");
    double[][] importance = new double[3][120];
    Arrays.fill(importance[0], 1); // x helps, y helps, z does not
    Arrays.fill(importance[1], 1);
    ColumnSelection.Selection sel =
        ColumnSelection.selection(importance, pre, true, train, validation);
    assertThat(sel.names()).containsExactly("z");
    assertThat(sel.pre().steps()).extracting(s -> s.column()).containsExactly("x", "y");
    Preprocessing.Imputation y = sel.pre().steps().get(1).imputation();
    assertThat(y == null || !y.from().contains("z")).isTrue();
    // The rows the search trains on are exactly what the kept preprocessing makes of them.
    assertThat(sel.tr().features()).isEqualTo(sel.pre().transform(train).features());
    assertThat(sel.va().features()).isEqualTo(sel.pre().transform(validation).features());
  }
}
