package dev.blocksmith.editor.view;

import com.fasterxml.jackson.databind.JsonNode;
import java.awt.BorderLayout;
import java.awt.Dimension;
import java.awt.GridBagConstraints;
import java.awt.GridBagLayout;
import java.awt.Insets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import javax.swing.BorderFactory;
import javax.swing.BoxLayout;
import javax.swing.JComponent;
import javax.swing.JLabel;
import javax.swing.JPanel;
import javax.swing.JScrollPane;
import javax.swing.JTable;
import javax.swing.table.DefaultTableModel;

/** A report: metrics table, confusion matrix, training curves and plain-language findings. */
final class ReportPanel {
  /** Height of the metrics / matrix / curves row: readable in a 1280 × 800 window. */
  static final int ROW_HEIGHT = 236;

  private ReportPanel() {}

  static JComponent create(JsonNode r, boolean withCurves) {
    JPanel p = new JPanel();
    p.setLayout(new BoxLayout(p, BoxLayout.Y_AXIS));
    // One row: metrics, confusion matrix, curves. The curves take the width that is left.
    JPanel row = new JPanel(new GridBagLayout());
    GridBagConstraints c = new GridBagConstraints();
    c.fill = GridBagConstraints.BOTH;
    c.insets = new Insets(4, 8, 4, 8);
    c.weighty = 1;
    DefaultTableModel m = new DefaultTableModel(new String[] {"metric", "value"}, 0);
    r.path("metrics").fields().forEachRemaining(e -> m.addRow(new Object[] {e.getKey(),
        number(e.getValue().asDouble())}));
    JTable metrics = new JTable(m);
    metrics.setName("metricsTable");
    metrics.setRowHeight(metrics.getFontMetrics(metrics.getFont()).getHeight() + 6);
    JScrollPane ms = new JScrollPane(metrics);
    ms.setPreferredSize(new Dimension(210, Math.min(ROW_HEIGHT,
        metrics.getRowHeight() * (m.getRowCount() + 1) + 8)));
    ms.setMinimumSize(new Dimension(180, 80));
    JPanel metricsBox = new JPanel(new BorderLayout());
    metricsBox.add(ms, BorderLayout.NORTH);
    row.add(metricsBox, c);
    JsonNode conf = r.path("confusion");
    if (conf.isArray() && conf.size() > 0) {
      List<String> names = new ArrayList<>();
      r.path("classNames").forEach(n -> names.add(n.asText()));
      int[][] counts = new int[conf.size()][];
      for (int i = 0; i < conf.size(); i++) {
        counts[i] = new int[conf.get(i).size()];
        for (int j = 0; j < counts[i].length; j++) {
          counts[i][j] = conf.get(i).get(j).asInt();
        }
      }
      ConfusionMatrixView cm = new ConfusionMatrixView(names, counts);
      row.add(cm, c);
    }
    if (withCurves && r.path("curves").size() > 0) {
      TrainingCurves chart = new TrainingCurves();
      for (JsonNode curve : r.path("curves")) {
        int x = 1;
        for (JsonNode v : curve.path("values")) {
          chart.add(curve.path("name").asText(), x++, v.asDouble());
        }
      }
      c.weightx = 1;
      row.add(chart.panel(), c);
    } else {
      c.weightx = 1;
      row.add(new JPanel(), c);
    }
    row.setPreferredSize(new Dimension(row.getPreferredSize().width, ROW_HEIGHT));
    row.setMaximumSize(new Dimension(Integer.MAX_VALUE, ROW_HEIGHT));
    row.setAlignmentX(0);
    p.add(row);
    for (JsonNode f : r.path("findings")) {
      JLabel l = new JLabel("<html><div style='width:800px'><b>" + f.path("title").asText()
          + "</b> — " + f.path("message").asText() + " <i>" + f.path("suggestion").asText("")
          + "</i></div></html>");
      l.setName("finding");
      l.setBorder(BorderFactory.createEmptyBorder(4, 8, 4, 8));
      l.setAlignmentX(0);
      p.add(l);
    }
    for (JsonNode part : r.path("parts")) {
      JLabel h = ResultsView.heading(part.path("title").asText());
      h.setAlignmentX(0);
      p.add(h);
      JComponent sub = create(part, true);
      sub.setAlignmentX(0);
      p.add(sub);
    }
    return p;
  }

  /** Whole numbers (row counts) without decimals, scores with four. */
  private static String number(double v) {
    return v == Math.rint(v) && Math.abs(v) >= 2 && Math.abs(v) < 1e12
        ? String.format(Locale.ROOT, "%,.0f", v) : String.format(Locale.ROOT, "%.4f", v);
  }
}
