package dev.blocksmith.editor.view;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.blocksmith.editor.theme.PlainText;
import dev.blocksmith.engine.value.Chart;
import dev.blocksmith.nodes.report.ChartImages;
import java.awt.BorderLayout;
import java.awt.Dimension;
import javax.swing.BorderFactory;
import javax.swing.ImageIcon;
import javax.swing.JComponent;
import javax.swing.JLabel;
import javax.swing.JPanel;
import org.knowm.xchart.XChartPanel;

/** One chart of a report: its title, its help text (also the tooltip) and the chart itself. */
final class ChartView {
  private static final ObjectMapper JSON = new ObjectMapper();
  static final int WIDTH = 520;
  static final int HEIGHT = 280;

  private ChartView() {}

  /** Returns the chart component, or a line saying why it cannot be drawn. */
  static JComponent create(JsonNode node) {
    JPanel box = new JPanel(new BorderLayout(0, 2));
    box.setName("chart");
    try {
      Chart c = JSON.treeToValue(node, Chart.class);
      JLabel title = ResultsView.heading(c.title());
      title.setName("chartTitle");
      JLabel help = new JLabel(ReportPanel.html(PlainText.escape(c.help()), WIDTH - 20));
      help.setName("chartHelp");
      help.setBorder(BorderFactory.createEmptyBorder(0, 8, 4, 8));
      JPanel top = new JPanel(new BorderLayout());
      top.add(title, BorderLayout.NORTH);
      top.add(help, BorderLayout.CENTER);
      box.add(top, BorderLayout.NORTH);
      JComponent chart;
      if (c.kind() == Chart.Kind.PICTURES) {
        chart = new JLabel(new ImageIcon(ChartImages.pictures(c.pictures(), 6)));
      } else {
        XChartPanel<?> panel = new XChartPanel<>(ChartImages.xchart(c, WIDTH, HEIGHT));
        panel.setPreferredSize(new Dimension(WIDTH, HEIGHT));
        chart = panel;
      }
      chart.setToolTipText(PlainText.tip(c.help()));
      box.add(chart, BorderLayout.CENTER);
      box.setToolTipText(PlainText.tip(c.help()));
    } catch (Exception e) {
      box.add(PlainText.label("This chart cannot be drawn: " + e.getMessage()));
    }
    box.setAlignmentX(0);
    return box;
  }
}
