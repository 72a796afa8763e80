package dev.blocksmith.editor.inspect;

import com.fasterxml.jackson.databind.JsonNode;
import dev.blocksmith.editor.canvas.GraphEdits;
import dev.blocksmith.editor.theme.PlainText;
import dev.blocksmith.editor.view.WidthTrackingPanel;
import dev.blocksmith.engine.graph.Graph;
import dev.blocksmith.engine.graph.Node;
import dev.blocksmith.engine.registry.NodeRegistry;
import dev.blocksmith.engine.spi.NodeSpec;
import dev.blocksmith.engine.spi.ParamSpec;
import dev.blocksmith.engine.spi.ParamType;
import dev.blocksmith.nodes.data.csv.CsvSample;
import java.awt.BorderLayout;
import java.awt.Component;
import java.awt.FlowLayout;
import java.awt.Font;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.function.Supplier;
import javax.swing.BorderFactory;
import javax.swing.Box;
import javax.swing.BoxLayout;
import javax.swing.JButton;
import javax.swing.JComponent;
import javax.swing.JLabel;
import javax.swing.JPanel;
import javax.swing.JScrollPane;
import javax.swing.JToggleButton;
import javax.swing.UIManager;

/**
 * The form for the selected block, generated from its param specs: beginner params first, advanced
 * ones folded away, preset buttons, inline validation, and the block's plain-language explanation.
 */
public final class InspectorPanel extends JPanel {
  /** Width of wrapped help text in CSS pixels (Swing's HTML draws them about a third wider). */
  private static final int TEXT_WIDTH = 205;

  private final GraphEdits edits;
  private final Function<String, List<String>> upstreamColumns;
  private final Supplier<Path> graphDir;
  private final Form form = new Form();
  private NodeRegistry registry = NodeRegistry.of(List.of());
  private Node shown;
  private boolean advancedOpen;
  private Function<String, CsvSample> samples = id -> null;
  private java.util.function.Consumer<String> openDoc;

  /**
   * Creates the inspector.
   *
   * @param upstreamColumns column names of the table flowing into a node, when known
   * @param graphDir the folder of the graph file (null when never saved), so chosen paths beside it
   *     are stored relative to it
   */
  public InspectorPanel(
      GraphEdits edits, Function<String, List<String>> upstreamColumns, Supplier<Path> graphDir) {
    super(new BorderLayout());
    this.edits = edits;
    this.graphDir = graphDir;
    this.upstreamColumns = upstreamColumns;
    setName("inspector");
    form.setLayout(new BoxLayout(form, BoxLayout.Y_AXIS));
    form.setBorder(BorderFactory.createEmptyBorder(10, 12, 10, 12));
    JScrollPane scroll = new JScrollPane(form);
    scroll.setBorder(null);
    scroll.getVerticalScrollBar().setUnitIncrement(16);
    add(scroll, BorderLayout.CENTER);
    show(Graph.EMPTY, null);
  }

  /** Sets the installed blocks. */
  public void setRegistry(NodeRegistry registry) {
    this.registry = registry;
    shown = null;
  }

  /**
   * Sets where the first rows of a Load CSV node's file come from (null while not read yet), so its
   * form shows the column table before anything runs.
   */
  public void setSamples(Function<String, CsvSample> samples) {
    this.samples = samples;
    shown = null;
  }

  /**
   * Sets what a "?" opens: it receives the help entry's key ("block:train.train" beside a block's
   * name; "term:epoch" beside a setting the glossary explains, else the block's entry).
   */
  public void setOpenDoc(java.util.function.Consumer<String> openDoc) {
    this.openDoc = openDoc;
    shown = null;
  }

  /** Builds the form of {@code nodeId} again, even when it is shown (its column lists changed). */
  public void refresh(Graph g, String nodeId) {
    shown = null;
    show(g, nodeId);
  }

  /**
   * Shows the form of {@code nodeId} in {@code g} (or a hint when null), rebuilding only on change.
   */
  public void show(Graph g, String nodeId) {
    Node n = nodeId == null ? null : g.node(nodeId).orElse(null);
    if (n != null && n.equals(shown) && form.getComponentCount() > 0) {
      return;
    }
    shown = n;
    form.removeAll();
    if (n == null) {
      form.add(left(muted("Select a block to see its settings and what it does.")));
    } else {
      NodeSpec spec = registry.find(n.type()).map(t -> t.spec()).orElse(null);
      if (spec == null) {
        form.add(left(title(n.type())));
        form.add(left(muted("This block is not installed; its settings are kept as they are.")));
      } else {
        build(n, spec);
      }
    }
    form.add(Box.createVerticalGlue());
    form.revalidate();
    form.repaint();
  }

  private void build(Node n, NodeSpec spec) {
    JPanel head = new JPanel(new BorderLayout(6, 0));
    head.add(title(spec.displayName()), BorderLayout.CENTER);
    if (openDoc != null) {
      JButton doc = new JButton("?");
      doc.setName("blockDoc");
      doc.setToolTipText("Open the help for " + spec.displayName());
      doc.putClientProperty("JButton.buttonType", "help");
      doc.addActionListener(e -> openDoc.accept("block:" + spec.id()));
      head.add(doc, BorderLayout.EAST);
    }
    form.add(left(head));
    form.add(left(muted(spec.summary())));
    if (!spec.presets().isEmpty()) {
      JPanel presets = new JPanel(new FlowLayout(FlowLayout.LEFT, 4, 4));
      presets.add(new JLabel("Presets:"));
      for (var e : spec.presets().entrySet()) {
        JButton b = new JButton(e.getKey());
        b.setName("preset:" + e.getKey());
        b.setToolTipText(
            "Set " + String.join(", ", e.getValue().keySet()) + " for \"" + e.getKey() + "\"");
        b.addActionListener(a -> applyPreset(n.id(), e.getKey(), e.getValue()));
        presets.add(b);
      }
      form.add(left(presets));
    }
    form.add(Box.createVerticalStrut(6));
    List<ParamSpec> beginner = spec.params().stream().filter(p -> !p.advanced()).toList();
    List<ParamSpec> advanced = spec.params().stream().filter(ParamSpec::advanced).toList();
    for (ParamSpec p : beginner) {
      form.add(left(row(n, p)));
      if (p.type() == ParamType.FILE && spec.id().equals("data.load-csv")) {
        columnTable(n);
      }
    }
    if (!advanced.isEmpty()) {
      JToggleButton toggle =
          new JToggleButton(
              (advancedOpen ? "▾ " : "▸ ") + "Advanced (" + advanced.size() + ")", advancedOpen);
      toggle.setName("advancedToggle");
      toggle.setToolTipText("Settings most pipelines can leave as they are");
      toggle.addActionListener(
          e -> {
            advancedOpen = toggle.isSelected();
            shown = null;
            show(edits.graph(), n.id());
          });
      form.add(left(toggle));
      if (advancedOpen) {
        advanced.forEach(p -> form.add(left(row(n, p))));
      }
    }
    form.add(Box.createVerticalStrut(10));
    form.add(left(section("What this does", spec.whatItDoes())));
    if (!spec.whyItMatters().isBlank()) {
      form.add(left(section("Why it matters", spec.whyItMatters())));
    }
    if (!spec.watchOutFor().isBlank()) {
      form.add(left(section("Watch out for", spec.watchOutFor())));
    }
  }

  /** Adds the column table of a Load CSV node's file, once its first rows have been read. */
  private void columnTable(Node n) {
    CsvSample sample = samples.apply(n.id());
    if (sample == null || sample.columns().isEmpty()) {
      return;
    }
    JComponent table =
        ColumnTable.create(
            n,
            sample,
            (c, role) ->
                edits.edit(
                    "Set " + c.name() + " to " + role,
                    g -> ColumnRoles.assign(g, n.id(), c, role)));
    form.add(left(table));
    form.add(Box.createVerticalStrut(6));
  }

  private JPanel row(Node n, ParamSpec p) {
    JPanel row = new JPanel();
    row.setLayout(new BoxLayout(row, BoxLayout.Y_AXIS));
    row.setBorder(BorderFactory.createEmptyBorder(4, 0, 6, 0));
    JLabel error = PlainText.label("");
    error.setName("error:" + p.name());
    error.setForeground(UIManager.getColor("Blocksmith.problem"));
    ParamField field =
        ParamFields.create(
            p, v -> apply(n.id(), p, v, error), () -> upstreamColumns.apply(n.id()), graphDir);
    field.component().setName("param:" + p.name());
    field.component().setToolTipText(PlainText.tip(p.help()));
    JsonNode value = n.params().getOrDefault(p.name(), p.defaultValue());
    field.setter().accept(value);
    if (p.type() != ParamType.BOOLEAN) {
      JLabel label = PlainText.label(p.label() + (p.required() ? " *" : ""));
      label.setToolTipText(PlainText.tip(p.help()));
      label.setLabelFor(field.component());
      JPanel line = new JPanel(new BorderLayout(4, 0));
      line.setOpaque(false);
      line.add(label, BorderLayout.CENTER);
      if (openDoc != null) {
        line.add(paramDoc(n, p), BorderLayout.EAST);
      }
      row.add(left(line));
    }
    row.add(left(field.component()));
    row.add(left(help(p.help())));
    p.check(n.params().get(p.name())).ifPresent(error::setText);
    row.add(left(error));
    return row;
  }

  /** The "?" of one setting: its glossary entry when there is one, else its block's entry. */
  private JButton paramDoc(Node n, ParamSpec p) {
    String plain = p.label().replaceAll("\\s*\\(.*\\)$", "");
    String key =
        dev.blocksmith.engine.text.Glossary.termOf(plain)
            .or(() -> dev.blocksmith.engine.text.Glossary.termOf(p.name()))
            .map(t -> "term:" + t)
            .orElse("block:" + n.type());
    JButton b = new JButton("?");
    b.setName("paramDoc:" + p.name());
    b.setToolTipText(
        PlainText.tip(
            key.startsWith("term:")
                ? "What \"" + key.substring(5) + "\" means, in the help"
                : "Open the help for this block and its settings"));
    b.putClientProperty("JButton.buttonType", "help");
    b.setFocusable(false);
    b.addActionListener(e -> openDoc.accept(key));
    return b;
  }

  private void apply(String nodeId, ParamSpec p, JsonNode value, JLabel error) {
    var problem = p.check(value);
    error.setText(problem.orElse(""));
    if (problem.isPresent()) {
      return;
    }
    edits.edit(
        "Set " + p.label(),
        g -> {
          Graph next = g.withParam(nodeId, p.name(), value);
          shown = next.node(nodeId).orElse(null); // our own edit: keep the form (and its focus)
          return next;
        });
  }

  private void applyPreset(String nodeId, String name, Map<String, JsonNode> values) {
    edits.edit(
        "Preset " + name,
        g -> {
          Graph out = g;
          for (var e : values.entrySet()) {
            out = out.withParam(nodeId, e.getKey(), e.getValue());
          }
          return out;
        });
  }

  private static JLabel title(String text) {
    JLabel l = PlainText.label(text);
    l.setFont(l.getFont().deriveFont(Font.BOLD, l.getFont().getSize() + 4f));
    return l;
  }

  private static JLabel muted(String text) {
    JLabel l = new JLabel(wrap(text));
    l.setForeground(UIManager.getColor("Label.disabledForeground"));
    return l;
  }

  private static String wrap(String text) {
    return "<html><div style='width:"
        + TEXT_WIDTH
        + "px'>"
        + PlainText.escape(text)
        + "</div></html>";
  }

  private static JLabel help(String text) {
    JLabel l = muted(text);
    l.setFont(l.getFont().deriveFont(l.getFont().getSize() - 1f));
    return l;
  }

  private static JPanel section(String heading, String text) {
    JPanel p = new JPanel(new BorderLayout(0, 2));
    p.setBorder(BorderFactory.createEmptyBorder(6, 0, 6, 0));
    JLabel h = new JLabel(heading);
    h.setFont(h.getFont().deriveFont(Font.BOLD));
    p.add(h, BorderLayout.NORTH);
    JLabel body = new JLabel(wrap(text));
    p.add(body, BorderLayout.CENTER);
    return p;
  }

  private static <T extends Component> T left(T c) {
    if (c instanceof javax.swing.JComponent j) {
      j.setAlignmentX(Component.LEFT_ALIGNMENT);
      if (j instanceof JPanel
          || j instanceof javax.swing.JSpinner
          || j instanceof javax.swing.JComboBox
          || j instanceof javax.swing.JTextField) {
        j.setMaximumSize(new java.awt.Dimension(Integer.MAX_VALUE, j.getPreferredSize().height));
      }
    }
    return c;
  }

  /** The form: wraps text to the viewport width. */
  private static final class Form extends WidthTrackingPanel {
    private static final long serialVersionUID = 1L;
  }
}
