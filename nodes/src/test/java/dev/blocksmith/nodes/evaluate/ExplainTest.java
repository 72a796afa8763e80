package dev.blocksmith.nodes.evaluate;

import static org.assertj.core.api.Assertions.assertThat;

import dev.blocksmith.engine.testing.TestContext;
import dev.blocksmith.engine.text.ReportText;
import dev.blocksmith.engine.value.CategoryColumn;
import dev.blocksmith.engine.value.Chart;
import dev.blocksmith.engine.value.Column;
import dev.blocksmith.engine.value.ColumnRole;
import dev.blocksmith.engine.value.NumberColumn;
import dev.blocksmith.engine.value.Picture;
import dev.blocksmith.engine.value.Report;
import dev.blocksmith.engine.value.Table;
import dev.blocksmith.nodes.Run;
import dev.blocksmith.nodes.data.SampleData;
import dev.blocksmith.nodes.model.PretrainedModel;
import dev.blocksmith.nodes.prepare.FilterClasses;
import dev.blocksmith.nodes.train.Train;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;

class ExplainTest {

  /** Four noise columns and one, "key", whose sign alone decides the answer. */
  static Table plantedTable(int rows, long seed) {
    Random random = new Random(seed);
    String[] names = {"noise1", "noise2", "key", "noise3", "noise4"};
    double[][] values = new double[names.length][rows];
    List<String> labels = new ArrayList<>();
    for (int r = 0; r < rows; r++) {
      for (int c = 0; c < names.length; c++) {
        values[c][r] = random.nextGaussian();
      }
      labels.add(values[2][r] > 0 ? "yes" : "no");
    }
    List<Column> columns = new ArrayList<>();
    for (int c = 0; c < names.length; c++) {
      columns.add(new NumberColumn(names[c], values[c]));
    }
    columns.add(CategoryColumn.of("answer", labels));
    return Table.of(columns, Map.of("answer", ColumnRole.LABEL));
  }

  @Test
  void plantedInformativeColumnRanksFirst() throws Exception {
    try (TestContext ctx = new TestContext("explain")) {
      Object model =
          Run.block(
                  new Train(),
                  Map.of("train", plantedTable(400, 1)),
                  ctx,
                  "epochs",
                  30,
                  "learningRate",
                  0.02,
                  "patience",
                  0)
              .get("model");
      Report r =
          (Report)
              Run.block(new Explain(), Map.of("model", model, "data", plantedTable(300, 2)), ctx)
                  .get("report");
      Chart chart = r.charts().get(0);
      assertThat(chart.kind()).isEqualTo(Chart.Kind.BAR);
      assertThat(chart.categories().get(0)).isEqualTo("key");
      double[] drops = chart.series().get(0).y();
      assertThat(drops[0]).as("accuracy points lost without 'key'").isGreaterThan(25);
      for (int i = 1; i < drops.length; i++) {
        assertThat(drops[i]).as(chart.categories().get(i)).isLessThan(drops[0] / 4);
      }
      assertThat(chart.series().get(0).error()).hasSize(5);
      assertThat(r.findings().get(0).message())
          .startsWith("Shuffling key drops accuracy by")
          .contains("leans on it most");
      assertThat(r.headline()).isEqualTo("leans most on key");
      assertThat(ReportText.render(r)).contains("key").contains("±");
    }
  }

  @Test
  void digitsSaliencyLiesOnTheStrokes() throws Exception {
    try (TestContext ctx = new TestContext("explain")) {
      Object model = Run.block(new PretrainedModel(), Map.of(), ctx).get("model");
      Object fresh =
          Run.block(new SampleData(), Map.of(), ctx, "dataset", "digits", "size", 60, "seed", 5)
              .get("data");
      Object digits =
          Run.block(new FilterClasses(), Map.of("data", fresh), ctx, "classes", "0,1,2,3,4")
              .get("data");
      Report r =
          (Report)
              Run.block(new Explain(), Map.of("model", model, "data", digits), ctx, "pictures", 5)
                  .get("report");
      List<Picture> pictures = r.charts().get(0).pictures();
      assertThat(pictures).hasSize(5);
      double onStrokes = 0;
      double total = 0;
      int strokePixels = 0;
      for (Picture p : pictures) {
        for (int y = 0; y < p.height(); y++) {
          for (int x = 0; x < p.width(); x++) {
            double h = p.heat()[y * p.width() + x];
            total += h;
            if (p.grey(x, y) > 127) {
              onStrokes += h;
              strokePixels++;
            }
          }
        }
      }
      double strokeShare = strokePixels / (double) (pictures.size() * 28 * 28);
      double massShare = onStrokes / total;
      System.out.printf(
          "saliency mass on strokes %.3f; strokes cover %.3f of the area%n",
          massShare, strokeShare);
      assertThat(massShare).isGreaterThan(0.5);
      assertThat(massShare).isGreaterThan(2 * strokeShare);
    }
  }
}
