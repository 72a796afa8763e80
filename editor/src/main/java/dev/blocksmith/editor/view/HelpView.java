package dev.blocksmith.editor.view;

import dev.blocksmith.engine.cli.BlocksText;
import dev.blocksmith.engine.registry.NodeRegistry;
import dev.blocksmith.engine.spi.NodeSpec;
import dev.blocksmith.engine.text.Glossary;
import dev.blocksmith.engine.text.MetricHelp;
import java.awt.BorderLayout;
import java.awt.Dimension;
import java.awt.Window;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import javax.swing.BorderFactory;
import javax.swing.DefaultListModel;
import javax.swing.JDialog;
import javax.swing.JList;
import javax.swing.JPanel;
import javax.swing.JScrollPane;
import javax.swing.JSplitPane;
import javax.swing.JTextArea;
import javax.swing.JTextField;

/**
 * The help window: a searchable list of the glossary, the metrics and every installed block, and
 * the chosen entry's text (block entries come from the block's own spec, as docs/blocks.md does).
 * Shown as plain text, so nothing in a plugin's description renders as HTML.
 */
public final class HelpView {
  /** One entry of the help. */
  record Topic(String key, String title, String text) {
    @Override
    public String toString() {
      return title;
    }
  }

  private final JDialog dialog;
  private final List<Topic> topics = new ArrayList<>();
  private final DefaultListModel<Topic> shown = new DefaultListModel<>();
  private final JList<Topic> list = new JList<>(shown);
  private final JTextField search = new JTextField();
  private final JTextArea text = new JTextArea();

  /** Builds the (hidden) help window over {@code owner}. */
  public HelpView(Window owner) {
    dialog = new JDialog(owner, "Blocksmith help");
    dialog.setName("helpDialog");
    search.setName("helpSearch");
    search.putClientProperty("JTextField.placeholderText", "Search the help");
    search.setToolTipText("Type a word: epoch, R², Train, overfitting…");
    list.setName("helpTopics");
    list.putClientProperty("html.disable", Boolean.TRUE);
    if (list.getCellRenderer() instanceof javax.swing.JComponent r) {
      r.putClientProperty("html.disable", Boolean.TRUE);
    }
    text.setName("helpText");
    text.setEditable(false);
    text.setLineWrap(true);
    text.setWrapStyleWord(true);
    text.setBorder(BorderFactory.createEmptyBorder(10, 12, 10, 12));
    list.addListSelectionListener(
        e -> {
          Topic t = list.getSelectedValue();
          if (t != null) {
            text.setText(t.text());
            text.setCaretPosition(0);
          }
        });
    dev.blocksmith.editor.theme.TextChanges.onChange(search, this::filter);
    JPanel left = new JPanel(new BorderLayout(0, 6));
    left.setBorder(BorderFactory.createEmptyBorder(8, 8, 8, 0));
    left.add(search, BorderLayout.NORTH);
    left.add(new JScrollPane(list), BorderLayout.CENTER);
    JSplitPane split = new JSplitPane(JSplitPane.HORIZONTAL_SPLIT, left, new JScrollPane(text));
    split.setDividerLocation(260);
    dialog.getContentPane().add(split);
    dialog.setSize(new Dimension(820, 560));
    dialog.setLocationRelativeTo(owner);
    setRegistry(NodeRegistry.of(List.of()));
  }

  /** Lists the glossary, the metrics and the blocks of {@code registry}. */
  public void setRegistry(NodeRegistry registry) {
    topics.clear();
    Glossary.all()
        .forEach((term, words) -> topics.add(new Topic("term:" + term, "Term: " + term, words)));
    MetricHelp.metrics()
        .forEach(
            (metric, words) ->
                topics.add(
                    new Topic(
                        "metric:" + metric,
                        "Metric: " + metric,
                        words + Glossary.explain(metric).map(g -> "\n\n" + g).orElse(""))));
    registry.all().stream()
        .map(t -> t.spec())
        .sorted(Comparator.comparing(NodeSpec::displayName))
        .forEach(
            s ->
                topics.add(
                    new Topic(
                        "block:" + s.id(), "Block: " + s.displayName(), BlocksText.explain(s))));
    filter();
  }

  /**
   * Shows the window with the entry {@code key} ("block:train.train", "term:epoch", "metric:r2")
   * chosen, or the first entry when there is no such key.
   */
  public void show(String key) {
    search.setText("");
    filter();
    int at = find(key);
    if (at < 0 && key != null && key.contains(":")) {
      // "accuracy, 95 % low" has no entry of its own: look for its base name instead.
      String base = key.substring(key.indexOf(':') + 1).replaceFirst(", 95 % (low|high)$", "");
      at = find(key.substring(0, key.indexOf(':') + 1) + base);
      if (at < 0) {
        search.setText(base);
      }
    }
    at = Math.max(0, at);
    if (!shown.isEmpty()) {
      list.setSelectedIndex(at);
      list.ensureIndexIsVisible(at);
    }
    dialog.setVisible(true);
    dialog.toFront();
  }

  private int find(String key) {
    for (int i = 0; i < shown.size(); i++) {
      if (shown.get(i).key().equals(key)) {
        return i;
      }
    }
    return -1;
  }

  /** Returns the window. */
  public JDialog dialog() {
    return dialog;
  }

  private void filter() {
    String q = search.getText().trim().toLowerCase(Locale.ROOT).replace('²', '2');
    Topic keep = list.getSelectedValue();
    shown.clear();
    for (Topic t : topics) {
      if (q.isEmpty()
          || t.title().toLowerCase(Locale.ROOT).replace('²', '2').contains(q)
          || t.text().toLowerCase(Locale.ROOT).contains(q)) {
        shown.addElement(t);
      }
    }
    if (keep != null && shown.contains(keep)) {
      list.setSelectedValue(keep, true);
    } else if (!shown.isEmpty()) {
      list.setSelectedIndex(0);
    } else {
      text.setText("Nothing in the help matches \"" + search.getText() + "\".");
    }
  }
}
