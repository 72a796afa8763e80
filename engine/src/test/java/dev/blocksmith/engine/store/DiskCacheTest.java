package dev.blocksmith.engine.store;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.FileTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DiskCacheTest {
  private static final String KEY = DiskCacheHammer.key(0);

  /** Bytes of every file in the cache folder (entries and temp files alike). */
  static long folderBytes(Path dir) throws IOException {
    if (!Files.isDirectory(dir)) {
      return 0;
    }
    try (Stream<Path> s = Files.walk(dir)) {
      return s.filter(Files::isRegularFile)
          .filter(p -> !p.getFileName().toString().equals(".lock"))
          .mapToLong(p -> p.toFile().length())
          .sum();
    }
  }

  static List<Path> files(Path dir, String suffix) throws IOException {
    try (Stream<Path> s = Files.walk(dir)) {
      return s.filter(p -> p.getFileName().toString().endsWith(suffix)).toList();
    }
  }

  @Test
  void storedOutputsComeBackInANewInstance(@TempDir Path dir) {
    new DiskCache(dir, 1 << 20).put(KEY, DiskCacheHammer.value(0, 100));
    DiskCache other = new DiskCache(dir, 1 << 20);
    assertThat(other.contains(KEY)).isTrue();
    assertThat(DiskCacheHammer.correct(0, other.get(KEY).orElseThrow())).isTrue();
    assertThat(other.get(DiskCacheHammer.key(5))).isEmpty();
    assertThat(other.stats().entries()).isEqualTo(1);
  }

  @Test
  void neverExceedsItsBoundAndEvictsTheLeastRecentlyUsed(@TempDir Path dir) throws Exception {
    long bound = 200_000;
    DiskCache cache = new DiskCache(dir, bound);
    Random rnd = new Random(1);
    for (int i = 0; i < 200; i++) {
      int key = rnd.nextInt(30);
      cache.put(DiskCacheHammer.key(key), DiskCacheHammer.value(key, 1 + rnd.nextInt(6_000)));
      assertThat(folderBytes(cache.folder())).isLessThanOrEqualTo(bound);
      assertThat(cache.stats().bytes()).isLessThanOrEqualTo(bound);
    }
    // An entry larger than the whole bound is not stored (and evicts nothing).
    long before = cache.stats().bytes();
    assertThat(cache.put(DiskCacheHammer.key(99), DiskCacheHammer.value(99, 30_000))).isFalse();
    assertThat(cache.stats().bytes()).isEqualTo(before);

    cache.clear();
    String a = DiskCacheHammer.key(1);
    String b = DiskCacheHammer.key(2);
    String c = DiskCacheHammer.key(3);
    cache.put(a, DiskCacheHammer.value(1, 8_000)); // ~64 KB each: three fit, four do not
    cache.put(b, DiskCacheHammer.value(2, 8_000));
    cache.put(c, DiskCacheHammer.value(3, 8_000));
    age(dir, a, 3_000);
    age(dir, b, 2_000);
    age(dir, c, 1_000);
    assertThat(cache.get(a)).isPresent(); // a is now the most recently used
    cache.put(DiskCacheHammer.key(4), DiskCacheHammer.value(4, 8_000));
    assertThat(cache.contains(a)).isTrue();
    assertThat(cache.contains(b)).isFalse(); // the least recently used went first
    assertThat(cache.contains(c)).isTrue();
  }

  private static void age(Path dir, String key, long millisAgo) throws IOException {
    for (Path p : files(dir, key + ".entry")) {
      Files.setLastModifiedTime(p, FileTime.fromMillis(System.currentTimeMillis() - millisAgo));
    }
  }

  @Test
  void aCorruptedOrTruncatedEntryIsIgnoredNeverMisread(@TempDir Path dir) throws Exception {
    DiskCache cache = new DiskCache(dir, 1 << 20);
    int[] offsets = {0, 9, 40, 200, 5_000, -1};
    for (int off : offsets) {
      cache.put(KEY, DiskCacheHammer.value(0, 1_000));
      Path entry = files(dir, ".entry").get(0);
      try (RandomAccessFile f = new RandomAccessFile(entry.toFile(), "rw")) {
        long at = off < 0 ? f.length() - 1 : off;
        f.seek(at);
        int b = f.read();
        f.seek(at);
        f.write(b ^ 0x10); // one flipped bit
      }
      assertThat(cache.get(KEY)).as("flipped bit at %d", off).isEmpty();
      assertThat(Files.exists(entry)).isFalse(); // deleted, so it is not read again
    }
    cache.put(KEY, DiskCacheHammer.value(0, 1_000));
    Path entry = files(dir, ".entry").get(0);
    try (FileChannel ch = FileChannel.open(entry, StandardOpenOption.WRITE)) {
      ch.truncate(ch.size() / 2);
    }
    assertThat(cache.get(KEY)).isEmpty();
    Files.createDirectories(entry.getParent());
    Files.write(entry, new byte[0]);
    assertThat(cache.get(KEY)).isEmpty();
    // An intact entry copied under another signature's name is refused too.
    String other = DiskCacheHammer.key(1);
    cache.put(KEY, DiskCacheHammer.value(0, 10));
    Path moved = cache.folder().resolve(other.substring(0, 2)).resolve(other + ".entry");
    Files.createDirectories(moved.getParent());
    Files.copy(files(dir, KEY + ".entry").get(0), moved);
    assertThat(cache.get(other)).isEmpty();
    assertThat(cache.get(KEY)).isPresent();
  }

  @Test
  void outputsWithAValueWithoutCodecAreNotStored(@TempDir Path dir) {
    DiskCache cache = new DiskCache(dir, 1 << 20);
    assertThat(
            cache.put(KEY, Map.of("a", DiskCacheHammer.value(0, 3).get("data"), "b", new Object())))
        .isFalse();
    assertThat(cache.contains(KEY)).isFalse();
    assertThat(cache.put("../../etc/passwd", Map.of())).isFalse();
  }

  @Test
  void twoProcessesWritingTheSameKeysNeverTearOrOverfillIt(@TempDir Path dir) throws Exception {
    long bound = 300_000;
    List<Process> procs = new ArrayList<>();
    for (int seed = 1; seed <= 2; seed++) {
      procs.add(
          new ProcessBuilder(
                  Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                  "-Xmx256m",
                  "-cp",
                  System.getProperty("java.class.path"),
                  DiskCacheHammer.class.getName(),
                  dir.toString(),
                  Long.toString(bound),
                  "150",
                  Integer.toString(seed))
              .redirectErrorStream(true)
              .start());
    }
    DiskCache reader = new DiskCache(dir, bound);
    Path lockFile = reader.folder().resolve(".lock");
    int reads = 0;
    while (procs.stream().anyMatch(Process::isAlive)) {
      int key = reads++ % 8;
      reader
          .get(DiskCacheHammer.key(key))
          .ifPresent(v -> assertThat(DiskCacheHammer.correct(key, v)).isTrue());
      Thread.sleep(5);
      if (Files.exists(lockFile)) {
        try (FileChannel ch = FileChannel.open(lockFile, StandardOpenOption.WRITE)) {
          FileLock lock = ch.lock();
          try {
            assertThat(folderBytes(reader.folder())).isLessThanOrEqualTo(bound);
          } finally {
            lock.release();
          }
        }
      }
    }
    for (Process p : procs) {
      assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();
      assertThat(p.exitValue()).as(new String(p.getInputStream().readAllBytes())).isZero();
    }
    assertThat(folderBytes(reader.folder())).isLessThanOrEqualTo(bound);
    assertThat(files(dir, ".tmp")).isEmpty();
    int found = 0;
    for (int k = 0; k < 8; k++) {
      var v = reader.get(DiskCacheHammer.key(k));
      if (v.isPresent()) {
        found++;
        assertThat(DiskCacheHammer.correct(k, v.get())).isTrue();
      }
    }
    assertThat(found).isPositive();
    assertThat(reads).isGreaterThan(10);
  }

  @Test
  void sizesParseWithUnits() {
    assertThat(DiskCache.parseSize("2g")).isEqualTo(2L << 30);
    assertThat(DiskCache.parseSize("500M")).isEqualTo(500L << 20);
    assertThat(DiskCache.parseSize("64kb")).isEqualTo(64L << 10);
    assertThat(DiskCache.parseSize("0")).isZero();
    org.assertj.core.api.Assertions.assertThatThrownBy(() -> DiskCache.parseSize("lots"))
        .isInstanceOf(IllegalArgumentException.class);
    org.assertj.core.api.Assertions.assertThatThrownBy(() -> DiskCache.parseSize("-1"))
        .isInstanceOf(IllegalArgumentException.class);
  }
}
