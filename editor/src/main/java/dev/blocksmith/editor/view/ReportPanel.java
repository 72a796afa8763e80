package dev.blocksmith.editor.view;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.blocksmith.editor.theme.PlainText;
import dev.blocksmith.engine.text.MetricHelp;
import dev.blocksmith.engine.value.Fix;
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
import javax.swing.JButton;
import javax.swing.JComponent;
import javax.swing.JLabel;
import javax.swing.JPanel;
import javax.swing.JScrollPane;
import javax.swing.JTable;
import javax.swing.table.DefaultTableModel;
import org.apache.commons.text.StringEscapeUtils;

/** A report: metrics table, confusion matrix, training curves and plain-language findings. */
final class ReportPanel {
  /** Height of the metrics / matrix / curves row: readable in a 1280 × 800 window. */
  static final int ROW_HEIGHT = 236;

  private static final ObjectMapper JSON = new ObjectMapper();

  private ReportPanel() {}

  static JComponent create(JsonNode r, boolean withCurves) {
    return create(r, withCurves, null, FixHook.NONE);
  }

  /** Returns text as wrapped HTML of the given width; the text must already be escaped. */
  static String html(String escaped, int width) {
    return "<html><div style='width:" + width + "px'>" + escaped + "</div></html>";
  }

  private static String esc(String s) {
    return StringEscapeUtils.escapeHtml4(s == null ? "" : s);
  }

  static JComponent create(JsonNode r, boolean withCurves, String nodeId, FixHook fixes) {
    JPanel p = new JPanel();
    p.setLayout(new BoxLayout(p, BoxLayout.Y_AXIS));
    ExamplesView examples = null;
    // One row: metrics, confusion matrix, curves. The curves take the width that is left.
    JPanel row = new JPanel(new GridBagLayout());
    GridBagConstraints c = new GridBagConstraints();
    c.fill = GridBagConstraints.BOTH;
    c.insets = new Insets(4, 8, 4, 8);
    c.weighty = 1;
    DefaultTableModel m = new DefaultTableModel(new String[] {"metric", "value"}, 0);
    r.path("metrics")
        .fields()
        .forEachRemaining(
            e -> m.addRow(new Object[] {e.getKey(), number(e.getValue().asDouble())}));
    JTable metrics =
        new JTable(m) {
          @Override
          public String getToolTipText(java.awt.event.MouseEvent e) {
            int at = rowAtPoint(e.getPoint());
            String help = at < 0 ? null : helpOf(String.valueOf(getValueAt(at, 0)));
            return help == null ? null : PlainText.tip(help + " (Double-click for the glossary.)");
          }
        };
    PlainText.plain(metrics);
    metrics.addMouseListener(
        new java.awt.event.MouseAdapter() {
          @Override
          public void mouseClicked(java.awt.event.MouseEvent e) {
            int at = metrics.rowAtPoint(e.getPoint());
            if (e.getClickCount() == 2 && at >= 0) {
              fixes.openHelp("metric:" + metrics.getValueAt(at, 0));
            }
          }
        });
    metrics.setName("metricsTable");
    metrics.setRowHeight(metrics.getFontMetrics(metrics.getFont()).getHeight() + 6);
    // Metric names are never cut off: the name column is as wide as the longest name.
    java.awt.FontMetrics fm = metrics.getFontMetrics(metrics.getFont());
    int nameWidth = fm.stringWidth("metric");
    for (int i = 0; i < m.getRowCount(); i++) {
      nameWidth = Math.max(nameWidth, fm.stringWidth(String.valueOf(m.getValueAt(i, 0))));
    }
    int valueWidth = fm.stringWidth("-0,000,000.0000");
    metrics.getColumnModel().getColumn(0).setPreferredWidth(nameWidth + 16);
    metrics.getColumnModel().getColumn(1).setPreferredWidth(valueWidth + 16);
    JScrollPane ms = new JScrollPane(metrics);
    ms.setPreferredSize(
        new Dimension(
            Math.max(210, nameWidth + valueWidth + 40),
            Math.min(ROW_HEIGHT, metrics.getRowHeight() * (m.getRowCount() + 1) + 8)));
    // GridBagLayout falls back to minimum sizes when the row is short of room: keep the names.
    ms.setMinimumSize(new Dimension(ms.getPreferredSize().width, 80));
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
      if (r.path("examples").size() > 0) {
        examples = new ExamplesView(r);
        cm.onCellClicked(examples::show);
      }
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
    if (r.path("binary").isObject()) {
      p.add(ThresholdView.create(r.path("binary")));
    }
    if (examples != null) {
      examples.setBorder(BorderFactory.createEmptyBorder(4, 8, 4, 8));
      p.add(examples);
    }
    JPanel charts = new JPanel(new java.awt.GridLayout(0, 2, 8, 8));
    charts.setName("charts");
    for (JsonNode chart : r.path("charts")) {
      charts.add(ChartView.create(chart));
    }
    if (charts.getComponentCount() > 0) {
      charts.setAlignmentX(0);
      p.add(charts);
    }
    for (JsonNode f : r.path("findings")) {
      p.add(finding(f, nodeId, fixes));
    }
    for (JsonNode part : r.path("parts")) {
      JLabel h = ResultsView.heading(part.path("title").asText());
      h.setAlignmentX(0);
      p.add(h);
      JComponent sub = create(part, true, nodeId, fixes);
      sub.setAlignmentX(0);
      p.add(sub);
    }
    return p;
  }

  /** Returns one finding: its words, the change it suggests, and an Apply button when it fits. */
  private static JComponent finding(JsonNode f, String nodeId, FixHook fixes) {
    JPanel box = new JPanel(new BorderLayout(8, 0));
    box.setName("finding");
    JsonNode fixNode = f.path("fix");
    String change = fixNode.isObject() ? fixNode.path("instruction").asText("") : "";
    JLabel l =
        new JLabel(
            html(
                "<b>"
                    + esc(f.path("title").asText())
                    + "</b> — "
                    + esc(f.path("message").asText())
                    + " <i>"
                    + esc(f.path("suggestion").asText(""))
                    + "</i>"
                    + (change.isEmpty() ? "" : "<br>Change: " + esc(change)),
                760));
    l.setBorder(BorderFactory.createEmptyBorder(4, 8, 4, 8));
    box.add(l, BorderLayout.CENTER);
    if (fixNode.isObject() && nodeId != null) {
      try {
        Fix fix = JSON.treeToValue(fixNode, Fix.class);
        if (fixes.canApply(nodeId, fix)) {
          JButton apply = new JButton("Apply");
          apply.setName("applyFix");
          apply.setToolTipText(
              PlainText.tip(
                  "Make this change to the pipeline (Undo takes it back): " + fix.instruction()));
          apply.addActionListener(
              e -> {
                fixes.apply(nodeId, fix);
                apply.setEnabled(false);
                apply.setText("Applied");
              });
          JPanel right = new JPanel(new java.awt.FlowLayout(java.awt.FlowLayout.LEFT, 0, 4));
          right.add(apply);
          box.add(right, BorderLayout.EAST);
        }
      } catch (Exception e) {
        // a change this editor cannot read is shown as words only
      }
    }
    box.setAlignmentX(0);
    box.setMaximumSize(new Dimension(Integer.MAX_VALUE, box.getPreferredSize().height + 8));
    return box;
  }

  /** Returns the help sentence of a metric, or null when none is known. */
  static String helpOf(String metric) {
    return MetricHelp.of(metric).orElse(null);
  }

  /**
   * Whole numbers (row counts) and large values (errors in a price's units) without decimals,
   * values from 10 on with two, scores with four.
   */
  static String number(double v) {
    double a = Math.abs(v);
    if (v == Math.rint(v) && a >= 2 && a < 1e12 || a >= 1000 && a < 1e12) {
      return String.format(Locale.ROOT, "%,.0f", v);
    }
    return a >= 10 && a < 1e12
        ? String.format(Locale.ROOT, "%,.2f", v)
        : String.format(Locale.ROOT, "%.4f", v);
  }
}
