package dev.blocksmith.editor.gui;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeFalse;

import com.fasterxml.jackson.databind.node.IntNode;
import dev.blocksmith.editor.app.EditorLauncher;
import dev.blocksmith.editor.app.MainWindow;
import dev.blocksmith.editor.canvas.CanvasView;
import dev.blocksmith.engine.exec.NodeStatus;
import java.awt.Robot;
import java.awt.event.KeyEvent;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import javax.swing.JSpinner;
import javax.swing.SwingUtilities;
import org.assertj.swing.edt.FailOnThreadViolationRepaintManager;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Drives the real editor window: build, connect, refuse, edit, run, results, undo, save, reopen.
 */
class EditorGuiTest {
  @TempDir Path tmp;

  @Test
  void buildRunSaveAndReopenAPipeline() throws Exception {
    assumeFalse(!dev.blocksmith.editor.app.Main.hasDisplay(), "no display");
    System.setProperty("blocksmith.userdir", tmp.resolve("user").toString());
    System.setProperty("blocksmith.prefs", "dev/blocksmith/editor-test");
    FailOnThreadViolationRepaintManager.install();
    CompletableFuture<MainWindow> ready = new CompletableFuture<>();
    EditorLauncher.launch(TestBlocks::registry, FakeBackend::new, ready::complete);
    MainWindow w = ready.get(30, TimeUnit.SECONDS);
    CanvasView canvas = w.canvas();
    Gui.waitUntil("blocks loaded", 20, () -> canvas.registry().all().size() == 4);
    Gui.shot(w.frame(), "01-welcome");
    Gui.run(() -> w.controller().newPipeline());

    // Add four blocks from the palette: type in the search box, press Enter.
    Robot robot = new Robot();
    robot.setAutoDelay(15);
    for (String q : new String[] {"sample", "split", "train", "evaluate"}) {
      Gui.run(
          () -> {
            // Nothing selected: the block is added unwired (wiring by dragging is tested here).
            canvas.select(null);
            var search = Gui.findByName(w.frame().getRootPane(), "paletteSearch");
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
    Gui.drag(robot, canvas, "sample", "table", "split", "data");
    Gui.shot(w.frame(), "01c-first-drag");
    Gui.drag(robot, canvas, "split", "train", "train", "train");
    Gui.drag(robot, canvas, "train", "model", "evaluate", "model");
    Gui.drag(robot, canvas, "split", "test", "evaluate", "data");
    Gui.shot(w.frame(), "01d-drags");
    Gui.waitUntil("four edges", 5, () -> w.document().graph().edges().size() == 4);

    // An incompatible connection is refused with a plain-words message.
    Gui.run(
        () ->
            w.document()
                .edit(
                    "Unplug",
                    g ->
                        g.withoutEdge(
                            g.edgesInto("evaluate").stream()
                                .filter(e -> e.to().port().equals("model"))
                                .findFirst()
                                .orElseThrow())));
    Gui.drag(robot, canvas, "sample", "table", "evaluate", "model");
    Gui.waitUntil("refusal shown", 5, () -> canvas.lastToast().contains("takes a Model"));
    Gui.shot(w.frame(), "02-refused-connection");
    assertThat(Gui.edt(() -> w.document().graph().edges().size())).isEqualTo(3);
    Gui.run(() -> w.document().undo());
    Gui.waitUntil("edge restored", 5, () -> w.document().graph().edges().size() == 4);

    // Set a param in the inspector.
    Gui.run(() -> canvas.select("train"));
    Gui.waitUntil(
        "train form", 5, () -> Gui.findByName(w.frame().getRootPane(), "param:epochs") != null);
    Gui.run(
        () -> ((JSpinner) Gui.findByName(w.frame().getRootPane(), "param:epochs")).setValue(25L));
    Gui.waitUntil(
        "epochs set",
        5,
        () ->
            IntNode.valueOf(25)
                    .equals(w.document().graph().node("train").orElseThrow().params().get("epochs"))
                || w.document().graph().node("train").orElseThrow().params().get("epochs").asInt()
                    == 25);
    Gui.shot(w.frame(), "03-inspector");

    // Run, with an EDT watchdog measuring how long the EDT takes to answer.
    AtomicLong worst = new AtomicLong();
    Thread watchdog =
        new Thread(
            () -> {
              while (!Thread.currentThread().isInterrupted()) {
                long t0 = System.nanoTime();
                try {
                  SwingUtilities.invokeAndWait(() -> {});
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
    // Escape closes menus and dialogs but never cancels a run: the run goes on to the end.
    Gui.waitUntil("training", 10, () -> canvas.cardState("train").status() == NodeStatus.RUNNING);
    robot.keyPress(KeyEvent.VK_ESCAPE);
    robot.keyRelease(KeyEvent.VK_ESCAPE);
    Gui.waitUntil(
        "all done",
        30,
        () ->
            w.document().graph().nodes().stream()
                .allMatch(n -> canvas.cardState(n.id()).status() == NodeStatus.DONE));
    watchdog.interrupt();
    watchdog.join();
    assertThat(worst.get()).as("longest EDT stall in ms").isLessThan(200);
    assertThat(Gui.edt(() -> canvas.cardText("evaluate"))).contains("accuracy 94.0 %");
    Gui.run(() -> canvas.select("evaluate"));
    Gui.waitUntil(
        "confusion matrix",
        5,
        () -> Gui.findByName(w.frame().getRootPane(), "confusionMatrix") != null);
    Gui.shot(w.frame(), "04-run-done-results");
    Gui.run(() -> canvas.select("train"));
    robot.waitForIdle();
    Gui.shot(w.frame(), "05-training-curves");

    // Undo and redo the param change, then save and reopen: the same graph.
    Path file = tmp.resolve("pipeline.json");
    Gui.undoRedoSaveAndReopen(w, file);
    assertThat(Files.readString(file)).contains("\"epochs\"");
    Gui.run(() -> w.frame().dispose());
  }
}
