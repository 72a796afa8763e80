package dev.blocksmith.editor.app;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** An autosave left by a process that is gone is found for recovery; a live one is not. */
class AutosaverTest {
  @TempDir Path dir;

  @Test
  void offersTheCopyOfAKilledEditorOnly() throws Exception {
    Process gone =
        new ProcessBuilder(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-version")
            .start();
    gone.waitFor();
    Files.writeString(dir.resolve(gone.pid() + ".json"), "{\"nodes\":[]}");
    Files.writeString(dir.resolve(gone.pid() + ".lock"), "/data/original.json");
    long me = ProcessHandle.current().pid();
    Files.writeString(dir.resolve(me + ".json"), "{\"nodes\":[]}");
    Files.writeString(dir.resolve(me + ".lock"), "");

    var orphans = Autosaver.findOrphans(dir);

    assertThat(orphans).hasSize(1);
    assertThat(orphans.get(0).original()).isEqualTo("/data/original.json");
  }
}
