package dev.blocksmith.engine.registry;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.jar.JarOutputStream;
import java.util.zip.ZipEntry;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PluginJarsTest {

  @Test
  void brokenPackIsReportedAsAProblemNotACrash(@TempDir Path dir) throws Exception {
    // A jar that declares a NodePack service whose class does not exist.
    Path jar = dir.resolve("broken-pack.jar");
    try (JarOutputStream out = new JarOutputStream(Files.newOutputStream(jar))) {
      out.putNextEntry(new ZipEntry("META-INF/services/dev.blocksmith.engine.spi.NodePack"));
      out.write("com.nowhere.MissingPack\n".getBytes(StandardCharsets.UTF_8));
      out.closeEntry();
    }
    var jars = PluginJars.find(dir);
    assertThat(jars).hasSize(1);
    assertThat(jars.get(0).sha256()).hasSize(64).isEqualTo(PluginJars.sha256(jar));

    // Not trusted yet: not loaded at all, and the problem names its hash and the fix.
    NodeRegistry untrusted = PluginJars.loadRegistry(dir);
    assertThat(untrusted.loadProblems())
        .singleElement()
        .satisfies(
            p ->
                assertThat(p)
                    .contains("broken-pack.jar")
                    .contains("not been trusted")
                    .contains(jars.get(0).sha256())
                    .contains("plugins --trust broken-pack.jar"));

    // Trusted: it loads, fails, and that is a problem, not a crash.
    PluginTrust.trust(dir, jars.get(0));
    assertThat(PluginTrust.isTrusted(dir, jars.get(0))).isTrue();
    NodeRegistry registry = PluginJars.loadRegistry(dir);
    assertThat(registry.loadProblems())
        .anySatisfy(p -> assertThat(p).contains("could not be loaded").contains("MissingPack"));
  }

  @Test
  void aChangedJarMustBeTrustedAgain(@TempDir Path dir) throws Exception {
    Path jar = dir.resolve("pack.jar");
    Files.write(jar, new byte[] {1, 2, 3});
    PluginTrust.trust(dir, PluginJars.find(dir).get(0));
    Files.write(jar, new byte[] {1, 2, 4});
    assertThat(PluginTrust.isTrusted(dir, PluginJars.find(dir).get(0))).isFalse();
  }

  @Test
  void missingFolderMeansNoPlugins(@TempDir Path dir) throws Exception {
    assertThat(PluginJars.find(dir.resolve("nope"))).isEmpty();
  }
}
