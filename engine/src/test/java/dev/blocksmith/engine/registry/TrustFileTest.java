package dev.blocksmith.engine.registry;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code trusted.txt} is read strictly: one well-formed line trusts one hash, nothing else. */
class TrustFileTest {
  private static final String A = "a".repeat(64);
  private static final String B = "b".repeat(64);

  @Test
  void aNameWithANewlineAndAnotherHashCannotTrustTwoJars(@TempDir Path dir) throws Exception {
    Path other = Files.write(dir.resolve("b.jar"), new byte[] {9});
    String bHash = PluginJars.sha256(other);
    Path tricky = Files.write(dir.resolve("a.jar\n" + bHash + "  b.jar"), new byte[] {1});
    // The name also ends in .jar, so it is listed as a plugin.
    PluginJars.Jar jar = new PluginJars.Jar(tricky, PluginJars.sha256(tricky));

    assertThatThrownBy(() -> PluginTrust.trust(dir, jar))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("control characters");
    assertThat(PluginTrust.trusted(dir)).isEmpty();
    // Nor does loading pick it up: the name is refused before its bytes are looked at.
    assertThat(PluginJars.loadRegistry(dir).loadProblems())
        .anySatisfy(p -> assertThat(p).contains("control characters").contains("\\u000a"));

    // Trusting b.jar trusts b.jar only.
    PluginTrust.trust(dir, new PluginJars.Jar(other, bHash));
    assertThat(PluginTrust.trusted(dir)).containsExactly(bHash);
  }

  @Test
  void onlyWellFormedLinesTrustAnything() {
    PluginTrust.Parsed p =
        PluginTrust.parse(
            String.join(
                "\n",
                "# comment",
                "",
                A + "  good.jar",
                B.toUpperCase() + "\tupper.jar",
                "c".repeat(63) + "  short.jar",
                "d".repeat(65) + "  long.jar",
                "g".repeat(64) + "  nothex.jar",
                "e".repeat(64),
                "f".repeat(64) + "  notajar.txt",
                "1".repeat(64) + "  ../up.jar",
                "2".repeat(64) + "  x\u2028y.jar",
                "3".repeat(64) + "  cr.jar\r" + "4".repeat(64) + "  smuggled.jar",
                "5".repeat(64) + "  crlf.jar\r",
                " " + "6".repeat(64) + "  indented.jar"));
    assertThat(p.entries())
        .extracting(PluginTrust.Entry::sha256)
        .containsExactly(A, B, "5".repeat(64));
    assertThat(p.problems()).hasSize(9);
    assertThat(p.problems().get(0)).startsWith("line 5 of trusted.txt trusts nothing");
    assertThat(p.hashes()).doesNotContain("4".repeat(64), "3".repeat(64));
  }

  @Test
  void aListOthersCanWriteTrustsNothing(@TempDir Path dir) throws Exception {
    Path f = Files.writeString(dir.resolve(PluginTrust.FILE), A + "  good.jar\n");
    Files.setPosixFilePermissions(f, PosixFilePermissions.fromString("rw-rw-r--"));
    PluginTrust.Parsed p = PluginTrust.read(dir);
    assertThat(p.entries()).isEmpty();
    assertThat(p.problems()).singleElement().satisfies(m -> assertThat(m).contains("chmod 600"));

    Files.setPosixFilePermissions(f, PosixFilePermissions.fromString("rw-------"));
    assertThat(PluginTrust.read(dir).hashes()).containsExactly(A);
    Files.write(f, new byte[] {(byte) 0xff, (byte) 0xfe, 'a'});
    assertThat(PluginTrust.read(dir).problems())
        .singleElement()
        .satisfies(m -> assertThat(m).contains("not UTF-8"));
  }

  @Test
  void trustingWritesAListOnlyTheUserCanChange(@TempDir Path dir) throws Exception {
    Path jar = Files.write(dir.resolve("p.jar"), new byte[] {1});
    PluginTrust.trust(dir, PluginJars.find(dir).get(0));
    assertThat(
            PosixFilePermissions.toString(
                Files.getPosixFilePermissions(dir.resolve("trusted.txt"))))
        .isEqualTo("rw-------");
    assertThat(PluginTrust.read(dir).entries())
        .containsExactly(new PluginTrust.Entry(PluginJars.sha256(jar), "p.jar"));
  }
}
