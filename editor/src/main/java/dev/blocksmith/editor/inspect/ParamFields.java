package dev.blocksmith.editor.inspect;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import dev.blocksmith.editor.theme.PlainText;
import dev.blocksmith.engine.spi.ParamSpec;
import java.awt.BorderLayout;
import java.math.BigDecimal;
import java.nio.file.Path;
import java.util.List;
import java.util.function.Consumer;
import java.util.function.Supplier;
import javax.swing.JButton;
import javax.swing.JCheckBox;
import javax.swing.JComboBox;
import javax.swing.JFileChooser;
import javax.swing.JLabel;
import javax.swing.JPanel;
import javax.swing.JSlider;
import javax.swing.JSpinner;
import javax.swing.JTextField;
import javax.swing.SpinnerNumberModel;

/**
 * Builds the widget for a param from its spec: spinner, slider, dropdown, checkbox, chooser, text.
 */
final class ParamFields {
  private static final JsonNodeFactory JSON = new JsonNodeFactory(true);

  private ParamFields() {}

  /**
   * Returns a widget for {@code spec} that calls {@code onEdit} with each new value.
   *
   * @param columns upstream column names for column params (may be empty)
   */
  static ParamField create(
      ParamSpec spec,
      Consumer<JsonNode> onEdit,
      Supplier<List<String>> columns,
      Supplier<Path> graphDir) {
    return switch (spec.type()) {
      case INTEGER -> integer(spec, onEdit);
      case NUMBER ->
          spec.min() != null && spec.max() != null && spec.max() - spec.min() <= 1
              ? slider(spec, onEdit)
              : number(spec, onEdit);
      case BOOLEAN -> {
        JCheckBox box = new JCheckBox(spec.label());
        box.addActionListener(e -> onEdit.accept(JSON.booleanNode(box.isSelected())));
        yield new ParamField(spec, box, v -> box.setSelected(v.asBoolean()));
      }
      case CHOICE -> choice(spec, onEdit);
      case FILE, FOLDER -> path(spec, onEdit, graphDir);
      case COLUMN -> column(spec, onEdit, columns);
      case INTEGER_LIST -> text(spec, onEdit, true);
      default -> text(spec, onEdit, false);
    };
  }

  private static ParamField integer(ParamSpec spec, Consumer<JsonNode> onEdit) {
    long min = spec.min() == null ? Integer.MIN_VALUE : spec.min().longValue();
    long max = spec.max() == null ? Integer.MAX_VALUE : spec.max().longValue();
    SpinnerNumberModel m =
        new SpinnerNumberModel(
            Long.valueOf(Math.max(min, Math.min(max, 0))),
            Long.valueOf(min),
            Long.valueOf(max),
            Long.valueOf(1));
    JSpinner s = new JSpinner(m);
    boolean[] quiet = {false};
    s.addChangeListener(
        e -> {
          if (!quiet[0]) {
            onEdit.accept(JSON.numberNode(((Number) s.getValue()).longValue()));
          }
        });
    return new ParamField(
        spec,
        s,
        v -> {
          quiet[0] = true;
          s.setValue(v.asLong());
          quiet[0] = false;
        });
  }

  private static ParamField number(ParamSpec spec, Consumer<JsonNode> onEdit) {
    double min = spec.min() == null ? -1e12 : spec.min();
    double max = spec.max() == null ? 1e12 : spec.max();
    double step = max - min <= 10 ? 0.01 : max - min <= 1000 ? 0.1 : 1;
    SpinnerNumberModel m = new SpinnerNumberModel(Math.max(min, Math.min(max, 0)), min, max, step);
    JSpinner s = new JSpinner(m);
    s.setEditor(new JSpinner.NumberEditor(s, "0.######"));
    boolean[] quiet = {false};
    s.addChangeListener(
        e -> {
          if (!quiet[0]) {
            onEdit.accept(
                JSON.numberNode(BigDecimal.valueOf(((Number) s.getValue()).doubleValue())));
          }
        });
    return new ParamField(
        spec,
        s,
        v -> {
          quiet[0] = true;
          s.setValue(v.asDouble());
          quiet[0] = false;
        });
  }

  private static ParamField slider(ParamSpec spec, Consumer<JsonNode> onEdit) {
    double min = spec.min();
    double max = spec.max();
    JSlider slider = new JSlider(0, 100);
    JLabel value = new JLabel();
    JPanel p = new JPanel(new BorderLayout(6, 0));
    p.add(slider, BorderLayout.CENTER);
    p.add(value, BorderLayout.EAST);
    boolean[] quiet = {false};
    slider.addChangeListener(
        e -> {
          double v = min + (max - min) * slider.getValue() / 100.0;
          BigDecimal d = BigDecimal.valueOf(Math.round(v * 100) / 100.0);
          value.setText(d.toPlainString());
          if (!quiet[0] && !slider.getValueIsAdjusting()) {
            onEdit.accept(JSON.numberNode(d));
          }
        });
    return new ParamField(
        spec,
        p,
        v -> {
          quiet[0] = true;
          slider.setValue((int) Math.round((v.asDouble() - min) / (max - min) * 100));
          value.setText(BigDecimal.valueOf(v.asDouble()).toPlainString());
          quiet[0] = false;
        });
  }

  private static ParamField choice(ParamSpec spec, Consumer<JsonNode> onEdit) {
    List<String> labels =
        spec.choiceLabels().size() == spec.choices().size() ? spec.choiceLabels() : spec.choices();
    JComboBox<String> box = new JComboBox<>(labels.toArray(String[]::new));
    boolean[] quiet = {false};
    box.addActionListener(
        e -> {
          int i = box.getSelectedIndex();
          if (!quiet[0] && i >= 0) {
            onEdit.accept(JSON.textNode(spec.choices().get(i)));
          }
        });
    return new ParamField(
        spec,
        box,
        v -> {
          quiet[0] = true;
          box.setSelectedIndex(Math.max(0, spec.choices().indexOf(v.asText())));
          quiet[0] = false;
        });
  }

  private static ParamField path(
      ParamSpec spec, Consumer<JsonNode> onEdit, Supplier<Path> graphDir) {
    JTextField field = new JTextField(14);
    JButton browse = new JButton("Browse…");
    browse.setToolTipText("Choose a " + (spec.type().name().equals("FILE") ? "file" : "folder"));
    browse.addActionListener(
        e -> {
          Path dir = graphDir.get();
          String start =
              field.getText().isBlank()
                  ? null
                  : dir == null ? field.getText() : dir.resolve(field.getText()).toString();
          JFileChooser fc = new JFileChooser(start == null && dir != null ? dir.toString() : start);
          fc.setFileSelectionMode(
              spec.type().name().equals("FILE")
                  ? JFileChooser.FILES_ONLY
                  : JFileChooser.DIRECTORIES_ONLY);
          if (fc.showOpenDialog(browse) == JFileChooser.APPROVE_OPTION) {
            GraphPaths.allowPicked(
                fc.getSelectedFile().toPath(), spec.type().name().equals("FILE"));
            field.setText(GraphPaths.forGraph(fc.getSelectedFile().toPath(), graphDir.get()));
            onEdit.accept(JSON.textNode(field.getText()));
          }
        });
    field.addActionListener(e -> onEdit.accept(JSON.textNode(field.getText())));
    field.addFocusListener(
        new java.awt.event.FocusAdapter() {
          @Override
          public void focusLost(java.awt.event.FocusEvent e) {
            onEdit.accept(JSON.textNode(field.getText()));
          }
        });
    JPanel p = new JPanel(new BorderLayout(4, 0));
    p.add(field, BorderLayout.CENTER);
    p.add(browse, BorderLayout.EAST);
    return new ParamField(spec, p, v -> field.setText(v.isNull() ? "" : v.asText()));
  }

  private static ParamField column(
      ParamSpec spec, Consumer<JsonNode> onEdit, Supplier<List<String>> columns) {
    JComboBox<String> box = PlainText.plain(new JComboBox<>(columns.get().toArray(String[]::new)));
    box.setEditable(true);
    box.setToolTipText(
        columns.get().isEmpty()
            ? "Type a column name, or choose the file in Load CSV to pick from its columns"
            : "Pick a column of the incoming table, or type its name");
    // FlatLaf shows this grey hint while the field is empty: the list accepts typing.
    String hint = columns.get().isEmpty() ? "type a column name" : "pick or type a column name";
    box.putClientProperty("JTextField.placeholderText", hint);
    if (box.getEditor().getEditorComponent() instanceof javax.swing.JComponent editor) {
      editor.putClientProperty("JTextField.placeholderText", hint);
    }
    if (box.getRenderer() instanceof javax.swing.JComponent r) {
      r.putClientProperty("html.disable", Boolean.TRUE); // names come from the user's file
    }
    boolean[] quiet = {false};
    box.addActionListener(
        e -> {
          Object sel = box.getSelectedItem();
          if (!quiet[0] && sel != null) {
            onEdit.accept(JSON.textNode(sel.toString()));
          }
        });
    return new ParamField(
        spec,
        box,
        v -> {
          quiet[0] = true;
          box.setSelectedItem(v.isNull() ? "" : v.asText());
          quiet[0] = false;
        });
  }

  private static ParamField text(ParamSpec spec, Consumer<JsonNode> onEdit, boolean intList) {
    JTextField field = new JTextField(14);
    Runnable apply =
        () -> onEdit.accept(intList ? parseList(field.getText()) : JSON.textNode(field.getText()));
    field.addActionListener(e -> apply.run());
    field.addFocusListener(
        new java.awt.event.FocusAdapter() {
          @Override
          public void focusLost(java.awt.event.FocusEvent e) {
            apply.run();
          }
        });
    return new ParamField(
        spec,
        field,
        v ->
            field.setText(
                v.isNull()
                    ? ""
                    : intList
                        ? v.toString().replaceAll("[\\[\\]]", "").replace(",", ", ")
                        : v.asText()));
  }

  /**
   * Parses "64, 32" into a JSON array; anything unparsable becomes a text node (check reports it).
   */
  static JsonNode parseList(String text) {
    var arr = JSON.arrayNode();
    for (String part : text.split("[,\\s]+")) {
      if (part.isBlank()) {
        continue;
      }
      try {
        arr.add(Long.parseLong(part.trim()));
      } catch (NumberFormatException e) {
        return JSON.textNode(text);
      }
    }
    return arr;
  }
}
