package dev.blocksmith.engine;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

class ArchitectureTest {
  private static final Pattern GUI =
      Pattern.compile(
          "^\\s*import\\s+(static\\s+)?(javax\\.swing|java\\.awt)\\b", Pattern.MULTILINE);

  @Test
  void engineSourcesNeverImportSwingOrAwt() throws IOException {
    Path main = Path.of("src/main/java");
    assertThat(main).isDirectory();
    List<String> offenders;
    try (Stream<Path> files = Files.walk(main)) {
      offenders =
          files
              .filter(f -> f.toString().endsWith(".java"))
              .filter(
                  f -> {
                    try {
                      String s = Files.readString(f);
                      return GUI.matcher(s).find()
                          || s.contains("java.awt.")
                          || s.contains("javax.swing.");
                    } catch (IOException e) {
                      throw new java.io.UncheckedIOException(e);
                    }
                  })
              .map(Path::toString)
              .toList();
    }
    assertThat(offenders).as("engine files that use Swing or AWT").isEmpty();
  }
}
