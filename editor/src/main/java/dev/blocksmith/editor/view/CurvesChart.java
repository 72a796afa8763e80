package dev.blocksmith.editor.view;

import java.awt.Color;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import javax.swing.JPanel;
import javax.swing.UIManager;
import org.knowm.xchart.XChartPanel;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYChartBuilder;
import org.knowm.xchart.style.markers.SeriesMarkers;

/**
 * Training curves (loss and accuracy, train vs validation) that grow as metric events arrive. Each
 * update changes one series and repaints; XChart draws only on paint, so the EDT stays free.
 */
public final class CurvesChart {
  private final XYChart chart;
  private final XChartPanel<XYChart> panel;
  private final Map<String, Points> series = new LinkedHashMap<>();

  /** The x and y values of one series. */
  private record Points(List<Double> x, List<Double> y) {}

  private final java.util.Set<String> added = new java.util.HashSet<>();

  /** Creates an empty chart; its legend sits top right when {@code falling}, else bottom right. */
  public CurvesChart(String title, boolean falling) {
    chart =
        new XYChartBuilder()
            .width(380)
            .height(240)
            .title(title)
            .xAxisTitle("epoch")
            .yAxisTitle("")
            .build();
    var st = chart.getStyler();
    st.setLegendVisible(true);
    st.setLegendPosition(
        falling
            ? org.knowm.xchart.style.Styler.LegendPosition.InsideNE
            : org.knowm.xchart.style.Styler.LegendPosition.InsideSE);
    st.setXAxisTickMarkSpacingHint(90);
    st.setXAxisMaxLabelCount(8);
    st.setMarkerSize(3);
    st.setChartPadding(6);
    st.setXAxisDecimalPattern("#");
    java.awt.Font base = UIManager.getFont("Label.font");
    if (base != null) {
      st.setChartTitleFont(base.deriveFont(java.awt.Font.BOLD, base.getSize2D()));
      st.setLegendFont(base.deriveFont(base.getSize2D() - 1f));
      st.setAxisTitleFont(base.deriveFont(base.getSize2D() - 1f));
      st.setAxisTickLabelsFont(base.deriveFont(base.getSize2D() - 2f));
    }
    Color bg = UIManager.getColor("Panel.background");
    Color fg = UIManager.getColor("Label.foreground");
    if (bg != null && fg != null) {
      chart.getStyler().setChartBackgroundColor(bg);
      chart.getStyler().setLegendBackgroundColor(bg);
      chart.getStyler().setChartFontColor(fg);
      chart.getStyler().setAxisTickLabelsColor(fg);
      chart.getStyler().setLegendBorderColor(bg);
    }
    panel = new XChartPanel<>(chart);
    panel.setName("curves");
    panel.setPreferredSize(new java.awt.Dimension(210, 230));
    panel.setMinimumSize(new java.awt.Dimension(150, 140));
  }

  /** Returns the Swing panel. */
  public JPanel panel() {
    return panel;
  }

  /** Adds one point to a series ("train loss", "validation accuracy"). */
  public void add(String name, double x, double y) {
    if (!Double.isFinite(y)) {
      return;
    }
    Points xy = series.computeIfAbsent(name, k -> new Points(new ArrayList<>(), new ArrayList<>()));
    xy.x().add(x);
    xy.y().add(y);
    if (added.contains(name)) {
      chart.updateXYSeries(name, xy.x(), xy.y(), null);
    } else {
      added.add(name);
      chart.addSeries(name, xy.x(), xy.y()).setMarker(SeriesMarkers.CIRCLE);
    }
    panel.repaint();
  }

  /** Returns the number of points in a series, for tests. */
  public int points(String name) {
    Points xy = series.get(name);
    return xy == null ? 0 : xy.x().size();
  }
}
