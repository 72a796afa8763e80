package dev.blocksmith.editor.gui;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeFalse;

import com.fasterxml.jackson.databind.node.IntNode;
import dev.blocksmith.editor.app.EditorLauncher;
import dev.blocksmith.editor.app.MainWindow;
import dev.blocksmith.editor.canvas.CanvasView;
import dev.blocksmith.engine.exec.NodeStatus;
import dev.blocksmith.engine.graph.Graph;
import dev.blocksmith.engine.graph.GraphJson;
import java.awt.Point;
import java.awt.Robot;
import java.awt.event.InputEvent;
import java.awt.event.KeyEvent;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import javax.swing.JComponent;
import javax.swing.JSpinner;
import javax.swing.SwingUtilities;
import org.assertj.swing.edt.FailOnThreadViolationRepaintManager;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Drives the real editor window: build, connect, refuse, edit, run, results, undo, save, reopen. */
class EditorGuiTest {
  @TempDir Path tmp;

  @Test
  void buildRunSaveAndReopenAPipeline() throws Exception {
    assumeFalse(!dev.blocksmith.editor.app.Main.hasDisplay(), "no display");
    System.setProperty("blocksmith.userdir", tmp.resolve("user").toString());
    System.setProperty("blocksmith.prefs", "dev/blocksmith/editor-test");
    FailOnThreadViolationRepaintManager.install();
    CompletableFuture<MainWindow> ready = new CompletableFuture<>();
    EditorLauncher.launch(TestBlocks::registry, ready::complete);
    MainWindow w = ready.get(30, TimeUnit.SECONDS);
    Gui.run(() -> w.runs().setBackend(new FakeBackend()));
    CanvasView canvas = w.canvas();
    Gui.waitUntil("blocks loaded", 20, () -> canvas.registry().all().size() == 4);
    Gui.shot(w.frame(), "01-welcome");
    Gui.run(() -> w.controller().newPipeline());

    // Add four blocks from the palette: type in the search box, press Enter.
    Robot robot = new Robot();
    robot.setAutoDelay(15);
    for (String q : new String[] {"sample", "split", "train", "evaluate"}) {
      Gui.run(() -> {
        var search = findByName(w.frame().getRootPane(), "paletteSearch");
        ((javax.swing.JTextField) search).setText(q);
        search.requestFocusInWindow();
      });
      robot.waitForIdle();
      robot.keyPress(KeyEvent.VK_ENTER);
      robot.keyRelease(KeyEvent.VK_ENTER);
      robot.waitForIdle();
    }
    Gui.waitUntil("four nodes", 5, () -> w.document().graph().nodes().size() == 4);
    Gui.run(canvas::zoomToFit);
    robot.waitForIdle();

    // Connect them by dragging from output ports to input ports.
    Gui.shot(w.frame(), "01b-four-blocks");
    drag(robot, canvas, "sample", "table", "split", "data");
    Gui.shot(w.frame(), "01c-first-drag");
    System.err.println("EDGES1 " + Gui.edt(() -> w.document().graph().edges()) + " toast=" + canvas.lastToast());
    drag(robot, canvas, "split", "train", "train", "train");
    drag(robot, canvas, "train", "model", "evaluate", "model");
    drag(robot, canvas, "split", "test", "evaluate", "data");
    System.err.println("EDGES4 " + Gui.edt(() -> w.document().graph().edges()) + " toast=" + canvas.lastToast());
    Gui.shot(w.frame(), "01d-drags");
    Gui.waitUntil("four edges", 5, () -> w.document().graph().edges().size() == 4);

    // An incompatible connection is refused with a plain-words message.
    Gui.run(() -> w.document().edit("Unplug", g -> g.withoutEdge(g.edgesInto("evaluate").stream()
        .filter(e -> e.to().port().equals("model")).findFirst().orElseThrow())));
    drag(robot, canvas, "sample", "table", "evaluate", "model");
    Gui.waitUntil("refusal shown", 5, () -> canvas.lastToast().contains("takes a Model"));
    Gui.shot(w.frame(), "02-refused-connection");
    assertThat(Gui.edt(() -> w.document().graph().edges().size())).isEqualTo(3);
    Gui.run(() -> w.document().undo());
    Gui.waitUntil("edge restored", 5, () -> w.document().graph().edges().size() == 4);

    // Set a param in the inspector.
    Gui.run(() -> canvas.select("train"));
    Gui.waitUntil("train form", 5,
        () -> findByName(w.frame().getRootPane(), "param:epochs") != null);
    Gui.run(() -> ((JSpinner) findByName(w.frame().getRootPane(), "param:epochs")).setValue(25L));
    Gui.waitUntil("epochs set", 5, () -> IntNode.valueOf(25).equals(
        w.document().graph().node("train").orElseThrow().params().get("epochs"))
        || w.document().graph().node("train").orElseThrow().params().get("epochs").asInt() == 25);
    Gui.shot(w.frame(), "03-inspector");

    // Run, with an EDT watchdog measuring how long the EDT takes to answer.
    AtomicLong worst = new AtomicLong();
    Thread watchdog = new Thread(() -> {
      while (!Thread.currentThread().isInterrupted()) {
        long t0 = System.nanoTime();
        try {
          SwingUtilities.invokeAndWait(() -> { });
          worst.accumulateAndGet((System.nanoTime() - t0) / 1_000_000, Math::max);
          Thread.sleep(10);
        } catch (InterruptedException e) {
          return;
        } catch (Exception e) {
          return;
        }
      }
    });
    watchdog.start();
    Gui.run(() -> w.controller().runAll());
    Gui.waitUntil("all done", 30, () -> w.document().graph().nodes().stream()
        .allMatch(n -> canvas.cardState(n.id()).status() == NodeStatus.DONE));
    watchdog.interrupt();
    watchdog.join();
    assertThat(worst.get()).as("longest EDT stall in ms").isLessThan(200);
    assertThat(Gui.edt(() -> canvas.cardText("evaluate"))).contains("accuracy 94.0 %");
    Gui.run(() -> canvas.select("evaluate"));
    Gui.waitUntil("confusion matrix", 5,
        () -> findByName(w.frame().getRootPane(), "confusionMatrix") != null);
    Gui.shot(w.frame(), "04-run-done-results");
    Gui.run(() -> canvas.select("train"));
    robot.waitForIdle();
    Gui.shot(w.frame(), "05-training-curves");

    // Undo and redo the param change.
    Graph before = Gui.edt(() -> w.document().graph());
    Gui.run(() -> w.document().undo());
    assertThat(Gui.edt(() -> w.document().graph())).isNotEqualTo(before);
    Gui.run(() -> w.document().redo());
    assertThat(Gui.edt(() -> w.document().graph())).isEqualTo(before);

    // Save, reopen: the same graph.
    Path file = tmp.resolve("pipeline.json");
    Gui.run(() -> w.controller().saveTo(file));
    Gui.waitUntil("saved", 10, () -> !w.document().isModified());
    Gui.run(() -> w.controller().newPipeline());
    Gui.run(() -> w.controller().openFile(file));
    Gui.waitUntil("reopened", 10, () -> file.equals(w.document().file()));
    assertThat(GraphJson.write(Gui.edt(() -> w.document().graph())))
        .isEqualTo(GraphJson.write(before));
    assertThat(Files.readString(file)).contains("\"epochs\"");
    Gui.run(() -> w.frame().dispose());
  }

  private static void drag(Robot robot, CanvasView canvas, String from, String out, String to,
      String in) throws Exception {
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

  private static Point screen(CanvasView canvas, Point p) {
    var control = ((com.mxgraph.swing.mxGraphComponent) canvas.component()).getGraphControl();
    Point q = new Point(p);
    SwingUtilities.convertPointToScreen(q, control);
    return q;
  }

  static JComponent findByName(java.awt.Container root, String name) {
    for (var c : root.getComponents()) {
      if (name.equals(c.getName()) && c instanceof JComponent j && c.isShowing()) {
        return j;
      }
      if (c instanceof java.awt.Container k) {
        JComponent found = findByName(k, name);
        if (found != null) {
          return found;
        }
      }
    }
    return null;
  }
}
