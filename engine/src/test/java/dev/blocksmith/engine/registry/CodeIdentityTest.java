package dev.blocksmith.engine.registry;

import static org.assertj.core.api.Assertions.assertThat;

import dev.blocksmith.engine.spi.NodeType;
import java.io.OutputStream;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CodeIdentityTest {
  @TempDir Path dir;

  @Test
  void aJarIsKnownByItsContentNotItsDate() throws Exception {
    Path a = jar("a.jar", "x/Block.class", "one", 1_000);
    Path same = jar("same.jar", "x/Block.class", "one", 9_000_000);
    Path other = jar("other.jar", "x/Block.class", "two", 1_000);
    assertThat(CodeIdentity.read(url(a))).isEqualTo(CodeIdentity.read(url(same)));
    assertThat(CodeIdentity.read(url(a))).isNotEqualTo(CodeIdentity.read(url(other)));
  }

  @Test
  void aClassFolderChangesWithAnyOfItsFiles() throws Exception {
    Path classes = Files.createDirectories(dir.resolve("classes/x"));
    Files.writeString(classes.resolve("Block.class"), "one");
    String before = CodeIdentity.read(url(dir.resolve("classes")));
    assertThat(CodeIdentity.read(url(dir.resolve("classes")))).isEqualTo(before);
    Files.writeString(classes.resolve("Helper.class"), "new");
    assertThat(CodeIdentity.read(url(dir.resolve("classes")))).isNotEqualTo(before);
  }

  @Test
  void unreadableCodeIsNeverTakenForOtherCode() throws Exception {
    URL missing = url(dir.resolve("gone.jar"));
    assertThat(CodeIdentity.read(missing)).isNotEqualTo(CodeIdentity.read(missing));
    java.net.URLStreamHandler none =
        new java.net.URLStreamHandler() {
          @Override
          protected java.net.URLConnection openConnection(URL u) {
            throw new UnsupportedOperationException();
          }
        };
    assertThat(CodeIdentity.read(new URL("blocksmith-plugin", "ab12", -1, "/", none)))
        .isEqualTo("plugin:ab12");
  }

  @Test
  void aBlockHasOneIdentityPerProcess() {
    NodeType t = new Probe();
    assertThat(CodeIdentity.of(t)).hasSize(64).isEqualTo(CodeIdentity.of(new Probe()));
  }

  private Path jar(String name, String entry, String content, long time) throws Exception {
    Path p = dir.resolve(name);
    try (OutputStream out = Files.newOutputStream(p);
        ZipOutputStream zip = new ZipOutputStream(out)) {
      ZipEntry e = new ZipEntry(entry);
      e.setLastModifiedTime(FileTime.fromMillis(time));
      zip.putNextEntry(e);
      zip.write(content.getBytes(StandardCharsets.UTF_8));
      zip.closeEntry();
    }
    return p;
  }

  private static URL url(Path p) throws Exception {
    return p.toUri().toURL();
  }

  /** A block whose code lives in this module's test classes. */
  private static final class Probe implements NodeType {
    @Override
    public dev.blocksmith.engine.spi.NodeSpec spec() {
      return null;
    }

    @Override
    public java.util.Map<String, Object> execute(
        dev.blocksmith.engine.spi.Inputs in,
        dev.blocksmith.engine.spi.Params p,
        dev.blocksmith.engine.spi.NodeContext c) {
      return java.util.Map.of();
    }
  }
}
