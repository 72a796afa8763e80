package dev.blocksmith.editor.history;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.blocksmith.editor.app.Main;
import dev.blocksmith.engine.cli.Cli;
import dev.blocksmith.engine.graph.GraphJson;
import dev.blocksmith.engine.registry.NodeRegistry;
import java.awt.Rectangle;
import java.awt.Robot;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.atomic.AtomicReference;
import javax.imageio.ImageIO;
import javax.swing.JTable;
import org.assertj.swing.core.BasicRobot;
import org.assertj.swing.edt.GuiActionRunner;
import org.assertj.swing.fixture.FrameFixture;
import org.assertj.swing.timing.Condition;
import org.assertj.swing.timing.Pause;
import org.assertj.swing.timing.Timeout;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The Runs window over two real runs of first-model.json that differ in epochs: both are listed,
 * selecting both compares them (the differing setting, the metrics, one chart per curve), and Open
 * pipeline hands the editor the pipeline exactly as the selected run ran it.
 */
class RunsWindowGuiTest {

  private static void run(Path runs, int epochs) {
    String graph = Path.of("../graphs/first-model.json").toAbsolutePath().normalize().toString();
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    int code =
        Cli.execute(
            NodeRegistry.loadInstalled(),
            new PrintStream(out, true, StandardCharsets.UTF_8),
            new PrintStream(out, true, StandardCharsets.UTF_8),
            "run",
            graph,
            "--runs",
            runs.toString(),
            "--set",
            "sample.size=300",
            "--set",
            "train.epochs=" + epochs);
    assertThat(code).as(out.toString(StandardCharsets.UTF_8)).isZero();
  }

  @Test
  void listsComparesAndReopensRealRuns(@TempDir Path dir) throws Exception {
    assumeTrue(Main.hasDisplay(), "no display");
    Path runs = dir.resolve("runs");
    run(runs, 3);
    run(runs, 6);
    AtomicReference<Path> opened = new AtomicReference<>();
    RunsWindow w = GuiActionRunner.execute(() -> new RunsWindow(runs, opened::set));
    FrameFixture window = new FrameFixture(BasicRobot.robotWithCurrentAwtHierarchy(), w.frame());
    try {
      GuiActionRunner.execute(w::show);
      JTable table = window.table("runsTable").target();
      waitFor("two runs listed", () -> table.getRowCount() == 2);
      window.table("runsTable").selectRows(0, 1);
      waitFor(
          "two curves charts",
          () -> window.panel("compareCurves").target().getComponentCount() >= 2);
      assertThat(window.label("compareTitle").text()).contains("A = ").contains("B = ");
      shot(w, "runs-window-compare");
      // Newest first: A ran 6 epochs, B ran 3.
      window.tabbedPane("compareTabs").selectTab("Settings that differ");
      assertThat(java.util.Arrays.asList(window.table("differingSettings").contents()))
          .anySatisfy(row -> assertThat(row).containsExactly("train.epochs", "6", "3"));
      shot(w, "runs-window-settings");
      window.tabbedPane("compareTabs").selectTab("Metrics");
      assertThat(java.util.Arrays.asList(window.table("metrics").contents()))
          .anySatisfy(row -> assertThat(row[0]).isEqualTo("evaluate.accuracy"));

      window.table("runsTable").cell(org.assertj.swing.data.TableCell.row(1).column(1)).click();
      window.button("openRunPipeline").requireEnabled().click();
      waitFor("the pipeline handed to the editor", () -> opened.get() != null);
      assertThat(opened.get()).exists();
      var g = GraphJson.read(opened.get());
      assertThat(g.node("train").orElseThrow().params().get("epochs").asInt()).isEqualTo(3);
    } finally {
      window.cleanUp();
    }
  }

  private static void waitFor(String what, java.util.function.BooleanSupplier cond) {
    Pause.pause(
        new Condition(what) {
          @Override
          public boolean test() {
            return GuiActionRunner.execute(cond::getAsBoolean);
          }
        },
        Timeout.timeout(20_000));
  }

  private static void shot(RunsWindow w, String name) throws Exception {
    Path shots = Path.of("target", "screenshots");
    Files.createDirectories(shots);
    Rectangle r = GuiActionRunner.execute(() -> w.frame().getBounds());
    new Robot().waitForIdle();
    ImageIO.write(new Robot().createScreenCapture(r), "png", shots.resolve(name + ".png").toFile());
  }
}
