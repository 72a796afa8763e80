package dev.blocksmith.editor.gui;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.blocksmith.editor.app.EditorLauncher;
import dev.blocksmith.editor.app.Main;
import dev.blocksmith.editor.app.MainWindow;
import dev.blocksmith.engine.graph.GraphJson;
import java.awt.Window;
import java.nio.file.Path;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import javax.swing.JDialog;
import javax.swing.JTextArea;
import org.assertj.swing.edt.FailOnThreadViolationRepaintManager;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * Run ▸ Estimate before running in the real editor with the real worker: the Train card shows the
 * estimate's one line, a window shows it in words, and nothing was trained (the card stays idle).
 */
class EstimateGuiTest {
  @TempDir static Path tmp;

  @Test
  @Timeout(value = 4, unit = TimeUnit.MINUTES, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
  void estimateShowsOnTheTrainCardWithoutTraining() throws Exception {
    assumeTrue(Main.hasDisplay(), "no display");
    System.setProperty("blocksmith.userdir", tmp.resolve("user").toString());
    System.setProperty("blocksmith.prefs", "dev/blocksmith/editor-estimate-test");
    FailOnThreadViolationRepaintManager.install();
    CompletableFuture<MainWindow> ready = new CompletableFuture<>();
    EditorLauncher.launch(ready::complete);
    MainWindow w = ready.get(30, TimeUnit.SECONDS);
    try {
      Gui.waitUntil(
          "real blocks loaded", 60, () -> w.canvas().registry().find("train.train").isPresent());
      Path file = Path.of("../graphs/first-model.json").toAbsolutePath().normalize();
      var g = GraphJson.read(file);
      Gui.run(
          () -> {
            w.document().reset(g, file, false);
            w.showPage(true);
            w.canvas().zoomToFit();
          });
      Gui.run(() -> w.controller().estimate());
      Gui.waitUntil(
          "estimate on the card",
          180,
          () -> w.canvas().cardState("train").headline().startsWith("estimate: ≈"));
      String card = Gui.edt(() -> w.canvas().cardState("train").headline());
      assertThat(card).contains("4,482 numbers");
      assertThat(Gui.edt(() -> w.canvas().cardState("train").badge())).isEqualTo("idle");
      JDialog dialog = Gui.edt(EstimateGuiTest::dialog);
      String text =
          Gui.edt(
              () -> ((JTextArea) Gui.findByName(dialog.getRootPane(), "estimateText")).getText());
      assertThat(text)
          .contains("Estimate for 'train' (nothing was trained)")
          .contains("Numbers to learn: 4,482 weights and biases.")
          .contains("Time: about");
      Gui.shot(w.frame(), "estimate-01-card");
      Gui.shot(dialog, "estimate-02-window");
      Gui.run(dialog::dispose);
    } finally {
      Gui.run(
          () -> {
            w.runs().shutdown();
            w.frame().dispose();
          });
    }
  }

  private static JDialog dialog() {
    for (Window win : Window.getWindows()) {
      if (win instanceof JDialog d && "estimateDialog".equals(d.getName()) && d.isShowing()) {
        return d;
      }
    }
    throw new AssertionError("no estimate window");
  }
}
