package dev.blocksmith.editor.gui;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.blocksmith.editor.app.EditorLauncher;
import dev.blocksmith.editor.app.Home;
import dev.blocksmith.editor.app.Main;
import dev.blocksmith.editor.app.MainWindow;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import javax.swing.AbstractButton;
import javax.swing.JDialog;
import org.assertj.swing.edt.FailOnThreadViolationRepaintManager;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Kills an editor process that has unsaved changes, then starts an editor on the same user folder:
 * it offers the autosaved copy, recovers it as a new unsaved pipeline, and never touches the file.
 */
class AutosaveRecoveryGuiTest {
  private static final String TITLE = "Recover unsaved changes";
  @TempDir Path tmp;

  @Test
  void anEditorKilledWithUnsavedChangesIsOfferedForRecovery() throws Exception {
    assumeTrue(Main.hasDisplay(), "no display");
    Path user = tmp.resolve("user");
    Path file = tmp.resolve("pipeline.json");
    Files.copy(Home.graphsDir().resolve("first-model.json"), file);
    byte[] original = Files.readAllBytes(file);

    Process child = startChild(user, file);
    try {
      Path copy = user.resolve("autosave").resolve(child.pid() + ".json");
      Path lock = copy.resolveSibling(child.pid() + ".lock");
      Gui.waitUntil(
          "the child autosaved its edit",
          60,
          () -> Files.exists(lock) && read(copy).contains("\"epochs\": 7"));
      assertThat(read(lock)).isEqualTo(file.toAbsolutePath().toString());
      child.destroyForcibly();
      assertThat(child.waitFor(10, TimeUnit.SECONDS)).isTrue();
    } finally {
      child.destroyForcibly();
    }
    assertThat(Files.readAllBytes(file)).isEqualTo(original);

    System.setProperty("blocksmith.userdir", user.toString());
    System.setProperty("blocksmith.prefs", "dev/blocksmith/editor-recovery-test");
    System.setProperty("blocksmith.noWarmUp", "true");
    FailOnThreadViolationRepaintManager.install();
    CompletableFuture<MainWindow> ready = new CompletableFuture<>();
    try {
      EditorLauncher.launch(ready::complete);
      MainWindow w = ready.get(30, TimeUnit.SECONDS);
      Gui.waitUntil("recovery offered", 20, () -> Gui.dialog(TITLE) != null);
      Gui.shot(Gui.edt(() -> Gui.dialog(TITLE)), "recovery-01-offer");
      Gui.run(() -> yesButton(Gui.dialog(TITLE)).doClick());
      Gui.waitUntil("recovered", 20, () -> w.document().graph().name().endsWith("(recovered)"));
      assertThat(
              Gui.edt(
                  () ->
                      w.document()
                          .graph()
                          .node("train")
                          .orElseThrow()
                          .params()
                          .get("epochs")
                          .asInt()))
          .isEqualTo(7);
      assertThat(Gui.edt(() -> w.document().file())).as("recovered as a new pipeline").isNull();
      assertThat(Gui.edt(() -> w.document().isModified())).isTrue();
      Gui.shot(w.frame(), "recovery-02-recovered");
      assertThat(Files.readAllBytes(file)).as("the original file is untouched").isEqualTo(original);
      Gui.run(
          () -> {
            w.runs().shutdown();
            w.frame().dispose();
          });
    } finally {
      System.clearProperty("blocksmith.noWarmUp");
    }
  }

  private static Process startChild(Path user, Path file) throws Exception {
    List<String> cmd = new ArrayList<>();
    cmd.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    cmd.add("-Duser.home=" + user.resolveSibling("home"));
    cmd.add("-Dblocksmith.userdir=" + user);
    cmd.add("-Dblocksmith.prefs=dev/blocksmith/editor-child");
    cmd.add("-Dblocksmith.autosaveMillis=200");
    cmd.add("-Dblocksmith.noWarmUp=true");
    cmd.add("-Dblocksmith.home=" + Home.projectDir());
    cmd.add("-cp");
    cmd.add(System.getProperty("java.class.path"));
    cmd.add(EditorChild.class.getName());
    cmd.add(file.toString());
    cmd.add("7");
    return new ProcessBuilder(cmd)
        .redirectErrorStream(true)
        .redirectOutput(user.resolveSibling("child.log").toFile())
        .start();
  }

  private static AbstractButton yesButton(JDialog d) {
    List<AbstractButton> buttons = new ArrayList<>();
    collect(d.getContentPane(), buttons);
    return buttons.stream().filter(b -> "Yes".equals(b.getText())).findFirst().orElseThrow();
  }

  private static void collect(java.awt.Container c, List<AbstractButton> out) {
    for (var k : c.getComponents()) {
      if (k instanceof AbstractButton b) {
        out.add(b);
      } else if (k instanceof java.awt.Container inner) {
        collect(inner, out);
      }
    }
  }

  private static String read(Path p) {
    try {
      return Files.readString(p);
    } catch (java.io.IOException e) {
      return "";
    }
  }
}
