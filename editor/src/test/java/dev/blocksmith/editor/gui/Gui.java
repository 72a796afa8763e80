package dev.blocksmith.editor.gui;

import static org.assertj.core.api.Assertions.assertThat;

import dev.blocksmith.editor.app.MainWindow;
import dev.blocksmith.editor.canvas.CanvasView;
import dev.blocksmith.engine.graph.Graph;
import dev.blocksmith.engine.graph.GraphJson;
import java.awt.Point;
import java.awt.Rectangle;
import java.awt.Robot;
import java.awt.Window;
import java.awt.event.InputEvent;
import java.awt.image.BufferedImage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.BooleanSupplier;
import javax.imageio.ImageIO;
import javax.swing.SwingUtilities;

/** Small helpers for GUI tests: run on the EDT, wait for a condition, save screenshots. */
final class Gui {
  static final Path SHOTS = Path.of("target", "screenshots");

  private Gui() {}

  static <T> T edt(Callable<T> c) throws Exception {
    AtomicReference<T> out = new AtomicReference<>();
    AtomicReference<Exception> err = new AtomicReference<>();
    SwingUtilities.invokeAndWait(
        () -> {
          try {
            out.set(c.call());
          } catch (Exception e) {
            err.set(e);
          }
        });
    if (err.get() != null) {
      throw err.get();
    }
    return out.get();
  }

  static void run(ThrowingRunnable r) throws Exception {
    edt(
        () -> {
          r.run();
          return null;
        });
  }

  /** Polls {@code cond} on the EDT until it holds, failing after {@code seconds}. */
  static void waitUntil(String what, double seconds, BooleanSupplier cond) throws Exception {
    long end = System.nanoTime() + (long) (seconds * 1e9);
    while (System.nanoTime() < end) {
      if (edt(cond::getAsBoolean)) {
        return;
      }
      Thread.onSpinWait();
      Thread.sleep(20); // polling interval, not a fixed wait
    }
    throw new AssertionError("Timed out waiting for: " + what);
  }

  static void shot(Window w, String name) throws Exception {
    Files.createDirectories(SHOTS);
    Rectangle r = edt(w::getBounds);
    new Robot().waitForIdle();
    BufferedImage img = new Robot().createScreenCapture(r);
    ImageIO.write(img, "png", SHOTS.resolve(name + ".png").toFile());
  }

  /** Returns the showing component named {@code name} under {@code root} (call on the EDT). */
  static javax.swing.JComponent findByName(java.awt.Container root, String name) {
    for (var c : root.getComponents()) {
      if (name.equals(c.getName()) && c instanceof javax.swing.JComponent j && c.isShowing()) {
        return j;
      }
      if (c instanceof java.awt.Container k) {
        javax.swing.JComponent found = findByName(k, name);
        if (found != null) {
          return found;
        }
      }
    }
    return null;
  }

  /** Returns the showing dialog titled {@code title}, or null (call on the EDT). */
  static javax.swing.JDialog dialog(String title) {
    for (Window w : Window.getWindows()) {
      if (w instanceof javax.swing.JDialog d && d.isShowing() && title.equals(d.getTitle())) {
        return d;
      }
    }
    return null;
  }

  /** Drags a new edge from an output port to an input port with the real mouse. */
  static void drag(Robot robot, CanvasView canvas, String from, String out, String to, String in)
      throws Exception {
    Point a = Gui.edt(() -> screen(canvas, canvas.portLocation(from, out, false)));
    Point b = Gui.edt(() -> screen(canvas, canvas.portLocation(to, in, true)));
    robot.mouseMove(a.x - 3, a.y);
    robot.waitForIdle();
    robot.mouseMove(a.x, a.y);
    robot.waitForIdle();
    robot.mousePress(InputEvent.BUTTON1_DOWN_MASK);
    for (int i = 1; i <= 12; i++) {
      robot.mouseMove(a.x + (b.x - a.x) * i / 12, a.y + (b.y - a.y) * i / 12);
    }
    robot.mouseRelease(InputEvent.BUTTON1_DOWN_MASK);
    robot.waitForIdle();
  }

  static java.awt.Point screen(CanvasView canvas, Point p) {
    var control = ((com.mxgraph.swing.mxGraphComponent) canvas.component()).getGraphControl();
    Point q = new Point(p);
    SwingUtilities.convertPointToScreen(q, control);
    return q;
  }

  interface ThrowingRunnable {
    void run() throws Exception;
  }

  /**
   * Undoes and redoes the last edit (the graph changes, then comes back exactly), then saves to
   * {@code file}, starts a new pipeline, reopens the file and checks it holds the same graph.
   */
  static void undoRedoSaveAndReopen(MainWindow w, Path file) throws Exception {
    Graph before = edt(() -> w.document().graph());
    run(() -> w.document().undo());
    assertThat(edt(() -> w.document().graph())).isNotEqualTo(before);
    run(() -> w.document().redo());
    assertThat(edt(() -> w.document().graph())).isEqualTo(before);

    run(() -> w.controller().saveTo(file));
    waitUntil("saved", 10, () -> !w.document().isModified());
    run(() -> w.controller().newPipeline());
    run(() -> w.controller().openFile(file));
    waitUntil("reopened", 10, () -> file.equals(w.document().file()));
    assertThat(GraphJson.write(edt(() -> w.document().graph()))).isEqualTo(GraphJson.write(before));
  }
}
