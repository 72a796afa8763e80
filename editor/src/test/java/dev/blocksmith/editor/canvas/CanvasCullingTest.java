package dev.blocksmith.editor.canvas;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.mxgraph.swing.mxGraphComponent;
import dev.blocksmith.engine.graph.Graph;
import dev.blocksmith.engine.graph.GraphJson;
import dev.blocksmith.engine.registry.NodeRegistry;
import java.awt.Graphics2D;
import java.awt.Rectangle;
import java.awt.image.BufferedImage;
import java.util.function.UnaryOperator;
import javax.swing.SwingUtilities;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Skipping cards and edges outside the painted area leaves every painted pixel as it was. */
class CanvasCullingTest {
  @AfterEach
  void restore() {
    CanvasComponent.culling = true;
  }

  @Test
  void culledPaintsEqualFullPaintsInEveryClip() throws Exception {
    assumeTrue(dev.blocksmith.editor.app.Main.hasDisplay(), "no display");
    Graph g = GraphJson.read(grid(60));
    int[][] clips = {
      {0, 0, 700, 500}, {333, 211, 517, 389}, {1200, 600, 700, 600}, {95, 145, 40, 40}
    };
    SwingUtilities.invokeAndWait(
        () -> {
          GraphEdits edits =
              new GraphEdits() {
                @Override
                public Graph graph() {
                  return g;
                }

                @Override
                public void edit(String what, UnaryOperator<Graph> change) {}
              };
          CanvasView view = new CanvasView(edits);
          view.setRegistry(NodeRegistry.loadInstalled());
          mxGraphComponent c = (mxGraphComponent) view.component();
          var control = c.getGraphControl();
          control.setSize(control.getPreferredSize());
          assertThat(control.getWidth()).isGreaterThan(1500);
          for (int[] clip : clips) {
            Rectangle r =
                new Rectangle(clip[0], clip[1], clip[2], clip[3])
                    .intersection(new Rectangle(control.getSize()));
            CanvasComponent.culling = false;
            int[] full = paint(control, r);
            CanvasComponent.culling = true;
            int[] culled = paint(control, r);
            assertThat(culled).as("clip %s", r).isEqualTo(full);
          }
        });
  }

  private static int[] paint(javax.swing.JComponent control, Rectangle clip) {
    BufferedImage img =
        new BufferedImage(control.getWidth(), control.getHeight(), BufferedImage.TYPE_INT_RGB);
    Graphics2D g = img.createGraphics();
    g.setClip(clip);
    control.paint(g);
    g.dispose();
    return img.getRGB(clip.x, clip.y, clip.width, clip.height, null, 0, clip.width);
  }

  /** N blocks in a grid, chained, with long edges every seventh block. */
  private static String grid(int n) {
    StringBuilder nodes = new StringBuilder();
    StringBuilder edges = new StringBuilder();
    StringBuilder pos = new StringBuilder();
    for (int k = 0; k < n; k++) {
      String type = k == 0 ? "data.load-csv" : "prepare.clean";
      nodes
          .append(k == 0 ? "" : ",")
          .append("{\"id\":\"n")
          .append(k)
          .append("\",\"type\":\"")
          .append(type)
          .append("\",\"typeVersion\":1,\"params\":{}}");
      pos.append(k == 0 ? "" : ",")
          .append("\"n")
          .append(k)
          .append("\":{\"x\":")
          .append(40 + (k % 8) * 240)
          .append(",\"y\":")
          .append(40 + (k / 8) * 160)
          .append('}');
      if (k > 0) {
        int from = k % 7 == 0 ? k / 7 : k - 1;
        edges
            .append(edges.length() == 0 ? "" : ",")
            .append("{\"from\":\"n")
            .append(from)
            .append(".table\",\"to\":\"n")
            .append(k)
            .append(".table\"}");
      }
    }
    return "{\"formatVersion\":2,\"name\":\"grid\",\"nodes\":["
        + nodes
        + "],\"edges\":["
        + edges
        + "],\"layout\":{\"positions\":{"
        + pos
        + "},\"notes\":[]}}";
  }
}
