package dev.blocksmith.editor.share;

import dev.blocksmith.engine.bundle.PipelineBundle;
import java.awt.BorderLayout;
import java.awt.Component;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import javax.swing.BorderFactory;
import javax.swing.BoxLayout;
import javax.swing.JCheckBox;
import javax.swing.JOptionPane;
import javax.swing.JPanel;
import javax.swing.JScrollPane;
import javax.swing.JTextArea;

/**
 * The Share as bundle dialog: lists what goes into the bundle (the pipeline, each data file with
 * its size, the data limit) and which files stay behind as references and why, with the choices
 * "include the trained model" and "include the lesson". All text is plain (file names come from the
 * pipeline, which may be someone else's).
 */
public final class ShareDialog {
  /** The dialog's title. */
  public static final String TITLE = "Share as bundle";

  /**
   * What the bundle would hold, worked out off the EDT before the dialog opens.
   *
   * @param bundleName the bundle's file name
   * @param graphName the pipeline's entry name
   * @param blocks how many blocks the pipeline has
   * @param withModels the plan when trained models are included
   * @param withoutModels the plan when they are not
   * @param lessonTitle the lesson's title, or null when the pipeline has none
   * @param dataLimitBytes the data limit
   */
  public record Contents(
      String bundleName,
      String graphName,
      int blocks,
      PipelineBundle.Result withModels,
      PipelineBundle.Result withoutModels,
      String lessonTitle,
      long dataLimitBytes) {
    /** Returns the entries that are trained models (present only when models are included). */
    public List<String> modelEntries() {
      return withModels.included().keySet().stream()
          .filter(k -> !withoutModels.included().containsKey(k))
          .toList();
    }
  }

  private ShareDialog() {}

  /** Shows the dialog (on the EDT); returns the chosen options, or empty when cancelled. */
  public static Optional<PipelineBundle.Options> ask(Component parent, Contents c) {
    boolean hasModel = !c.modelEntries().isEmpty();
    JCheckBox model =
        new JCheckBox(
            hasModel
                ? "Include the trained model (" + String.join(", ", c.modelEntries()) + ")"
                : "Include the trained model (none yet: run a pipeline with a Save model block)");
    model.setName("shareIncludeModel");
    model.setEnabled(hasModel);
    model.setSelected(hasModel);
    model.setToolTipText(
        hasModel
            ? "The model files that the pipeline's Save model blocks wrote: the receiver can use"
                + " the model without training it again."
            : "No trained model yet: run the pipeline with a Save model block first.");
    JCheckBox lesson =
        new JCheckBox(
            c.lessonTitle() != null
                ? "Include the lesson \u201c" + c.lessonTitle() + "\u201d"
                : "Include the lesson (this pipeline has none)");
    lesson.putClientProperty("html.disable", Boolean.TRUE);
    model.putClientProperty("html.disable", Boolean.TRUE);
    lesson.setName("shareIncludeLesson");
    lesson.setEnabled(c.lessonTitle() != null);
    lesson.setSelected(c.lessonTitle() != null);
    lesson.setToolTipText(
        c.lessonTitle() != null
            ? "Keep the step-by-step lesson \"" + c.lessonTitle() + "\" in the bundle."
            : "This pipeline has no lesson.");
    JTextArea text = new JTextArea(describe(c, hasModel, c.lessonTitle() != null));
    text.setName("shareContents");
    text.setEditable(false);
    text.setLineWrap(true);
    text.setWrapStyleWord(true);
    text.setColumns(64);
    text.setRows(Math.min(18, text.getLineCount() + 1));
    text.setOpaque(false);
    model.addActionListener(
        e -> text.setText(describe(c, model.isSelected(), lesson.isSelected())));
    lesson.addActionListener(
        e -> text.setText(describe(c, model.isSelected(), lesson.isSelected())));
    JPanel boxes = new JPanel();
    boxes.setLayout(new BoxLayout(boxes, BoxLayout.Y_AXIS));
    boxes.add(model);
    boxes.add(lesson);
    JPanel panel = new JPanel(new BorderLayout(0, 8));
    JScrollPane scroll = new JScrollPane(text);
    scroll.setBorder(BorderFactory.createEmptyBorder());
    panel.add(scroll, BorderLayout.CENTER);
    panel.add(boxes, BorderLayout.SOUTH);
    Object[] options = {"Share…", "Cancel"};
    int answer =
        JOptionPane.showOptionDialog(
            parent,
            panel,
            TITLE,
            JOptionPane.OK_CANCEL_OPTION,
            JOptionPane.PLAIN_MESSAGE,
            null,
            options,
            options[0]);
    if (answer != 0) {
      return Optional.empty();
    }
    return Optional.of(
        new PipelineBundle.Options(
            c.dataLimitBytes(), model.isSelected() && hasModel, lesson.isSelected()));
  }

  /** Returns the list shown in the dialog, in plain words. */
  public static String describe(Contents c, boolean models, boolean lesson) {
    PipelineBundle.Result r = models ? c.withModels() : c.withoutModels();
    StringBuilder sb = new StringBuilder();
    sb.append(c.bundleName()).append(" will hold:\n");
    sb.append("  • the pipeline ")
        .append(c.graphName())
        .append(" (")
        .append(c.blocks())
        .append(c.blocks() == 1 ? " block" : " blocks")
        .append(lesson && c.lessonTitle() != null ? ", with its lesson" : "")
        .append(")\n");
    long used = 0;
    List<String> modelEntries = c.modelEntries();
    for (Map.Entry<String, Long> e : r.included().entrySet()) {
      used += Math.max(0, e.getValue());
      sb.append("  • ")
          .append(e.getKey())
          .append("   ")
          .append(size(e.getValue()))
          .append(modelEntries.contains(e.getKey()) ? "   (trained model)" : "")
          .append('\n');
    }
    if (r.included().isEmpty()) {
      sb.append("  • no data files (the pipeline reads none that are on this computer)\n");
    }
    sb.append("\nData limit: ")
        .append(size(c.dataLimitBytes()))
        .append(" (")
        .append(size(used))
        .append(" used). Files over the limit stay behind.\n");
    if (!r.references().isEmpty()) {
      sb.append("\nThese stay behind as references; give them to the receiver separately:\n");
      r.references().forEach(n -> sb.append("  • ").append(n).append('\n'));
    }
    return sb.toString().stripTrailing();
  }

  /** Returns a size in words ("48.2 KB", "50 MB"). */
  static String size(long bytes) {
    if (bytes < 1024) {
      return bytes + " bytes";
    }
    String[] units = {"KB", "MB", "GB"};
    double v = bytes;
    int u = -1;
    while (v >= 1024 && u < units.length - 1) {
      v /= 1024;
      u++;
    }
    return (v == Math.rint(v)
            ? String.format(Locale.ROOT, "%.0f", v)
            : String.format(Locale.ROOT, "%.1f", v))
        + " "
        + units[u];
  }
}
