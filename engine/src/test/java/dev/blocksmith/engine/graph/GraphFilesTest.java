package dev.blocksmith.engine.graph;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Saving keeps the file's mode, writes through links, keeps a whole backup, cleans up. */
class GraphFilesTest {
  @TempDir Path dir;

  private static byte[] b(String s) {
    return s.getBytes(StandardCharsets.UTF_8);
  }

  @Test
  void saveKeepsTheFileMode() throws Exception {
    Path f = Files.write(dir.resolve("g.json"), b("old"));
    Files.setPosixFilePermissions(f, PosixFilePermissions.fromString("rw-rw-r--"));
    GraphFiles.writeAtomically(f, b("new"), true);
    assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(f)))
        .isEqualTo("rw-rw-r--");
    assertThat(Files.readString(f)).isEqualTo("new");
    assertThat(Files.readString(dir.resolve("g.json.bak"))).isEqualTo("old");
    Path fresh = dir.resolve("fresh.json");
    GraphFiles.writeAtomically(fresh, b("x"), true);
    assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(fresh)))
        .isEqualTo("rw-r--r--");
  }

  @Test
  void saveWritesThroughASymlink() throws Exception {
    Path real =
        Files.write(Files.createDirectories(dir.resolve("shared")).resolve("g.json"), b("old"));
    Path link = Files.createSymbolicLink(dir.resolve("link.json"), Path.of("shared/g.json"));
    GraphFiles.writeAtomically(link, b("new"), true);
    assertThat(Files.isSymbolicLink(link)).isTrue();
    assertThat(Files.readString(real)).isEqualTo("new");
    assertThat(Files.readString(dir.resolve("shared/g.json.bak"))).isEqualTo("old");
  }

  @Test
  void leftoverTempFilesOfACrashAreRemovedByTheNextSave() throws Exception {
    Path f = Files.write(dir.resolve("g.json"), b("old"));
    Files.write(dir.resolve(".g.json.123.tmp"), b("torn"));
    Files.write(dir.resolve(".g.json.bak.9.9.tmp"), b("torn"));
    Files.write(dir.resolve(".other.json.5.tmp"), b("someone else's"));
    GraphFiles.writeAtomically(f, b("new"), true);
    try (var s = Files.list(dir)) {
      assertThat(s.map(p -> p.getFileName().toString()))
          .containsExactlyInAnyOrder("g.json", "g.json.bak", ".other.json.5.tmp");
    }
  }

  @Test
  void specialFilesAreRefused() throws Exception {
    Path fifo = dir.resolve("pipe.json");
    if (new ProcessBuilder("mkfifo", fifo.toString()).start().waitFor() != 0) {
      return;
    }
    assertThatThrownBy(() -> GraphFiles.writeAtomically(fifo, b("x"), true))
        .hasMessageContaining("not a plain file");
    assertThatThrownBy(() -> GraphJson.read(fifo))
        .isInstanceOf(GraphFormatException.class)
        .hasMessageContaining("not a plain file");
  }
}
