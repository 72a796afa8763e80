package dev.blocksmith.editor.gui;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.blocksmith.editor.app.EditorLauncher;
import dev.blocksmith.editor.app.Main;
import dev.blocksmith.editor.app.MainWindow;
import dev.blocksmith.editor.canvas.CanvasView;
import dev.blocksmith.editor.view.ConfusionMatrixView;
import dev.blocksmith.engine.exec.NodeStatus;
import dev.blocksmith.engine.graph.Graph;
import java.awt.Point;
import java.awt.event.MouseEvent;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import javax.swing.JButton;
import javax.swing.JComponent;
import javax.swing.JLabel;
import javax.swing.JSlider;
import javax.swing.JSpinner;
import javax.swing.JTable;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * Plays the "Your first model" lesson end to end with the real engine: a step that completes only
 * after the run meets its condition, the panel reacting to the learner's own accuracy, the summary;
 * on the way, the results view's examples per confusion cell, the threshold slider, metric help,
 * and a coach fix applied with one click and undone with one Undo.
 */
class LessonAndCoachGuiTest {
  private static final List<String> CHAIN = List.of("sample", "split", "train", "evaluate");
  @TempDir static Path tmp;
  private static MainWindow w;
  private static CanvasView canvas;

  @BeforeAll
  static void openEditor() throws Exception {
    assumeTrue(Main.hasDisplay(), "no display");
    System.setProperty("blocksmith.userdir", tmp.resolve("user").toString());
    System.setProperty("blocksmith.prefs", "dev/blocksmith/editor-lesson-test");
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

  private static JComponent find(String name) {
    return Gui.findByName(w.frame().getRootPane(), name);
  }

  private static boolean allDone() {
    return CHAIN.stream()
        .allMatch(
            id ->
                canvas.cardState(id).status() == NodeStatus.DONE
                    || canvas.cardState(id).status() == NodeStatus.CACHED);
  }

  @Test
  @Timeout(value = 6, unit = TimeUnit.MINUTES, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
  void playsTheFirstLessonWithChecksAppliesAFixAndUndoesIt() throws Exception {
    Gui.run(() -> w.document().reset(Graph.EMPTY, null, false));
    Gui.run(
        () ->
            w.controller()
                .openFile(
                    Path.of("..", "graphs", "lessons", "your-first-model.json").toAbsolutePath()));
    Gui.waitUntil("lesson shown", 10, () -> w.lesson().isShowing());
    JButton next = (JButton) Gui.edt(() -> find("lessonNext"));
    for (int i = 0; i < 3; i++) {
      Gui.run(next::doClick);
    }
    assertThat(Gui.edt(() -> w.lesson().step())).isEqualTo(3);
    assertThat(Gui.edt(next::isEnabled)).as("step 4 waits for the run").isFalse();
    assertThat(Gui.edt(() -> w.lesson().checkText())).contains("To go on");
    Gui.shot(w.frame(), "lesson-01-waiting-for-run");

    Gui.run(() -> w.controller().runAll());
    Gui.waitUntil("first run done", 180, LessonAndCoachGuiTest::allDone);
    Gui.waitUntil("step 4 done", 30, next::isEnabled);
    assertThat(Gui.edt(() -> w.lesson().checkText())).contains("Done").contains("%");
    assertThat(Gui.edt(() -> canvas.cardText("evaluate"))).contains("accuracy");

    // Results of Evaluate: metric help, examples of a confusion cell, the threshold slider.
    Gui.run(() -> canvas.select("evaluate"));
    Gui.waitUntil(
        "report shown",
        30,
        () ->
            find("confusionMatrix") != null
                && find("thresholdSlider") != null
                && find("chart") != null);
    JTable metrics = (JTable) Gui.edt(() -> find("metricsTable"));
    Gui.run(
        () -> {
          for (int r = 0; r < metrics.getRowCount(); r++) {
            String name = String.valueOf(metrics.getValueAt(r, 0));
            Point at = metrics.getCellRect(r, 0, true).getLocation();
            at.translate(5, 5);
            String tip =
                metrics.getToolTipText(
                    new MouseEvent(metrics, MouseEvent.MOUSE_MOVED, 0, 0, at.x, at.y, 0, false));
            assertThat(tip).as("help of metric " + name).isNotBlank();
          }
        });
    ConfusionMatrixView cm = (ConfusionMatrixView) Gui.edt(() -> find("confusionMatrix"));
    Gui.run(
        () -> {
          Point p = cm.cellCentre(0, 0);
          for (var l : cm.getMouseListeners()) {
            l.mouseClicked(new MouseEvent(cm, MouseEvent.MOUSE_CLICKED, 0, 0, p.x, p.y, 1, false));
          }
        });
    Gui.waitUntil(
        "examples of the cell",
        5,
        () -> find("examplesTable") != null && ((JTable) find("examplesTable")).getRowCount() > 0);
    assertThat(Gui.edt(() -> ((JLabel) find("examplesTitle")).getText())).startsWith("Right: ");
    JSlider slider = (JSlider) Gui.edt(() -> find("thresholdSlider"));
    JLabel counts = (JLabel) Gui.edt(() -> find("thresholdCounts"));
    String atHalf = Gui.edt(counts::getText);
    Gui.run(() -> slider.setValue(slider.getMaximum() - 2));
    assertThat(Gui.edt(counts::getText))
        .as("counts follow the slider")
        .isNotEqualTo(atHalf)
        .contains("0.98");
    Gui.shot(w.frame(), "lesson-02-evaluate-examples-threshold");

    // Step 5: the learner changes a setting in the inspector and runs again.
    Gui.run(next::doClick);
    assertThat(Gui.edt(next::isEnabled)).isFalse();
    Gui.run(() -> canvas.select("train"));
    Gui.waitUntil("train form", 10, () -> find("param:epochs") != null);
    Gui.run(() -> ((JSpinner) find("param:epochs")).setValue(2L));
    Gui.waitUntil(
        "epochs 2",
        5,
        () -> w.document().graph().node("train").orElseThrow().params().get("epochs").asInt() == 2);
    Gui.run(() -> w.controller().runAll());
    Gui.waitUntil(
        "second run done", 180, () -> allDone() && w.lesson().checkText().contains("fell to"));
    assertThat(Gui.edt(() -> w.lesson().checkText())).contains("underfitting");
    assertThat(Gui.edt(next::getText)).isEqualTo("Finish");
    Gui.run(() -> canvas.select("evaluate"));
    Gui.waitUntil("apply button", 30, () -> find("applyFix") != null);
    Gui.shot(w.frame(), "lesson-03-underfitting-reaction");

    // One click applies the coach's change as one undo step; one Undo takes it back.
    Graph before = Gui.edt(() -> w.document().graph());
    Gui.run(() -> ((JButton) find("applyFix")).doClick());
    Graph after = Gui.edt(() -> w.document().graph());
    assertThat(after).isNotEqualTo(before);
    assertThat(after.node("train").orElseThrow().params().get("epochs").asInt())
        .as("the coach asks for more epochs")
        .isGreaterThan(2);
    Gui.shot(w.frame(), "lesson-04-fix-applied");
    Gui.run(() -> w.controller().undo());
    assertThat(Gui.edt(() -> w.document().graph())).isEqualTo(before);

    Gui.run(next::doClick);
    assertThat(Gui.edt(() -> w.lesson().finished())).isTrue();
    Gui.shot(w.frame(), "lesson-05-summary");

    // The HTML report from the editor: the worker writes it after the run.
    Path report = tmp.resolve("lesson-report.html");
    Gui.run(() -> w.controller().runWithReportTo(report));
    Gui.waitUntil("report saved", 120, () -> w.runs().logText().contains("Saved the report"));
    String html = java.nio.file.Files.readString(report);
    assertThat(html).contains("<svg", "Your first model", "Confusion matrix");
  }
}
