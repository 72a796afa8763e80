package dev.blocksmith.editor.app;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The launcher without a display prints one line and exits 1, with no stack trace. */
class MainHeadlessTest {
  @Test
  void withoutADisplayItExplainsAndExits() throws Exception {
    Path java = Path.of(System.getProperty("java.home"), "bin", "java");
    Process p =
        new ProcessBuilder(
                List.of(
                    java.toString(),
                    "-Djava.awt.headless=true",
                    "-cp",
                    System.getProperty("java.class.path"),
                    Main.class.getName()))
            .redirectErrorStream(true)
            .start();
    String out = new String(p.getInputStream().readAllBytes()).trim();
    assertThat(p.waitFor()).isEqualTo(1);
    assertThat(out).isEqualTo(Main.NO_DISPLAY);
  }
}
