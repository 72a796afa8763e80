package dev.blocksmith.editor.view;

import com.fasterxml.jackson.databind.JsonNode;
import dev.blocksmith.editor.theme.PlainText;
import java.awt.BorderLayout;
import java.awt.FlowLayout;
import java.awt.Font;
import java.awt.GridLayout;
import java.util.Base64;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import javax.imageio.ImageIO;
import javax.swing.BorderFactory;
import javax.swing.BoxLayout;
import javax.swing.ImageIcon;
import javax.swing.JComponent;
import javax.swing.JLabel;
import javax.swing.JPanel;
import javax.swing.JScrollPane;
import javax.swing.JTable;
import javax.swing.SwingConstants;
import javax.swing.table.DefaultTableModel;

/**
 * What the selected block produced: table previews with column statistics, image grids, training
 * curves (live while training), metrics, a confusion matrix and findings.
 */
public final class ResultsView extends JPanel {
  private final JPanel content = new Content();
  private TrainingCurves live;
  private FixHook fixes = FixHook.NONE;

  /** Creates an empty view. */
  public ResultsView() {
    super(new BorderLayout());
    setName("results");
    content.setLayout(new BoxLayout(content, BoxLayout.Y_AXIS));
    JScrollPane scroll = new JScrollPane(content);
    scroll.setBorder(null);
    scroll.getVerticalScrollBar().setUnitIncrement(16);
    add(scroll, BorderLayout.CENTER);
    show(null, Map.of(), Map.of());
  }

  /** Sets what applies a finding's change when its Apply button is pressed. */
  public void onApplyFix(FixHook hook) {
    fixes = hook;
  }

  /** Shows the previews and metrics of {@code nodeId} (or a hint when there is nothing). */
  public void show(
      String nodeId, Map<String, JsonNode> previews, Map<String, List<double[]>> metrics) {
    content.removeAll();
    live = null;
    if (nodeId == null) {
      content.add(hint("Select a block to see what it produced."));
    } else if (previews.isEmpty() && metrics.isEmpty()) {
      content.add(hint("Run the pipeline to see what this block produces."));
    }
    if (!metrics.isEmpty()) {
      live = new TrainingCurves();
      for (var e : metrics.entrySet()) {
        e.getValue().forEach(p -> live.add(e.getKey(), p[0], p[1]));
      }
      content.add(left(live.panel()));
    }
    for (var e : previews.entrySet()) {
      JsonNode p = e.getValue();
      content.add(left(heading(e.getKey() + ": " + p.path("headline").asText(""))));
      switch (p.path("kind").asText()) {
        case "table" -> content.add(left(table(p)));
        case "images" -> content.add(left(images(p)));
        case "report" ->
            content.add(left(ReportPanel.create(p.get("report"), live == null, nodeId, fixes)));
        default -> {}
      }
    }
    content.revalidate();
    content.repaint();
  }

  /** Adds a live metric point to the curves of the shown block. */
  public void metric(String name, double step, double value) {
    if (live == null) {
      content.removeAll();
      live = new TrainingCurves();
      content.add(left(live.panel()));
      content.revalidate();
    }
    live.add(name, step, value);
  }

  /** Returns the live training curves, or null. */
  public TrainingCurves curves() {
    return live;
  }

  private static JComponent table(JsonNode p) {
    JPanel box = new JPanel(new GridLayout(1, 2, 8, 0));
    JsonNode cols = p.path("columns");
    String[] names = new String[cols.size()];
    for (int i = 0; i < names.length; i++) {
      names[i] = cols.get(i).path("name").asText();
    }
    DefaultTableModel rows = new DefaultTableModel(names, 0);
    for (JsonNode r : p.path("head")) {
      Object[] row = new Object[names.length];
      for (int i = 0; i < names.length && i < r.size(); i++) {
        row[i] = r.get(i).isNull() ? "" : r.get(i).asText();
      }
      rows.addRow(row);
    }
    DefaultTableModel stats =
        new DefaultTableModel(
            new String[] {"column", "type", "role", "missing", "mean", "min", "max", "histogram"},
            0);
    for (JsonNode c : cols) {
      stats.addRow(
          new Object[] {
            c.path("name").asText(),
            lower(c.path("type").asText()),
            lower(c.path("role").asText()),
            c.path("missing").asInt(),
            num(c.path("mean")),
            num(c.path("min")),
            num(c.path("max")),
            spark(c.path("histogram"))
          });
    }
    JTable first = PlainText.plain(new JTable(rows));
    first.setName("tablePreview");
    box.add(new JScrollPane(first));
    box.add(new JScrollPane(PlainText.plain(new JTable(stats))));
    box.setPreferredSize(new java.awt.Dimension(900, 200));
    return box;
  }

  private static JComponent images(JsonNode p) {
    JPanel grid = new JPanel(new FlowLayout(FlowLayout.LEFT, 6, 6));
    grid.setName("imageGrid");
    for (JsonNode t : p.path("thumbs")) {
      try {
        byte[] png = Base64.getDecoder().decode(t.path("png").asText());
        var img = ImageIO.read(new java.io.ByteArrayInputStream(png));
        JLabel l =
            new JLabel(
                "",
                new ImageIcon(img.getScaledInstance(64, 64, java.awt.Image.SCALE_SMOOTH)),
                SwingConstants.CENTER);
        PlainText.plain(l).setText(t.path("label").asText());
        l.setVerticalTextPosition(SwingConstants.BOTTOM);
        l.setHorizontalTextPosition(SwingConstants.CENTER);
        grid.add(l);
      } catch (Exception e) {
        // a thumbnail that cannot be decoded is skipped
      }
    }
    StringBuilder counts = new StringBuilder("<html>");
    JsonNode names = p.path("classNames");
    for (int i = 0; i < names.size(); i++) {
      counts
          .append(PlainText.escape(names.get(i).asText()))
          .append(": ")
          .append(p.path("classCounts").path(i).asInt())
          .append("<br>");
    }
    grid.add(new JLabel(counts + "</html>"));
    return grid;
  }

  static String spark(JsonNode hist) {
    if (!hist.isArray() || hist.isEmpty()) {
      return "";
    }
    int max = 1;
    for (JsonNode h : hist) {
      max = Math.max(max, h.asInt());
    }
    String bars = "▁▂▃▄▅▆▇█";
    StringBuilder sb = new StringBuilder();
    for (Iterator<JsonNode> it = hist.elements(); it.hasNext(); ) {
      sb.append(bars.charAt(Math.min(7, it.next().asInt() * 7 / max)));
    }
    return sb.toString();
  }

  private static String num(JsonNode n) {
    return n.isNumber() ? compact(n.asDouble()) : "";
  }

  /**
   * Three significant digits in at most about six characters, as a summary column has room for:
   * 4.18, 113, 1.23k, 329k, 1.07M; never "3.29e+05" except for tiny or huge values.
   */
  static String compact(double v) {
    if (!Double.isFinite(v)) {
      return "";
    }
    double a = Math.abs(v);
    if (a == 0) {
      return "0";
    }
    if (a < 0.001 || a >= 1e12) {
      return String.format(Locale.ROOT, "%.2e", v);
    }
    String[] suffix = {"", "k", "M", "G"};
    int k = 0;
    double x = v;
    while (Math.abs(x) >= 999.5 && k < suffix.length - 1) {
      x /= 1000;
      k++;
    }
    String digits = new java.math.BigDecimal(x).round(new java.math.MathContext(3)).toPlainString();
    if (digits.contains(".")) {
      digits = digits.replaceAll("0+$", "").replaceAll("\\.$", "");
    }
    return digits + suffix[k];
  }

  private static String lower(String s) {
    return s.toLowerCase(Locale.ROOT);
  }

  static JLabel heading(String s) {
    JLabel l = PlainText.label(s);
    l.setFont(l.getFont().deriveFont(Font.BOLD));
    l.setBorder(BorderFactory.createEmptyBorder(8, 8, 4, 8));
    return l;
  }

  private static JLabel hint(String s) {
    JLabel l = PlainText.label(s);
    l.setBorder(BorderFactory.createEmptyBorder(12, 12, 12, 12));
    return l;
  }

  static <T extends JComponent> T left(T c) {
    c.setAlignmentX(LEFT_ALIGNMENT);
    return c;
  }

  /** The scrolled content. */
  private static final class Content extends WidthTrackingPanel {
    private static final long serialVersionUID = 1L;
  }
}
