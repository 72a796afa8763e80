package dev.blocksmith.engine.bundle;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import java.util.zip.CRC32;
import java.util.zip.Deflater;
import java.util.zip.ZipEntry;
import org.apache.commons.compress.archivers.zip.UnixStat;
import org.apache.commons.compress.archivers.zip.Zip64Mode;
import org.apache.commons.compress.archivers.zip.ZipArchiveEntry;
import org.apache.commons.compress.archivers.zip.ZipArchiveOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Hostile bundles are refused with a message naming the problem, and nothing is written: not
 * outside the import folder, and no half-extracted folder is left inside it either.
 */
class BundleImportTest {
  private static final String MANIFEST =
      "{\"format\":\"blocksmith-bundle\",\"version\":1,\"graph\":\"g.json\"}";
  private static final long TEN_GB = 10L << 30;

  @TempDir Path tmp;

  /** Writes a zip whose entries are added by {@code body} after a valid manifest and graph. */
  private Path zip(String name, ZipBody body) throws Exception {
    Path file = tmp.resolve("in").resolve(name + ".blocksmith");
    Files.createDirectories(file.getParent());
    try (ZipArchiveOutputStream z = new ZipArchiveOutputStream(file)) {
      z.setUseZip64(Zip64Mode.AsNeeded);
      text(z, "bundle.json", MANIFEST);
      text(z, "g.json", "{}");
      body.add(z);
    }
    return file;
  }

  private interface ZipBody {
    void add(ZipArchiveOutputStream z) throws Exception;
  }

  private static void text(ZipArchiveOutputStream z, String name, String body) throws IOException {
    z.putArchiveEntry(new ZipArchiveEntry(name));
    z.write(body.getBytes(StandardCharsets.UTF_8));
    z.closeArchiveEntry();
  }

  /** Opens the bundle into an empty folder; asserts the refusal and that nothing was written. */
  private void assertRefused(Path bundle, BundleImport.Limits limits, String... words)
      throws Exception {
    Path into = Files.createDirectories(tmp.resolve("out-" + bundle.getFileName()));
    assertThatThrownBy(() -> BundleImport.open(bundle, into, limits))
        .isInstanceOf(BundleRefusedException.class)
        .hasMessageContaining("did not open the bundle")
        .hasMessageContaining("Nothing was extracted")
        .hasMessageContainingAll(words);
    try (Stream<Path> s = Files.walk(tmp)) {
      List<String> all = s.map(p -> tmp.relativize(p).toString()).toList();
      assertThat(all)
          .as("files after refusing " + bundle.getFileName())
          .allMatch(p -> p.isEmpty() || p.startsWith("in") || p.startsWith("out-"));
    }
    try (Stream<Path> s = Files.list(into)) {
      assertThat(s).as("nothing left in the import folder").isEmpty();
    }
  }

  @Test
  void aPlainBundleOpensIntoItsOwnFolderAndReopensThere() throws Exception {
    Path bundle = zip("ok", z -> text(z, "data/a.csv", "x,y\n1,2\n"));
    Path into = Files.createDirectories(tmp.resolve("home"));
    BundleImport.Opened o = BundleImport.open(bundle, into, BundleImport.Limits.DEFAULTS);
    assertThat(o.folder()).isEqualTo(into.resolve("ok"));
    assertThat(Files.readString(o.folder().resolve("data/a.csv"))).isEqualTo("x,y\n1,2\n");
    assertThat(o.graph()).isEqualTo(into.resolve("ok/g.json"));
    assertThat(BundleImport.open(bundle, into, BundleImport.Limits.DEFAULTS).reused()).isTrue();
    Files.writeString(into.resolve("other"), "x");
    Path second = zip("ok", z -> text(z, "data/a.csv", "changed"));
    assertThat(BundleImport.open(second, into, BundleImport.Limits.DEFAULTS).folder())
        .isEqualTo(into.resolve("ok-2"));
  }

  @Test
  void refusesEntriesThatClimbOutOfTheFolder() throws Exception {
    assertRefused(
        zip("slip", z -> text(z, "../evil.txt", "x")),
        BundleImport.Limits.DEFAULTS,
        "../evil.txt",
        "goes up a folder");
    assertRefused(
        zip("slip2", z -> text(z, "data/../../evil.txt", "x")),
        BundleImport.Limits.DEFAULTS,
        "goes up a folder");
    // The zip reader takes a backslash as a folder separator, so this is climbing too.
    assertRefused(
        zip("back", z -> text(z, "..\\evil.txt", "x")),
        BundleImport.Limits.DEFAULTS,
        "goes up a folder");
  }

  @Test
  void refusesAbsolutePaths() throws Exception {
    Path target = tmp.resolve("evil.txt").toAbsolutePath();
    assertRefused(
        zip("abs", z -> text(z, target.toString(), "x")),
        BundleImport.Limits.DEFAULTS,
        "absolute path");
    assertRefused(
        zip("drive", z -> text(z, "C:/Windows/evil.txt", "x")),
        BundleImport.Limits.DEFAULTS,
        "absolute path");
    assertThat(target).doesNotExist();
  }

  @Test
  void refusesSymbolicLinks() throws Exception {
    assertRefused(
        zip(
            "link",
            z -> {
              ZipArchiveEntry e = new ZipArchiveEntry("data/passwords");
              e.setUnixMode(UnixStat.LINK_FLAG | 0777);
              z.putArchiveEntry(e);
              z.write("/etc/passwd".getBytes(StandardCharsets.UTF_8));
              z.closeArchiveEntry();
            }),
        BundleImport.Limits.DEFAULTS,
        "symbolic link");
  }

  @Test
  void refusesATenGigabyteEntryByItsHeader() throws Exception {
    byte[] small = deflateZeros(1024, true);
    assertRefused(
        zip(
            "huge",
            z -> {
              ZipArchiveEntry e = new ZipArchiveEntry("data/huge.csv");
              e.setMethod(ZipEntry.DEFLATED);
              e.setSize(TEN_GB);
              e.setCompressedSize(small.length);
              e.setCrc(0);
              z.addRawArchiveEntry(e, new java.io.ByteArrayInputStream(small));
            }),
        BundleImport.Limits.DEFAULTS,
        "data/huge.csv",
        "10,737,418,240 bytes");
  }

  @Test
  void stopsATenGigabyteStreamWhoseHeaderLies() throws Exception {
    // 10 GB of zeros as ~10 MB of deflate data (one flushed 1 MB segment repeated), declared as
    // 1 KB. Small limits keep the test's disk use small; the count is of bytes really inflated.
    byte[] segment = deflateZeros(1 << 20, false);
    long repeats = TEN_GB >> 20;
    Path bundle =
        zip(
            "bomb",
            z -> {
              ZipArchiveEntry e = new ZipArchiveEntry("data/bomb.csv");
              e.setMethod(ZipEntry.DEFLATED);
              e.setSize(1024);
              e.setCompressedSize(segment.length * repeats + 2);
              e.setCrc(new CRC32().getValue());
              z.addRawArchiveEntry(e, new Repeat(segment, repeats));
            });
    assertThat(Files.size(bundle)).isLessThan(64L << 20);
    assertRefused(
        bundle,
        new BundleImport.Limits(1L << 30, 10_000, 8L << 20, 64L << 20),
        "data/bomb.csv",
        "inflates to more than 8,388,608 bytes",
        "zip bomb");
  }

  @Test
  void refusesAHundredThousandEntries() throws Exception {
    Path bundle = tmp.resolve("in/many.blocksmith");
    Files.createDirectories(bundle.getParent());
    try (var z =
        new java.util.zip.ZipOutputStream(
            new java.io.BufferedOutputStream(Files.newOutputStream(bundle), 1 << 16))) {
      z.putNextEntry(new ZipEntry("bundle.json"));
      z.write(MANIFEST.getBytes(StandardCharsets.UTF_8));
      z.putNextEntry(new ZipEntry("g.json"));
      for (int i = 0; i < 100_000; i++) {
        z.putNextEntry(new ZipEntry("d/" + i));
      }
    }
    assertRefused(bundle, BundleImport.Limits.DEFAULTS, "more than 10,000 entries", "100,002");
  }

  @Test
  void refusesFilesThatAreNotBundles() throws Exception {
    Path notZip = tmp.resolve("in/junk.blocksmith");
    Files.createDirectories(notZip.getParent());
    Files.writeString(notZip, "hello");
    assertRefused(notZip, BundleImport.Limits.DEFAULTS, "zip");
    Path noManifest = tmp.resolve("in/plain.blocksmith");
    try (ZipArchiveOutputStream z = new ZipArchiveOutputStream(noManifest)) {
      text(z, "g.json", "{}");
    }
    assertRefused(noManifest, BundleImport.Limits.DEFAULTS, "no bundle.json");
  }

  @Test
  void entryNameRules() {
    assertThat(BundleImport.nameProblem("data/house-prices.csv")).isNull();
    assertThat(BundleImport.nameProblem("a/./b")).isNotNull();
    assertThat(BundleImport.nameProblem("a//b")).isNotNull();
    assertThat(BundleImport.nameProblem("a\u0000b")).isNotNull();
    assertThat(BundleImport.nameProblem("dir/")).isNull();
  }

  /** Deflates n zeros as a finished stream, or as one fully flushed (repeatable) segment. */
  private static byte[] deflateZeros(int n, boolean finish) {
    Deflater d = new Deflater(Deflater.BEST_COMPRESSION, true);
    d.setInput(new byte[n]);
    if (finish) {
      d.finish();
    }
    byte[] buf = new byte[n + 1024];
    int len = d.deflate(buf, 0, buf.length, finish ? Deflater.NO_FLUSH : Deflater.FULL_FLUSH);
    d.end();
    return java.util.Arrays.copyOf(buf, len);
  }

  /** The same bytes {@code times} times, then an empty final deflate block. */
  private static final class Repeat extends InputStream {
    private final byte[] part;
    private final long times;
    private long done;
    private int at;
    private final byte[] end = {0x03, 0x00};
    private int endAt;

    Repeat(byte[] part, long times) {
      this.part = part;
      this.times = times;
    }

    @Override
    public int read() {
      byte[] one = new byte[1];
      return read(one, 0, 1) < 0 ? -1 : one[0] & 0xFF;
    }

    @Override
    public int read(byte[] b, int off, int len) {
      if (done < times) {
        int n = Math.min(len, part.length - at);
        System.arraycopy(part, at, b, off, n);
        at += n;
        if (at == part.length) {
          at = 0;
          done++;
        }
        return n;
      }
      if (endAt < end.length) {
        b[off] = end[endAt++];
        return 1;
      }
      return -1;
    }
  }
}
