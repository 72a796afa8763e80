package dev.blocksmith.editor.view;

import com.fasterxml.jackson.databind.JsonNode;
import java.awt.BorderLayout;
import java.util.Locale;
import javax.swing.BorderFactory;
import javax.swing.JLabel;
import javax.swing.JPanel;
import javax.swing.JSlider;

/**
 * A decision threshold the user can move for a two-class model, with the counts it gives shown as
 * it moves: found, missed, false alarms and right rejections.
 */
final class ThresholdView {
  private ThresholdView() {}

  /** Returns the slider and its counts for a report's {@code binary} section. */
  static JPanel create(JsonNode b) {
    JPanel p = new JPanel(new BorderLayout(8, 2));
    p.setName("threshold");
    p.setBorder(BorderFactory.createEmptyBorder(4, 8, 4, 8));
    JsonNode t = b.path("thresholds");
    JSlider slider = new JSlider(0, Math.max(0, t.size() - 1), t.size() / 2);
    slider.setName("thresholdSlider");
    String help =
        "An example counts as \""
            + b.path("positive").asText()
            + "\" when the model "
            + "is at least this sure. Move it right to raise fewer false alarms but miss more; "
            + "left to find more but raise more false alarms.";
    slider.setToolTipText(help);
    JLabel counts = new JLabel();
    counts.setName("thresholdCounts");
    Runnable update = () -> counts.setText(text(b, slider.getValue()));
    slider.addChangeListener(e -> update.run());
    update.run();
    JLabel title = new JLabel("Decision threshold");
    title.setToolTipText(help);
    p.add(title, BorderLayout.WEST);
    p.add(slider, BorderLayout.CENTER);
    p.add(counts, BorderLayout.SOUTH);
    p.setAlignmentX(0);
    return p;
  }

  /** Returns the counts at threshold index {@code i} in words. */
  static String text(JsonNode b, int i) {
    String pos = b.path("positive").asText();
    String neg = b.path("negative").asText();
    int tp = b.path("tp").path(i).asInt();
    int fn = b.path("fn").path(i).asInt();
    int fp = b.path("fp").path(i).asInt();
    int tn = b.path("tn").path(i).asInt();
    return ReportPanel.html(
        String.format(
            Locale.ROOT,
            "At %.2f: <b>%d</b> %s found, <b>%d</b> "
                + "missed; <b>%d</b> %s wrongly called %s, <b>%d</b> right (accuracy %.1f %%).",
            b.path("thresholds").path(i).asDouble(),
            tp,
            esc(pos),
            fn,
            fp,
            esc(neg),
            esc(pos),
            tn,
            100.0 * (tp + tn) / Math.max(1, tp + tn + fp + fn)),
        700);
  }

  private static String esc(String s) {
    return org.apache.commons.text.StringEscapeUtils.escapeHtml4(s);
  }
}
