package dev.blocksmith.nodes.data.charts;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import dev.blocksmith.engine.value.NumberColumn;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The correlation matrix behind the "Correlation matrix" chart. */
class TableChartsTest {
  @Test
  void pearsonMatchesTheTextbookValuesAndLeavesConstantColumnsOut() {
    NumberColumn x = new NumberColumn("x", new double[] {1, 2, 3, 4, 5, 99});
    NumberColumn y = new NumberColumn("y", new double[] {2, 1, 4, 3, 7, -1});
    NumberColumn minusX = new NumberColumn("-x", new double[] {-1, -2, -3, -4, -5, 0});
    NumberColumn flat = new NumberColumn("flat", new double[] {3, 3, 3, 3, 3, 3});
    // Rows 0..4 only: the sixth row is left out as a row with a missing value would be.
    double[][] m = TableCharts.pearson(List.of(x, y, minusX, flat), List.of(0, 1, 2, 3, 4));
    assertThat(m[0][1]).isCloseTo(0.8241633836921342, within(1e-12)); // numpy.corrcoef
    assertThat(m[1][0]).isEqualTo(m[0][1]);
    assertThat(m[0][2]).isCloseTo(-1, within(1e-12));
    assertThat(m[0][0]).isEqualTo(1);
    assertThat(m[3][3]).isNaN();
    assertThat(m[0][3]).isNaN();
  }
}
