package dev.blocksmith.editor.view;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.blocksmith.editor.theme.PlainText;
import dev.blocksmith.engine.value.Picture;
import dev.blocksmith.nodes.report.ChartImages;
import java.awt.BorderLayout;
import java.awt.Dimension;
import java.awt.FlowLayout;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import javax.swing.ImageIcon;
import javax.swing.JLabel;
import javax.swing.JPanel;
import javax.swing.JScrollPane;
import javax.swing.JTable;
import javax.swing.SwingConstants;
import javax.swing.table.DefaultTableModel;

/** The examples behind one confusion-matrix cell: table rows, or the pictures themselves. */
final class ExamplesView extends JPanel {
  private static final ObjectMapper JSON = new ObjectMapper();
  private final JsonNode report;
  private final JLabel title = PlainText.label("");
  private final JPanel body = new JPanel(new BorderLayout());

  ExamplesView(JsonNode report) {
    super(new BorderLayout(0, 4));
    this.report = report;
    setName("examples");
    title.setName("examplesTitle");
    title.setText("Click a cell of the confusion matrix to see its examples.");
    add(title, BorderLayout.NORTH);
    add(body, BorderLayout.CENTER);
    setAlignmentX(0);
  }

  /** Shows the examples with true class {@code actual} and predicted class {@code predicted}. */
  void show(int actual, int predicted) {
    List<JsonNode> rows = new ArrayList<>();
    for (JsonNode e : report.path("examples")) {
      if (e.path("actual").asInt() == actual && e.path("predicted").asInt() == predicted) {
        rows.add(e);
      }
    }
    String a = report.path("classNames").path(actual).asText();
    String p = report.path("classNames").path(predicted).asText();
    title.setText(
        (actual == predicted ? "Right: " : "Mistakes: ")
            + "true "
            + a
            + ", predicted "
            + p
            + " ("
            + rows.size()
            + " shown)");
    body.removeAll();
    if (!rows.isEmpty() && !rows.get(0).path("picture").isNull() && rows.get(0).has("picture")) {
      JPanel grid = new JPanel(new FlowLayout(FlowLayout.LEFT, 6, 6));
      for (JsonNode e : rows) {
        try {
          Picture pic = JSON.treeToValue(e.get("picture"), Picture.class);
          JLabel l =
              new JLabel(
                  String.format(Locale.ROOT, "%.0f %%", 100 * e.path("confidence").asDouble()),
                  new ImageIcon(
                      ChartImages.overlay(pic)
                          .getScaledInstance(64, 64, java.awt.Image.SCALE_FAST)),
                  SwingConstants.CENTER);
          PlainText.plain(l);
          l.setToolTipText(PlainText.tip(e.path("source").asText()));
          l.setVerticalTextPosition(SwingConstants.BOTTOM);
          l.setHorizontalTextPosition(SwingConstants.CENTER);
          grid.add(l);
        } catch (Exception ex) {
          // a picture that cannot be read is left out
        }
      }
      body.add(grid, BorderLayout.CENTER);
    } else {
      DefaultTableModel m = new DefaultTableModel(new String[] {"row", "confidence", "values"}, 0);
      for (JsonNode e : rows) {
        List<String> values = new ArrayList<>();
        e.path("values").forEach(v -> values.add(v.asText()));
        m.addRow(
            new Object[] {
              e.path("row").asInt() + 1,
              String.format(Locale.ROOT, "%.0f %%", 100 * e.path("confidence").asDouble()),
              String.join(", ", values)
            });
      }
      JTable t = PlainText.plain(new JTable(m));
      t.setName("examplesTable");
      t.getColumnModel().getColumn(0).setMaxWidth(60);
      t.getColumnModel().getColumn(1).setMaxWidth(90);
      JScrollPane s = new JScrollPane(t);
      s.setPreferredSize(new Dimension(800, Math.min(220, 28 + 22 * rows.size())));
      body.add(s, BorderLayout.CENTER);
    }
    revalidate();
    repaint();
  }
}
