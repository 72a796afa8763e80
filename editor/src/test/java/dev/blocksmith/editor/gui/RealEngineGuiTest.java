package dev.blocksmith.editor.gui;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.node.IntNode;
import dev.blocksmith.editor.app.EditorLauncher;
import dev.blocksmith.editor.app.Main;
import dev.blocksmith.editor.app.MainWindow;
import dev.blocksmith.editor.canvas.CanvasView;
import dev.blocksmith.editor.worker.WorkerClient;
import dev.blocksmith.engine.exec.NodeStatus;
import dev.blocksmith.engine.graph.Graph;
import java.awt.Robot;
import java.awt.event.KeyEvent;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import javax.swing.JSpinner;
import javax.swing.JTextField;
import org.assertj.swing.edt.FailOnThreadViolationRepaintManager;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * Drives the real editor window against the real blocks, running them in the real worker JVM: build
 * a pipeline from the palette, run it, read its results, edit, save and reopen; then kill the
 * worker in the middle of training and run again. An EDT watchdog checks the window stays fluid.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class RealEngineGuiTest {
  private static final List<String> CHAIN = List.of("sample", "split", "train", "evaluate");
  private static final long EDT_LIMIT_MS = 200;
  @TempDir static Path tmp;
  private static MainWindow w;
  private static CanvasView canvas;

  @BeforeAll
  static void openEditor() throws Exception {
    assumeTrue(Main.hasDisplay(), "no display");
    System.setProperty("blocksmith.userdir", tmp.resolve("user").toString());
    System.setProperty("blocksmith.prefs", "dev/blocksmith/editor-real-test");
    FailOnThreadViolationRepaintManager.install();
    CompletableFuture<MainWindow> ready = new CompletableFuture<>();
    EditorLauncher.launch(ready::complete);
    w = ready.get(30, TimeUnit.SECONDS);
    canvas = w.canvas();
    Gui.waitUntil(
        "real blocks loaded", 60, () -> canvas.registry().find("train.train").isPresent());
  }

  @AfterAll
  static void closeEditor() throws Exception {
    if (w != null) {
      Gui.run(
          () -> {
            w.runs().shutdown();
            w.frame().dispose();
          });
    }
  }

  @Test
  @Order(1)
  @Timeout(value = 5, unit = TimeUnit.MINUTES, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
  void buildRunInspectUndoSaveAndReopenWithTheRealEngine() throws Exception {
    Gui.run(() -> w.document().reset(Graph.EMPTY, null, false));
    Gui.run(() -> w.controller().newPipeline());
    Robot robot = new Robot();
    robot.setAutoDelay(10);
    for (String type :
        List.of("data.sample", "prepare.split", "train.train", "evaluate.evaluate")) {
      Gui.run(
          () -> {
            // Nothing selected: the block is added unwired (wiring by dragging is tested here).
            canvas.select(null);
            JTextField search =
                (JTextField) Gui.findByName(w.frame().getRootPane(), "paletteSearch");
            search.setText(type);
            search.requestFocusInWindow();
          });
      robot.waitForIdle();
      robot.keyPress(KeyEvent.VK_ENTER);
      robot.keyRelease(KeyEvent.VK_ENTER);
      robot.waitForIdle();
    }
    Gui.waitUntil(
        "four blocks",
        10,
        () -> w.document().graph().nodes().stream().map(n -> n.id()).toList().equals(CHAIN));
    Gui.run(canvas::zoomToFit);
    robot.waitForIdle();

    Gui.drag(robot, canvas, "sample", "data", "split", "data");
    Gui.drag(robot, canvas, "split", "train", "train", "train");
    Gui.drag(robot, canvas, "split", "validation", "train", "validation");
    Gui.drag(robot, canvas, "split", "test", "evaluate", "data");
    // A table cannot go where a model is expected: refused, with words saying why.
    Gui.drag(robot, canvas, "sample", "data", "evaluate", "model");
    Gui.waitUntil("refusal shown", 5, () -> canvas.lastToast().contains("Model"));
    Gui.shot(w.frame(), "real-01-refused-connection");
    assertThat(Gui.edt(() -> w.document().graph().edgesInto("evaluate"))).hasSize(1);
    Gui.drag(robot, canvas, "train", "model", "evaluate", "model");
    Gui.waitUntil("five edges", 5, () -> w.document().graph().edges().size() == 5);

    // A small setting through the inspector: few epochs keep the test quick.
    Gui.run(() -> canvas.select("train"));
    Gui.waitUntil(
        "train form", 5, () -> Gui.findByName(w.frame().getRootPane(), "param:epochs") != null);
    Gui.run(
        () -> ((JSpinner) Gui.findByName(w.frame().getRootPane(), "param:epochs")).setValue(8L));
    Gui.waitUntil(
        "epochs set",
        5,
        () -> w.document().graph().node("train").orElseThrow().params().get("epochs").asInt() == 8);
    Gui.shot(w.frame(), "real-02-inspector");

    // Run to here: only Sample data and Split run.
    Gui.run(() -> canvas.select("split"));
    Gui.run(() -> w.controller().runToHere());
    waitUntil("split done", 120, () -> status("split") == NodeStatus.DONE);
    assertThat(Gui.edt(() -> status("sample"))).isEqualTo(NodeStatus.DONE);
    assertThat(Gui.edt(() -> status("train"))).isEqualTo(NodeStatus.IDLE);

    try (EdtWatchdog watchdog = new EdtWatchdog()) {
      Gui.run(() -> canvas.select("train"));
      Gui.run(() -> w.controller().runAll());
      waitUntil(
          "every block done",
          120,
          () ->
              CHAIN.stream()
                  .allMatch(
                      id -> status(id) == NodeStatus.DONE || status(id) == NodeStatus.CACHED));
      assertThat(watchdog.probes()).isGreaterThan(10);
      assertThat(watchdog.worstMillis())
          .as("longest EDT stall (ms) during the run")
          .isLessThan(EDT_LIMIT_MS);
    }
    assertThat(Gui.edt(() -> status("train"))).isEqualTo(NodeStatus.DONE);
    assertThat(Gui.edt(() -> canvas.cardText("evaluate"))).contains("accuracy");
    Gui.waitUntil(
        "live curves",
        10,
        () ->
            w.runs().resultsView().curves() != null
                && w.runs().resultsView().curves().points("train loss") > 0);
    Gui.shot(w.frame(), "real-03-training-curves");
    Gui.run(() -> canvas.select("evaluate"));
    waitUntil(
        "confusion matrix",
        30,
        () -> Gui.findByName(w.frame().getRootPane(), "confusionMatrix") != null);
    Gui.shot(w.frame(), "real-04-evaluate-results");

    Path file = tmp.resolve("my-pipeline.json");
    Gui.undoRedoSaveAndReopen(w, file);
    assertThat(Files.readString(file)).contains("\"epochs\": 8");
  }

  @Test
  @Order(2)
  @Timeout(value = 5, unit = TimeUnit.MINUTES, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
  void killingTheWorkerMidTrainingFailsTrainOnlyAndTheNextRunWorks() throws Exception {
    Gui.run(() -> w.document().reset(Graph.EMPTY, null, false)); // never a "save?" dialog
    Gui.run(() -> w.controller().openFile(tmp.resolve("my-pipeline.json")));
    Gui.waitUntil("opened", 10, () -> w.document().graph().node("train").isPresent());
    Gui.run(
        () ->
            w.document()
                .edit(
                    "Long training",
                    g ->
                        g.withParam("train", "epochs", IntNode.valueOf(1000))
                            .withParam("train", "patience", IntNode.valueOf(0))));
    try (EdtWatchdog watchdog = new EdtWatchdog()) {
      Gui.run(() -> canvas.select("train"));
      Gui.run(() -> w.controller().runAll());
      waitUntil(
          "training under way",
          120,
          () ->
              status("train") == NodeStatus.RUNNING
                  && canvas.cardState("train").progress() > 0.005);
      Gui.shot(w.frame(), "real-05-training-live");
      long pid = ((WorkerClient) w.runs().backend()).pid();
      assertThat(pid).isPositive();
      ProcessHandle.of(pid).orElseThrow().destroyForcibly();
      waitUntil("train failed", 30, () -> status("train") == NodeStatus.FAILED);
      assertThat(watchdog.worstMillis()).as("longest EDT stall (ms)").isLessThan(EDT_LIMIT_MS);
    }
    assertThat(Gui.edt(() -> canvas.cardState("train").problem()))
        .contains("stopped unexpectedly")
        .contains("press Run to try again");
    assertThat(Gui.edt(() -> status("evaluate")))
        .isIn(NodeStatus.FAILED, NodeStatus.QUEUED, NodeStatus.IDLE);
    assertThat(Gui.edt(() -> w.runs().isRunning())).isFalse();
    Gui.shot(w.frame(), "real-06-worker-killed");

    // The editor still edits, and the next run starts a fresh worker and succeeds.
    Gui.run(
        () ->
            w.document()
                .edit("Short training", g -> g.withParam("train", "epochs", IntNode.valueOf(3))));
    Gui.run(() -> w.controller().runAll());
    waitUntil(
        "every block done again",
        180,
        () -> CHAIN.stream().allMatch(id -> status(id) == NodeStatus.DONE));
    assertThat(Gui.edt(() -> canvas.cardText("evaluate"))).contains("accuracy");
    Gui.shot(w.frame(), "real-07-next-run-after-kill");
  }

  /** Waits like {@link Gui#waitUntil}, and on time-out saves a screenshot and the run log. */
  private static void waitUntil(
      String what, double seconds, java.util.function.BooleanSupplier cond) throws Exception {
    try {
      Gui.waitUntil(what, seconds, cond);
    } catch (AssertionError e) {
      Gui.shot(w.frame(), "real-timeout");
      String cards = Gui.edt(() -> CHAIN.stream().map(canvas::cardText).toList().toString());
      throw new AssertionError(
          e.getMessage() + "; cards " + cards + "; log:\n" + Gui.edt(() -> w.runs().logText()), e);
    }
  }

  private static NodeStatus status(String id) {
    return canvas.cardState(id).status();
  }
}
