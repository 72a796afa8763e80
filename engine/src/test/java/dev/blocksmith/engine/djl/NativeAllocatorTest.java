package dev.blocksmith.engine.djl;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

class NativeAllocatorTest {
  @Test
  void addsAllThreeSettingsToAnEnvironmentWithoutAny() {
    Map<String, String> env = new HashMap<>(Map.of("PATH", "/usr/bin", "HOME", "/home/a"));
    assertThat(NativeAllocator.apply(env)).isTrue();
    assertThat(env)
        .containsAllEntriesOf(NativeAllocator.SETTINGS)
        .containsEntry("PATH", "/usr/bin");
    assertThat(env).hasSize(2 + NativeAllocator.SETTINGS.size());
  }

  @Test
  void leavesTheUsersOwnAllocatorSettingsAloneAndAddsNothing() {
    Map<String, String> own = new HashMap<>(Map.of("MALLOC_ARENA_MAX", "2", "PATH", "/bin"));
    assertThat(NativeAllocator.apply(own)).isFalse();
    assertThat(own).isEqualTo(Map.of("MALLOC_ARENA_MAX", "2", "PATH", "/bin"));

    Map<String, String> tunables =
        new HashMap<>(Map.of("GLIBC_TUNABLES", "glibc.malloc.trim_threshold=1"));
    assertThat(NativeAllocator.apply(tunables)).isFalse();
    assertThat(tunables).hasSize(1);
  }

  @Test
  void theLauncherExportsExactlyTheSameSettings() throws IOException {
    Path launcher = Path.of("..", "blocksmith");
    String line =
        Files.readAllLines(launcher).stream()
            .map(String::trim)
            .filter(l -> l.startsWith("export MALLOC_"))
            .findFirst()
            .orElseThrow(() -> new AssertionError("the launcher exports no MALLOC_ settings"));
    Map<String, String> exported = new TreeMap<>();
    for (String pair : line.substring("export ".length()).split("\\s+")) {
      String[] kv = pair.split("=", 2);
      exported.put(kv[0], kv[1]);
    }
    assertThat(exported).isEqualTo(new TreeMap<>(NativeAllocator.SETTINGS));
  }
}
