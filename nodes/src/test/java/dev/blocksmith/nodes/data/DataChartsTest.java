package dev.blocksmith.nodes.data;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.blocksmith.engine.spi.NodeException;
import dev.blocksmith.engine.testing.TestContext;
import dev.blocksmith.engine.text.ReportText;
import dev.blocksmith.engine.value.Chart;
import dev.blocksmith.engine.value.Report;
import dev.blocksmith.nodes.Run;
import dev.blocksmith.nodes.report.ChartImages;
import java.util.Map;
import org.junit.jupiter.api.Test;

class DataChartsTest {

  @Test
  void drawsBalanceMissingScatterCorrelationsAndHistograms() throws Exception {
    try (TestContext ctx = new TestContext("chart")) {
      Object loans =
          Run.block(new SampleData(), Map.of(), ctx, "dataset", "loans", "size", 300).get("data");
      Report r = (Report) Run.block(new DataCharts(), Map.of("table", loans), ctx).get("charts");
      assertThat(r.charts())
          .extracting(Chart::title)
          .contains(
              "Class balance", "Missing values", "Correlation matrix", "Histogram of income_k");
      assertThat(r.charts())
          .extracting(Chart::kind)
          .contains(Chart.Kind.BAR, Chart.Kind.SCATTER, Chart.Kind.HEATMAP);
      assertThat(r.charts()).allSatisfy(c -> assertThat(c.help()).hasSizeGreaterThan(40));
      Chart balance = r.charts().get(0);
      assertThat(balance.series().get(0).y()).hasSize(2);
      assertThat(balance.series().get(0).y()[0] + balance.series().get(0).y()[1]).isEqualTo(300);
      Chart corr =
          r.charts().stream().filter(c -> c.kind() == Chart.Kind.HEATMAP).findFirst().orElseThrow();
      for (int i = 0; i < corr.cells().length; i++) {
        assertThat(corr.cells()[i][i]).isEqualTo(1.0, org.assertj.core.api.Assertions.within(1e-9));
      }
      Chart scatter =
          r.charts().stream().filter(c -> c.kind() == Chart.Kind.SCATTER).findFirst().orElseThrow();
      assertThat(scatter.series())
          .extracting(Chart.Series::name)
          .containsExactlyInAnyOrder("yes", "no");
      for (Chart c : r.charts()) {
        assertThat(ChartImages.image(c, 400, 300).getWidth()).isPositive();
      }
      assertThat(ReportText.render(r)).contains("Class balance", "Correlation matrix");
    }
  }

  @Test
  void anUnknownScatterColumnIsNamed() throws Exception {
    try (TestContext ctx = new TestContext("chart")) {
      Object loans =
          Run.block(new SampleData(), Map.of(), ctx, "dataset", "loans", "size", 50).get("data");
      assertThatThrownBy(
              () -> Run.block(new DataCharts(), Map.of("table", loans), ctx, "x", "salary"))
          .isInstanceOf(NodeException.class)
          .hasMessageContaining("\"salary\"");
    }
  }
}
