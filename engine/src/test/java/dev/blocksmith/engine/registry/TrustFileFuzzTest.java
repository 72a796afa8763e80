package dev.blocksmith.engine.registry;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.junit.FuzzTest;
import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * The trust list decides which code runs: whatever its text, parsing never throws and yields only
 * well-formed entries, which write back to the same list; and a jar name that passes the name check
 * always writes exactly one line, so no name can add a trusted hash of its own. The normal build
 * replays {@code TrustFileFuzzTestInputs/}; {@code JAZZER_FUZZ=1} fuzzes.
 */
class TrustFileFuzzTest {
  private static final String HASH = "0123456789abcdef".repeat(4);

  @FuzzTest(maxDuration = "30s")
  void anyTextParsesToWellFormedEntriesOnly(byte[] data) {
    PluginTrust.Parsed p = PluginTrust.parse(new String(data, StandardCharsets.UTF_8));
    for (PluginTrust.Entry e : p.entries()) {
      assertThat(e.sha256()).matches("[0-9a-f]{64}");
      assertThat(PluginTrust.nameProblem(e.fileName())).isNull();
    }
    PluginTrust.Parsed again = PluginTrust.parse(PluginTrust.format(p.entries()));
    assertThat(again.entries()).isEqualTo(p.entries());
    assertThat(again.problems()).isEmpty();
  }

  @FuzzTest(maxDuration = "30s")
  void aNameThatPassesWritesExactlyOneLine(byte[] data) {
    String name = new String(data, StandardCharsets.UTF_8);
    if (PluginTrust.nameProblem(name) != null) {
      return;
    }
    PluginTrust.Parsed p =
        PluginTrust.parse(PluginTrust.format(List.of(new PluginTrust.Entry(HASH, name))));
    assertThat(p.entries()).containsExactly(new PluginTrust.Entry(HASH, name));
    assertThat(p.problems()).isEmpty();
  }
}
