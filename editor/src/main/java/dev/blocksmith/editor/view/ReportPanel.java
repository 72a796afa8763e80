package dev.blocksmith.editor.view;

import com.fasterxml.jackson.databind.JsonNode;
import java.awt.FlowLayout;
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
  private ReportPanel() {}

  static JComponent create(JsonNode r, boolean withCurves) {
    JPanel p = new JPanel();
    p.setLayout(new BoxLayout(p, BoxLayout.Y_AXIS));
    JPanel row = new JPanel(new FlowLayout(FlowLayout.LEFT, 12, 4));
    DefaultTableModel m = new DefaultTableModel(new String[] {"metric", "value"}, 0);
    r.path("metrics").fields().forEachRemaining(e -> m.addRow(new Object[] {e.getKey(),
        String.format(Locale.ROOT, "%.4f", e.getValue().asDouble())}));
    JTable metrics = new JTable(m);
    metrics.setName("metricsTable");
    JScrollPane ms = new JScrollPane(metrics);
    ms.setPreferredSize(new java.awt.Dimension(240, 140));
    row.add(ms);
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
      row.add(new ConfusionMatrixView(names, counts));
    }
    if (withCurves && r.path("curves").size() > 0) {
      CurvesChart chart = new CurvesChart("Training curves");
      for (JsonNode c : r.path("curves")) {
        int x = 1;
        for (JsonNode v : c.path("values")) {
          chart.add(c.path("name").asText(), x++, v.asDouble());
        }
      }
      chart.panel().setPreferredSize(new java.awt.Dimension(420, 240));
      row.add(chart.panel());
    }
    row.setAlignmentX(0);
    p.add(row);
    for (JsonNode f : r.path("findings")) {
      JLabel l = new JLabel("<html><div style='width:700px'><b>" + f.path("title").asText()
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
}
