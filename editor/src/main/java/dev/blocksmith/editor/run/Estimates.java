package dev.blocksmith.editor.run;

import com.fasterxml.jackson.databind.JsonNode;
import dev.blocksmith.editor.canvas.CanvasView;
import dev.blocksmith.engine.graph.Graph;
import java.awt.Font;
import java.nio.file.Path;
import java.util.function.Consumer;
import javax.swing.JDialog;
import javax.swing.JFrame;
import javax.swing.JScrollPane;
import javax.swing.JTextArea;
import javax.swing.SwingUtilities;

/**
 * Run ▸ Estimate: asks the backend what each training block will cost (nothing trains), then puts
 * the one-line estimate on each training block's card ("estimate: ≈ 8 s · 4,482 numbers · 0.2 MB")
 * and the details, warnings first, in a small window.
 */
public final class Estimates {
  private static int counter;

  private Estimates() {}

  /**
   * Starts an estimate of {@code graph} and shows it when it arrives (on the EDT).
   *
   * @param file the graph's file, for relative paths (may be null)
   * @param status receives status-bar texts
   */
  public static void start(
      RunBackend backend,
      CanvasView canvas,
      Graph graph,
      Path file,
      JFrame owner,
      Consumer<String> status) {
    if (graph.nodes().isEmpty()) {
      status.accept("Add some blocks first: drag them from the palette on the left.");
      return;
    }
    status.accept("Estimating: the blocks before training run, then a few timed batches…");
    Path base = file != null ? file.toAbsolutePath().getParent() : Path.of("").toAbsolutePath();
    backend.estimate(
        "estimate-" + (++counter),
        graph,
        base,
        RunSettings.of(graph, java.util.Set.of()),
        reply -> SwingUtilities.invokeLater(() -> show(reply, canvas, owner, status)));
  }

  /** Shows a reply: card lines, and the full text in a window. */
  static void show(JsonNode reply, CanvasView canvas, JFrame owner, Consumer<String> status) {
    if (!reply.has("items")) {
      status.accept(reply.path("message").asText("Could not estimate."));
      return;
    }
    StringBuilder text = new StringBuilder();
    boolean warns = false;
    for (JsonNode item : reply.path("items")) {
      String node = item.path("node").asText();
      warns |= item.path("warns").asBoolean();
      canvas.setCardState(
          node, canvas.cardState(node).withHeadline("estimate: " + item.path("card").asText()));
      text.append("Estimate for '").append(node).append("' (nothing was trained):\n");
      item.path("lines").forEach(l -> text.append("  ").append(l.asText()).append('\n'));
      text.append('\n');
    }
    reply
        .path("skipped")
        .properties()
        .forEach(
            e ->
                text.append("No estimate for '")
                    .append(e.getKey())
                    .append("': ")
                    .append(e.getValue().asText())
                    .append('\n'));
    if (text.length() == 0) {
      text.append("Nothing to estimate: this pipeline has no training block.");
    }
    status.accept(
        warns ? "Estimate ready — see the warnings before you run it." : "Estimate ready.");
    JDialog d = new JDialog(owner, "Estimate before running", false);
    d.setName("estimateDialog");
    JTextArea area = new JTextArea(text.toString().trim(), 18, 90);
    area.setName("estimateText");
    area.setEditable(false);
    area.setLineWrap(true);
    area.setWrapStyleWord(true);
    area.setFont(new Font(Font.MONOSPACED, Font.PLAIN, area.getFont().getSize()));
    area.setCaretPosition(0);
    d.getContentPane().add(new JScrollPane(area));
    d.pack();
    d.setLocationRelativeTo(owner);
    d.setVisible(true);
  }
}
