package dev.blocksmith.editor.gui;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.blocksmith.editor.app.EditorLauncher;
import dev.blocksmith.editor.app.Main;
import dev.blocksmith.editor.app.MainWindow;
import dev.blocksmith.editor.canvas.CanvasView;
import dev.blocksmith.engine.exec.NodeStatus;
import java.awt.Robot;
import java.awt.datatransfer.DataFlavor;
import java.awt.datatransfer.Transferable;
import java.awt.event.KeyEvent;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import javax.swing.JComboBox;
import javax.swing.JComponent;
import javax.swing.JTable;
import javax.swing.JTextField;
import org.assertj.swing.edt.FailOnThreadViolationRepaintManager;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * A newcomer's first model from their own CSV, on the real engine, counting what the user does:
 * from the welcome screen, drop the file, pick the column to predict in the column table Load CSV
 * shows from the file's first rows without running anything, quick-add Split, Train and Evaluate
 * with the palette (each wired to the block before), Run, and read the accuracy on the Evaluate
 * card.
 */
class FirstModelGuiTest {
  @TempDir Path tmp;
  private int actions;

  @Test
  @Timeout(value = 5, unit = TimeUnit.MINUTES, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
  void firstModelFromOwnCsvInAtMostTwelveActions() throws Exception {
    assumeTrue(Main.hasDisplay(), "no display");
    System.setProperty("blocksmith.userdir", tmp.resolve("user").toString());
    System.setProperty("blocksmith.prefs", "dev/blocksmith/editor-first-model-test");
    FailOnThreadViolationRepaintManager.install();
    Path csv = flowers(tmp.resolve("my-flowers.csv"));
    CompletableFuture<MainWindow> ready = new CompletableFuture<>();
    EditorLauncher.launch(ready::complete);
    MainWindow w = ready.get(30, TimeUnit.SECONDS);
    CanvasView canvas = w.canvas();
    Gui.waitUntil("real blocks", 60, () -> canvas.registry().find("train.train").isPresent());
    Gui.shot(w.frame(), "first-01-welcome");
    try {
      act(() -> w.controller().newPipeline()); // 1: New pipeline on the welcome screen
      act(() -> drop(canvas, csv)); // 2: drop the CSV on the canvas
      act(() -> canvas.select("load-csv")); // 3: click the new Load CSV card
      // The first rows are read off the EDT; the column table and the list fill without a run.
      Gui.waitUntil(
          "columns listed",
          10,
          () ->
              onEdt(
                  () -> {
                    JComboBox<?> box =
                        (JComboBox<?>) Gui.findByName(w.frame().getRootPane(), "param:label");
                    return box != null
                        && box.getItemCount() == 4
                        && Gui.findByName(w.frame().getRootPane(), "columnTable") != null;
                  }));
      assertThat(Gui.edt(() -> canvas.cardState("load-csv").status())).isEqualTo(NodeStatus.IDLE);
      Gui.shot(w.frame(), "first-02-columns-before-running");
      JTable columns =
          Gui.edt(() -> (JTable) Gui.findByName(w.frame().getRootPane(), "columnTable"));
      act(() -> columns.editCellAt(3, 2)); // 4: click the Role of "species" in the column table
      act(
          () -> { // 5: choose "Predict this"
            @SuppressWarnings("unchecked")
            JComboBox<Object> roles = (JComboBox<Object>) columns.getEditorComponent();
            roles.setSelectedIndex(0);
          });
      Gui.waitUntil(
          "label set",
          5,
          () ->
              onEdt(
                  () ->
                      w.document()
                          .graph()
                          .node("load-csv")
                          .orElseThrow()
                          .params()
                          .get("label")
                          .asText()
                          .equals("species")));
      Robot robot = new Robot();
      robot.setAutoDelay(10);
      for (String q : List.of("prepare.split", "train.train", "evaluate.evaluate")) {
        act(
            () -> { // 6, 8, 10: type the block's name in the palette search
              JTextField search =
                  (JTextField) Gui.findByName(w.frame().getRootPane(), "paletteSearch");
              search.setText(q);
              search.requestFocusInWindow();
            });
        robot.waitForIdle();
        actions++; // 7, 9, 11: Enter adds it after the selected block, wired
        robot.keyPress(KeyEvent.VK_ENTER);
        robot.keyRelease(KeyEvent.VK_ENTER);
        robot.waitForIdle();
      }
      try {
        Gui.waitUntil(
            "four wired blocks",
            10,
            () ->
                onEdt(
                    () ->
                        w.document().graph().nodes().size() == 4
                            && w.document().graph().edges().size() == 5));
      } catch (AssertionError e) {
        Gui.shot(w.frame(), "first-timeout");
        throw new AssertionError(
            e.getMessage()
                + ": "
                + Gui.edt(
                    () ->
                        w.document().graph().nodes().stream().map(n -> n.id()).toList()
                            + " "
                            + w.document().graph().edges()),
            e);
      }
      Gui.run(canvas::zoomToFit);
      Gui.shot(w.frame(), "first-03-wired");
      act(() -> w.controller().runAll()); // 12: Run
      Gui.waitUntil(
          "evaluated",
          180,
          () -> onEdt(() -> canvas.cardState("evaluate").status() == NodeStatus.DONE));
      String card = Gui.edt(() -> canvas.cardText("evaluate"));
      Gui.shot(w.frame(), "first-04-accuracy-on-the-card");
      assertThat(card).contains("accuracy");
      assertThat(actions).as("user actions").isLessThanOrEqualTo(12);
      System.out.println(
          "first model: " + actions + " user actions; Evaluate card: " + card.replace('\n', ' '));
    } finally {
      Gui.run(
          () -> {
            w.runs().shutdown();
            w.frame().dispose();
          });
    }
  }

  /** Evaluates a wait condition ({@link Gui#waitUntil} already calls it on the EDT). */
  private static boolean onEdt(java.util.concurrent.Callable<Boolean> c) {
    try {
      return c.call();
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }

  private void act(Gui.ThrowingRunnable r) throws Exception {
    actions++;
    Gui.run(r);
  }

  /** Writes 150 flowers of three kinds that two of the measurements tell apart. */
  private static Path flowers(Path file) throws Exception {
    Random r = new Random(5);
    List<String> lines = new ArrayList<>(List.of("petal_length,petal_width,stem_cm,species"));
    String[] kinds = {"setosa", "versicolor", "virginica"};
    for (int i = 0; i < 150; i++) {
      int k = i % 3;
      lines.add(
          String.format(
              java.util.Locale.ROOT,
              "%.2f,%.2f,%.1f,%s",
              1.5 + 2 * k + r.nextGaussian() * 0.3,
              0.3 + 0.8 * k + r.nextGaussian() * 0.15,
              20 + r.nextGaussian() * 3,
              kinds[k]));
    }
    return Files.write(file, lines);
  }

  private static void drop(CanvasView canvas, Path file) {
    Transferable t =
        new Transferable() {
          @Override
          public DataFlavor[] getTransferDataFlavors() {
            return new DataFlavor[] {DataFlavor.javaFileListFlavor};
          }

          @Override
          public boolean isDataFlavorSupported(DataFlavor f) {
            return DataFlavor.javaFileListFlavor.equals(f);
          }

          @Override
          public Object getTransferData(DataFlavor f) {
            return List.of(file.toFile());
          }
        };
    JComponent c = canvas.component();
    assertThat(c.getTransferHandler().importData(c, t)).isTrue();
  }
}
