package dev.blocksmith.engine.store;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.FileTime;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.regex.Pattern;
import java.util.zip.CRC32;
import java.util.zip.CheckedOutputStream;

/**
 * Block outputs stored on disk by signature, so that a re-run in a new process (the CLI, the editor
 * after a restart) reuses them. Safe for several processes at once:
 *
 * <ul>
 *   <li>an entry is written to a temp file and renamed into place atomically, so a reader sees the
 *       old entry, the new one, or none, never half of one;
 *   <li>writes and evictions hold a lock file (and a JVM-wide lock), and make room <em>before</em>
 *       writing, so the folder never holds more than the bound (entries and temp files together);
 *   <li>every entry ends with a CRC-32 of all its bytes, records the length of each part and names
 *       its signature; a damaged, truncated or misplaced entry is ignored (and deleted), never
 *       decoded. (CRC-32 rather than SHA-256: zlib's native CRC reads 1.6 MB in 1 ms in a cold JVM
 *       where SHA-256 takes 80 ms, and the cache guards against damage, not attackers: it lives in
 *       the user's own folder.)
 * </ul>
 *
 * Eviction is least recently used by modification time (a hit touches its entry). Outputs with a
 * value that has no codec ({@link ValueCodecs}) are not stored. Entries live under a format folder
 * ({@code v1/}), so a future format never reads this one.
 */
public final class DiskCache {
  /** The default bound: 2 GB. */
  public static final long DEFAULT_MAX_BYTES = 2L * 1024 * 1024 * 1024;

  private static final byte[] MAGIC = {'B', 'S', 'C', 'A', 'C', 'H', 'E', 1};
  private static final int DIGEST = 8;
  private static final String SUFFIX = ".entry";
  private static final String TMP = ".tmp";
  private static final Pattern SIGNATURE = Pattern.compile("[0-9a-f]{16,128}");

  /** One writer at a time inside this JVM (file locks are per process, not per thread). */
  private static final Object JVM_LOCK = new Object();

  private final Path root;
  private final long maxBytes;

  /**
   * Opens (without touching the disk yet) a cache in {@code folder}.
   *
   * @param folder the cache folder; entries go to {@code folder/v1}
   * @param maxBytes most bytes the entries may take together
   */
  public DiskCache(Path folder, long maxBytes) {
    this.root = folder.toAbsolutePath().resolve("v1");
    this.maxBytes = maxBytes;
  }

  /** Returns the folder that holds the entries. */
  public Path folder() {
    return root;
  }

  /** Returns the bound, in bytes. */
  public long maxBytes() {
    return maxBytes;
  }

  /**
   * Parses a size such as {@code 2g}, {@code 500m}, {@code 64k} or {@code 1048576}.
   *
   * @throws IllegalArgumentException when it is not a size
   */
  public static long parseSize(String text) {
    String t = text.trim().toLowerCase(java.util.Locale.ROOT);
    long unit = 1;
    if (t.endsWith("b")) {
      t = t.substring(0, t.length() - 1);
    }
    if (!t.isEmpty() && "kmgt".indexOf(t.charAt(t.length() - 1)) >= 0) {
      unit = 1L << (10 * ("kmgt".indexOf(t.charAt(t.length() - 1)) + 1));
      t = t.substring(0, t.length() - 1);
    }
    try {
      long n = Long.parseLong(t.trim());
      if (n < 0 || n > Long.MAX_VALUE / unit) {
        throw new IllegalArgumentException("'" + text + "' is not a size (such as 2g or 500m)");
      }
      return n * unit;
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException("'" + text + "' is not a size (such as 2g or 500m)", e);
    }
  }

  /** Returns whether an entry for the signature is on disk (it may still turn out damaged). */
  public boolean contains(String signature) {
    return SIGNATURE.matcher(signature).matches() && Files.isRegularFile(file(signature));
  }

  /**
   * Returns the outputs stored under a signature, or empty when there is none, it is damaged, or it
   * cannot be read.
   */
  public Optional<Map<String, Object>> get(String signature) {
    if (!contains(signature)) {
      return Optional.empty();
    }
    Path f = file(signature);
    byte[] bytes;
    try {
      if (Files.size(f) > maxBytes) {
        return Optional.empty();
      }
      bytes = Files.readAllBytes(f);
    } catch (IOException e) {
      return Optional.empty();
    }
    try {
      Map<String, Object> out = decode(signature, bytes);
      touch(f);
      return Optional.of(out);
    } catch (IOException | RuntimeException e) {
      deleteQuietly(f);
      return Optional.empty();
    }
  }

  /**
   * Stores outputs under a signature, evicting the least recently used entries to make room.
   * Returns false (and stores nothing) when a value has no codec, the entry alone is larger than
   * the bound, or the disk refused it.
   */
  public boolean put(String signature, Map<String, Object> outputs) {
    if (!SIGNATURE.matcher(signature).matches() || maxBytes <= 0) {
      return false;
    }
    List<byte[]> parts = new ArrayList<>();
    long size;
    try {
      size = encode(signature, outputs, parts);
    } catch (IOException | RuntimeException | OutOfMemoryError e) {
      return false;
    }
    if (size < 0 || size > maxBytes) {
      return false;
    }
    try {
      synchronized (JVM_LOCK) {
        Files.createDirectories(root);
        try (FileChannel ch =
            FileChannel.open(
                root.resolve(".lock"), StandardOpenOption.CREATE, StandardOpenOption.WRITE)) {
          FileLock lock = ch.lock();
          try {
            makeRoom(size, file(signature));
            write(signature, parts);
          } finally {
            lock.release();
          }
        }
      }
      return true;
    } catch (IOException | RuntimeException e) {
      return false;
    }
  }

  /** Returns the number of entries and the bytes they take. */
  public Stats stats() {
    long bytes = 0;
    int n = 0;
    for (Path p : entries()) {
      try {
        bytes += Files.size(p);
        n++;
      } catch (IOException e) {
        // evicted meanwhile
      }
    }
    return new Stats(n, bytes);
  }

  /** The number of entries and their bytes. */
  public record Stats(int entries, long bytes) {}

  /** Deletes every entry; returns how many bytes were freed. */
  public long clear() throws IOException {
    synchronized (JVM_LOCK) {
      if (!Files.isDirectory(root)) {
        return 0;
      }
      try (FileChannel ch =
          FileChannel.open(
              root.resolve(".lock"), StandardOpenOption.CREATE, StandardOpenOption.WRITE)) {
        FileLock lock = ch.lock();
        try {
          long freed = 0;
          for (Path p : allFiles()) {
            try {
              freed += Files.size(p);
              Files.deleteIfExists(p);
            } catch (NoSuchFileException e) {
              // gone already
            }
          }
          return freed;
        } finally {
          lock.release();
        }
      }
    }
  }

  private Path file(String signature) {
    return root.resolve(signature.substring(0, 2)).resolve(signature + SUFFIX);
  }

  /** Deletes orphan temp files and the oldest entries until {@code size} more bytes fit. */
  private void makeRoom(long size, Path replacing) throws IOException {
    record Entry(Path path, long size, FileTime time) {}
    List<Entry> all = new ArrayList<>();
    long total = 0;
    for (Path p : allFiles()) {
      if (p.getFileName().toString().endsWith(TMP)) {
        deleteQuietly(p); // we hold the lock, so no writer owns it: left by a killed process
        continue;
      }
      try {
        if (p.equals(replacing)) {
          deleteQuietly(p); // about to be replaced; readers holding it open keep their copy
          continue;
        }
        Entry e = new Entry(p, Files.size(p), Files.getLastModifiedTime(p));
        all.add(e);
        total += e.size();
      } catch (NoSuchFileException e) {
        // deleted meanwhile (a reader found it damaged)
      }
    }
    all.sort(Comparator.comparing(Entry::time));
    for (Entry e : all) {
      if (total + size <= maxBytes) {
        break;
      }
      deleteQuietly(e.path());
      total -= e.size();
    }
  }

  private List<Path> entries() {
    return allFiles().stream().filter(p -> p.getFileName().toString().endsWith(SUFFIX)).toList();
  }

  private List<Path> allFiles() {
    List<Path> out = new ArrayList<>();
    if (!Files.isDirectory(root)) {
      return out;
    }
    try (DirectoryStream<Path> dirs = Files.newDirectoryStream(root, Files::isDirectory)) {
      for (Path d : dirs) {
        try (DirectoryStream<Path> files = Files.newDirectoryStream(d)) {
          for (Path f : files) {
            String n = f.getFileName().toString();
            if (n.endsWith(SUFFIX) || n.endsWith(TMP)) {
              out.add(f);
            }
          }
        } catch (IOException e) {
          // a folder that vanished or cannot be read holds nothing we can use
        }
      }
    } catch (IOException e) {
      return out;
    }
    return out;
  }

  /** Encodes the outputs; returns the entry's size in bytes, or -1 when a value has no codec. */
  private static long encode(String signature, Map<String, Object> outputs, List<byte[]> parts)
      throws IOException {
    Bytes.Out head = new Bytes.Out();
    head.writeString(signature);
    head.writeInt(outputs.size());
    List<byte[]> payloads = new ArrayList<>();
    for (Map.Entry<String, Object> e : outputs.entrySet()) {
      Optional<ValueCodecs.Encoded> enc = ValueCodecs.encode(e.getValue());
      if (enc.isEmpty()) {
        return -1;
      }
      head.writeString(e.getKey());
      head.writeString(enc.get().codec());
      head.writeLong(enc.get().bytes().length);
      payloads.add(enc.get().bytes());
    }
    byte[] h = head.toByteArray();
    parts.add(h);
    parts.addAll(payloads);
    long size = MAGIC.length + 4L + DIGEST;
    for (byte[] p : parts) {
      size += p.length;
    }
    return size;
  }

  private void write(String signature, List<byte[]> parts) throws IOException {
    Path target = file(signature);
    Files.createDirectories(target.getParent());
    Path tmp = target.resolveSibling(signature + "-" + UUID.randomUUID() + TMP);
    try {
      CRC32 crc = new CRC32();
      try (OutputStream raw = Files.newOutputStream(tmp, StandardOpenOption.CREATE_NEW);
          CheckedOutputStream out = new CheckedOutputStream(raw, crc)) {
        out.write(MAGIC);
        byte[] h = parts.get(0);
        out.write(ByteBuffer.allocate(4).putInt(h.length).array());
        for (byte[] p : parts) {
          out.write(p);
        }
        raw.write(ByteBuffer.allocate(DIGEST).putLong(crc.getValue()).array());
      }
      try {
        Files.move(
            tmp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
      } catch (AtomicMoveNotSupportedException e) {
        Files.move(tmp, target, StandardCopyOption.REPLACE_EXISTING);
      }
    } finally {
      deleteQuietly(tmp);
    }
  }

  private static Map<String, Object> decode(String signature, byte[] bytes) throws IOException {
    if (bytes.length < MAGIC.length + 4 + DIGEST
        || !Arrays.equals(bytes, 0, MAGIC.length, MAGIC, 0, MAGIC.length)) {
      throw new IOException("not a cache entry");
    }
    CRC32 crc = new CRC32();
    crc.update(bytes, 0, bytes.length - DIGEST);
    if (crc.getValue() != ByteBuffer.wrap(bytes, bytes.length - DIGEST, DIGEST).getLong()) {
      throw new IOException("checksum mismatch");
    }
    int pos = MAGIC.length;
    int headLen =
        ((bytes[pos] & 0xFF) << 24)
            | ((bytes[pos + 1] & 0xFF) << 16)
            | ((bytes[pos + 2] & 0xFF) << 8)
            | (bytes[pos + 3] & 0xFF);
    pos += 4;
    if (headLen < 0 || headLen > bytes.length - pos - DIGEST) {
      throw new IOException("bad header");
    }
    Bytes.In head = new Bytes.In(Arrays.copyOfRange(bytes, pos, pos + headLen));
    pos += headLen;
    if (!signature.equals(head.readString())) {
      throw new IOException("entry of another signature");
    }
    int n = head.readCount(1);
    Map<String, Object> out = new LinkedHashMap<>();
    for (int i = 0; i < n; i++) {
      String port = head.readString();
      String codec = head.readString();
      long len = head.readLong();
      if (port == null || codec == null || len < 0 || len > bytes.length - DIGEST - pos) {
        throw new IOException("bad part " + port);
      }
      out.put(port, ValueCodecs.decode(codec, Arrays.copyOfRange(bytes, pos, pos + (int) len)));
      pos += (int) len;
    }
    if (pos != bytes.length - DIGEST || !head.atEnd()) {
      throw new IOException("entry length does not add up");
    }
    return out;
  }

  private static void touch(Path f) {
    try {
      Files.setLastModifiedTime(f, FileTime.fromMillis(System.currentTimeMillis()));
    } catch (IOException e) {
      // read-only cache or evicted meanwhile: the age only matters for eviction
    }
  }

  private static void deleteQuietly(Path p) {
    try {
      Files.deleteIfExists(p);
    } catch (IOException e) {
      // nothing more to do; a later eviction tries again
    }
  }
}
