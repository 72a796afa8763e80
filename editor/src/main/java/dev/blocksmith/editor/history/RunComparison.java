package dev.blocksmith.editor.history;

import dev.blocksmith.editor.view.CurvesChart;
import dev.blocksmith.engine.history.PastRun;
import dev.blocksmith.engine.history.RunHistory;
import java.awt.BorderLayout;
import java.awt.GridLayout;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import javax.swing.BorderFactory;
import javax.swing.JLabel;
import javax.swing.JPanel;
import javax.swing.JScrollPane;
import javax.swing.JTabbedPane;
import javax.swing.JTable;
import javax.swing.table.DefaultTableModel;

/**
 * Two or more runs side by side: the settings that differ, every metric, and each training curve as
 * a small chart with one line per run (runs are lettered A, B, C… as in {@code blocksmith runs
 * compare}).
 */
final class RunComparison {
  private final JPanel panel = new JPanel(new BorderLayout());
  private final JLabel title = new JLabel();
  private final DefaultTableModel settings = readOnly();
  private final DefaultTableModel metrics = readOnly();
  private final JPanel curves = new dev.blocksmith.editor.view.WidthTrackingPanel();

  RunComparison() {
    title.setName("compareTitle");
    title.setBorder(BorderFactory.createEmptyBorder(4, 6, 4, 6));
    JTable s = new JTable(settings);
    s.setName("differingSettings");
    JTable m = new JTable(metrics);
    m.setName("metrics");
    JTabbedPane tabs = new JTabbedPane();
    tabs.setName("compareTabs");
    tabs.addTab("Curves", new JScrollPane(curves));
    tabs.addTab("Settings that differ", new JScrollPane(s));
    tabs.addTab("Metrics", new JScrollPane(m));
    curves.setName("compareCurves");
    curves.setLayout(new GridLayout(0, 3, 6, 6));
    panel.add(title, BorderLayout.NORTH);
    panel.add(tabs, BorderLayout.CENTER);
    show(List.of());
  }

  /** Returns the Swing panel. */
  JPanel panel() {
    return panel;
  }

  /** Shows the comparison of {@code runs} (fewer than two: a hint instead). */
  void show(List<PastRun> runs) {
    curves.removeAll();
    if (runs.size() < 2) {
      title.setText("Select two or more runs (Ctrl+click) to compare them side by side.");
      fill(settings, List.of(), Map.of());
      fill(metrics, List.of(), Map.of());
      panel.revalidate();
      panel.repaint();
      return;
    }
    List<String> letters = new ArrayList<>();
    StringBuilder t = new StringBuilder();
    for (int i = 0; i < runs.size(); i++) {
      String letter = String.valueOf((char) ('A' + i));
      letters.add(letter);
      t.append(i == 0 ? "" : "   ").append(letter).append(" = ").append(runs.get(i).id());
    }
    title.setText(t.toString());
    fill(settings, letters, RunHistory.differingSettings(runs));
    fill(metrics, letters, RunHistory.metrics(runs));
    java.util.Set<List<Object>> seen = new java.util.HashSet<>();
    for (String name : RunHistory.curveNames(runs)) {
      // Evaluate passes the training curves on: the same curve under two blocks is drawn once.
      List<Object> key = new ArrayList<>();
      key.add(name.substring(name.indexOf('.') + 1));
      runs.forEach(r -> key.add(r.curves().getOrDefault(name, List.of())));
      if (!seen.add(key)) {
        continue;
      }
      CurvesChart chart = new CurvesChart(name, name.contains("loss"));
      for (int i = 0; i < runs.size(); i++) {
        List<Double> v = runs.get(i).curves().getOrDefault(name, List.of());
        for (int e = 0; e < v.size(); e++) {
          chart.add(letters.get(i), e + 1, v.get(e));
        }
      }
      chart.panel().setName("curve:" + name);
      curves.add(chart.panel());
    }
    if (curves.getComponentCount() == 0) {
      curves.add(new JLabel("These runs recorded no training curves."));
    }
    panel.revalidate();
    panel.repaint();
  }

  private static void fill(
      DefaultTableModel model, List<String> letters, Map<String, List<String>> rows) {
    List<String> columns = new ArrayList<>();
    columns.add("");
    columns.addAll(letters);
    model.setColumnIdentifiers(columns.toArray());
    model.setRowCount(0);
    rows.forEach(
        (k, vals) -> {
          List<Object> row = new ArrayList<>();
          row.add(k);
          row.addAll(vals);
          model.addRow(row.toArray());
        });
  }

  private static DefaultTableModel readOnly() {
    return new DefaultTableModel() {
      @Override
      public boolean isCellEditable(int row, int column) {
        return false;
      }
    };
  }
}
