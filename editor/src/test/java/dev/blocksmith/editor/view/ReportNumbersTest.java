package dev.blocksmith.editor.view;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class ReportNumbersTest {
  @Test
  void scoresKeepFourDecimalsAndLargeErrorsLoseTheirs() {
    assertThat(ReportPanel.number(0.97143)).isEqualTo("0.9714");
    assertThat(ReportPanel.number(14115.9301)).isEqualTo("14,116");
    assertThat(ReportPanel.number(46.2871)).isEqualTo("46.29");
    assertThat(ReportPanel.number(300)).isEqualTo("300");
    assertThat(ReportPanel.number(1.0)).isEqualTo("1.0000");
    assertThat(ReportPanel.number(-2.5)).isEqualTo("-2.5000");
    assertThat(ReportPanel.number(Double.NaN)).isEqualTo("NaN");
  }

  @Test
  void summaryNumbersFitTheirColumn() {
    assertThat(ResultsView.compact(4.1834)).isEqualTo("4.18");
    assertThat(ResultsView.compact(113.2)).isEqualTo("113");
    assertThat(ResultsView.compact(1234)).isEqualTo("1.23k");
    assertThat(ResultsView.compact(329_000)).isEqualTo("329k");
    assertThat(ResultsView.compact(111_900)).isEqualTo("112k");
    assertThat(ResultsView.compact(999.7)).isEqualTo("1k");
    assertThat(ResultsView.compact(1_070_000)).isEqualTo("1.07M");
    assertThat(ResultsView.compact(-0.5)).isEqualTo("-0.5");
    assertThat(ResultsView.compact(0)).isEqualTo("0");
    assertThat(ResultsView.compact(0.0001234)).isEqualTo("1.23e-04");
    assertThat(ResultsView.compact(Double.NaN)).isEmpty();
  }
}
