package dev.blocksmith.editor.worker;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The worker asks for huge pages only where the kernel's setting allows them. */
class HugePagesTest {
  @TempDir Path dir;

  @Test
  void readsTheKernelsChoice() throws Exception {
    Path f = dir.resolve("enabled");
    Files.writeString(f, "always [madvise] never\n");
    assertThat(WorkerClient.hugePages(f)).isTrue();
    Files.writeString(f, "[always] madvise never\n");
    assertThat(WorkerClient.hugePages(f)).isTrue();
    Files.writeString(f, "always madvise [never]\n");
    assertThat(WorkerClient.hugePages(f)).isFalse();
    assertThat(WorkerClient.hugePages(dir.resolve("missing"))).isFalse();
  }
}
