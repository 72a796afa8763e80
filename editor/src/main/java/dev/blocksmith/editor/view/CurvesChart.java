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
  private final Map<String, List<Double>[]> series = new LinkedHashMap<>();
  private final java.util.Set<String> added = new java.util.HashSet<>();

  /** Creates an empty chart titled {@code title}. */
  public CurvesChart(String title) {
    chart = new XYChartBuilder().width(420).height(240).title(title).xAxisTitle("epoch")
        .yAxisTitle("").build();
    chart.getStyler().setLegendVisible(true);
    chart.getStyler().setMarkerSize(4);
    Color bg = UIManager.getColor("Panel.background");
    Color fg = UIManager.getColor("Label.foreground");
    if (bg != null && fg != null) {
      chart.getStyler().setChartBackgroundColor(bg);
      chart.getStyler().setLegendBackgroundColor(bg);
      chart.getStyler().setChartFontColor(fg);
      chart.getStyler().setAxisTickLabelsColor(fg);
    }
    panel = new XChartPanel<>(chart);
    panel.setName("curves");
  }

  /** Returns the Swing panel. */
  public JPanel panel() {
    return panel;
  }

  /** Adds one point to a series ("train loss", "validation accuracy"). */
  @SuppressWarnings("unchecked")
  public void add(String name, double x, double y) {
    if (!Double.isFinite(y)) {
      return;
    }
    List<Double>[] xy = series.computeIfAbsent(name, k -> new List[] {new ArrayList<>(),
        new ArrayList<>()});
    xy[0].add(x);
    xy[1].add(y);
    if (added.contains(name)) {
      chart.updateXYSeries(name, xy[0], xy[1], null);
    } else {
      added.add(name);
      chart.addSeries(name, xy[0], xy[1]).setMarker(SeriesMarkers.CIRCLE);
    }
    panel.repaint();
  }

  /** Returns the number of points in a series, for tests. */
  public int points(String name) {
    List<Double>[] xy = series.get(name);
    return xy == null ? 0 : xy[0].size();
  }
}
