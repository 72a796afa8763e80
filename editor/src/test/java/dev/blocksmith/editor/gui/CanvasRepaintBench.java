package dev.blocksmith.editor.gui;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.mxgraph.swing.mxGraphComponent;
import dev.blocksmith.editor.app.EditorLauncher;
import dev.blocksmith.editor.app.MainWindow;
import dev.blocksmith.engine.graph.GraphJson;
import dev.blocksmith.engine.registry.NodeRegistry;
import java.awt.Point;
import java.awt.Rectangle;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Locale;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import javax.swing.JViewport;
import javax.swing.SwingUtilities;

/**
 * Repaint times of the canvas on a large graph, in the real editor window: opens a generated graph
 * of N blocks (a grid of cleaning blocks behind one Load CSV, each fed by the one before it or, now
 * and then, by one far away, so that long edges cross the view), then on the EDT pans the view step
 * by step and times each {@code paintImmediately} of the visible area, at 100 % zoom and zoomed out
 * to the whole graph. Prints the median and 95th-percentile frame times (wall, and the EDT's own
 * CPU time, which a busy machine disturbs far less) and the frames per second they allow. {@code
 * bench/run-canvas} runs it under Xvfb. Not a test.
 */
public final class CanvasRepaintBench {
  private CanvasRepaintBench() {}

  /** Argument: the block count (default 1000). */
  public static void main(String[] args) throws Exception {
    int n = args.length > 0 ? Integer.parseInt(args[0]) : 1000;
    Path dir = Files.createTempDirectory("canvas-bench");
    Files.writeString(dir.resolve("data.csv"), "a,b,label\n1,2,x\n3,4,y\n");
    Path file = dir.resolve("big.json");
    Files.writeString(file, json(n));
    CompletableFuture<MainWindow> ready = new CompletableFuture<>();
    EditorLauncher.launch(
        NodeRegistry::loadInstalled,
        FakeBackend::new,
        w -> {
          w.frame().setSize(1440, 900);
          w.controller().openFile(file);
          ready.complete(w);
        });
    MainWindow w = ready.get(60, TimeUnit.SECONDS);
    Thread.sleep(1500); // the blocks load and the cells are built
    for (String mode : new String[] {"100 %", "whole graph"}) {
      for (boolean cpu : new boolean[] {false, true}) {
        CompletableFuture<double[]> frames = new CompletableFuture<>();
        SwingUtilities.invokeLater(
            () -> {
              try {
                frames.complete(pan(w, mode.equals("whole graph"), cpu));
              } catch (RuntimeException e) {
                frames.completeExceptionally(e);
              }
            });
        double[] ms = frames.get(300, TimeUnit.SECONDS);
        Arrays.sort(ms);
        double median = ms[ms.length / 2];
        double p95 = ms[(int) Math.floor(ms.length * 0.95)];
        System.out.printf(
            Locale.ROOT,
            "CANVAS blocks=%d zoom=%s %s frames=%d median_ms=%.2f p95_ms=%.2f fps_median=%.0f%n",
            n,
            mode.replace(' ', '_'),
            cpu ? "edt_cpu" : "wall",
            ms.length,
            median,
            p95,
            1000 / median);
      }
    }
    System.exit(0);
  }

  private static final java.lang.management.ThreadMXBean THREADS =
      java.lang.management.ManagementFactory.getThreadMXBean();

  private static double[] pan(MainWindow w, boolean whole, boolean cpu) {
    mxGraphComponent c = (mxGraphComponent) w.canvas().component();
    if (whole) {
      w.canvas().zoomToFit();
    } else {
      c.zoomActual();
    }
    JViewport view = c.getViewport();
    Rectangle visible = view.getViewRect();
    java.awt.Dimension size = view.getViewSize();
    // Warm-up frames, then 120 measured ones, panning right and down across the graph.
    double[] ms = new double[120];
    int steps = ms.length + 20;
    for (int i = 0; i < steps; i++) {
      int x = (int) ((long) Math.max(0, size.width - visible.width) * i / steps);
      int y = (int) ((long) Math.max(0, size.height - visible.height) * i / steps);
      view.setViewPosition(new Point(x, y));
      long t0 = cpu ? THREADS.getCurrentThreadCpuTime() : System.nanoTime();
      c.getGraphControl().paintImmediately(c.getGraphControl().getVisibleRect());
      long t1 = cpu ? THREADS.getCurrentThreadCpuTime() : System.nanoTime();
      if (i >= 20) {
        ms[i - 20] = (t1 - t0) / 1e6;
      }
    }
    String shots = System.getProperty("canvasBench.shots");
    if (shots != null && cpu) {
      // What the last frame showed, to look at (-DcanvasBench.shots=FOLDER).
      java.awt.image.BufferedImage img =
          new java.awt.image.BufferedImage(
              visible.width, visible.height, java.awt.image.BufferedImage.TYPE_INT_RGB);
      java.awt.Graphics2D g = img.createGraphics();
      Point at = view.getViewPosition();
      g.translate(-at.x, -at.y);
      c.getGraphControl().paint(g);
      g.dispose();
      try {
        javax.imageio.ImageIO.write(
            img, "png", Path.of(shots, (whole ? "whole" : "actual") + ".png").toFile());
      } catch (java.io.IOException e) {
        throw new java.io.UncheckedIOException(e);
      }
    }
    return ms;
  }

  /** A graph of N blocks laid out in a grid, chained, with some long edges. */
  static String json(int n) {
    var mapper = GraphJson.mapper();
    ObjectNode root = mapper.createObjectNode();
    root.put("formatVersion", 2);
    root.put("name", "canvas " + n);
    ArrayNode nodes = root.putArray("nodes");
    ArrayNode edges = root.putArray("edges");
    ObjectNode layout = root.putObject("layout");
    ObjectNode positions = layout.putObject("positions");
    layout.putArray("notes");
    int columns = (int) Math.ceil(Math.sqrt(n));
    java.util.Random random = new java.util.Random(7);
    for (int k = 0; k < n; k++) {
      ObjectNode c = nodes.addObject();
      c.put("id", "n" + k);
      c.put("type", k == 0 ? "data.load-csv" : "prepare.clean");
      c.put("typeVersion", 1);
      ObjectNode p = c.putObject("params");
      if (k == 0) {
        p.put("file", "data.csv").put("label", "label");
      }
      positions
          .putObject("n" + k)
          .put("x", 40.0 + (k % columns) * 240)
          .put("y", 40.0 + (k / columns) * 160);
      if (k > 0) {
        int from = random.nextInt(10) == 0 ? random.nextInt(k) : k - 1;
        ObjectNode e = edges.addObject();
        e.put("from", "n" + from + ".table");
        e.put("to", "n" + k + ".table");
      }
    }
    return root.toString();
  }
}
