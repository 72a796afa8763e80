package dev.blocksmith.engine.embed;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Arrays;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

/**
 * Vectors of texts already embedded, kept in one append-only file per model so that a re-run (or
 * another graph with the same sentences) costs nothing. A record is the SHA-256 of {@code model id
 * + NUL + text} followed by the vector as little-endian floats; only the file offsets stay in
 * memory. A truncated last record (a crash while writing) is ignored; a file with a foreign header
 * is set aside as {@code .bad} and a fresh one started. Several processes may append (a file lock
 * guards each write); a vector another process wrote after this one opened the file is simply
 * computed again. Thread-safe.
 */
public final class EmbeddingCache implements AutoCloseable {
  private static final byte[] MAGIC = "BSEMB001".getBytes(StandardCharsets.US_ASCII);
  private static final int KEY = 32;

  private final String modelId;
  private final int dimensions;
  private final int recordSize;
  private final Map<Key, Long> offsets = new HashMap<>();
  private final Map<Key, float[]> memory = new HashMap<>();
  private final FileChannel channel;
  private final Path file;

  private EmbeddingCache(String modelId, int dimensions, Path file, FileChannel channel) {
    this.modelId = modelId;
    this.dimensions = dimensions;
    this.recordSize = KEY + 4 * dimensions;
    this.file = file;
    this.channel = channel;
  }

  /** Returns a cache that lives in memory only (when no folder is writable). */
  public static EmbeddingCache inMemory(String modelId, int dimensions) {
    return new EmbeddingCache(modelId, dimensions, null, null);
  }

  /**
   * Opens (or creates) the cache file of a model in a folder.
   *
   * @throws IOException when the folder cannot be created or the file cannot be opened
   */
  public static EmbeddingCache open(Path folder, String modelId, int dimensions)
      throws IOException {
    Files.createDirectories(folder);
    Path file = folder.resolve(safeName(modelId) + ".bin");
    FileChannel ch = openChecked(file, dimensions);
    EmbeddingCache cache = new EmbeddingCache(modelId, dimensions, file, ch);
    cache.index();
    return cache;
  }

  /** Returns the default folder: {@code -Dblocksmith.cache}, else the user's cache folder. */
  public static Path defaultFolder() {
    String own = System.getProperty("blocksmith.cache");
    if (own != null && !own.isBlank()) {
      return Path.of(own).resolve("embeddings");
    }
    String xdg = System.getenv("XDG_CACHE_HOME");
    Path base =
        xdg != null && !xdg.isBlank()
            ? Path.of(xdg)
            : Path.of(System.getProperty("user.home"), ".cache");
    return base.resolve("blocksmith").resolve("embeddings");
  }

  /** Returns the file backing this cache, if any. */
  public Optional<Path> file() {
    return Optional.ofNullable(file);
  }

  /** Returns how many vectors the cache holds. */
  public synchronized int size() {
    return offsets.size();
  }

  /** Returns the stored vector of a text, if any. */
  public synchronized Optional<float[]> get(String text) {
    Key k = key(text);
    Long at = offsets.get(k);
    if (at == null) {
      return Optional.empty();
    }
    if (channel == null) {
      return Optional.of(memory.get(k).clone());
    }
    try {
      ByteBuffer buf = ByteBuffer.allocate(4 * dimensions).order(ByteOrder.LITTLE_ENDIAN);
      while (buf.hasRemaining()) {
        if (channel.read(buf, at + KEY + buf.position()) < 0) {
          return Optional.empty();
        }
      }
      buf.flip();
      float[] v = new float[dimensions];
      buf.asFloatBuffer().get(v);
      return Optional.of(v);
    } catch (IOException e) {
      return Optional.empty();
    }
  }

  /** Stores vectors of texts (the same length as the model's vectors). */
  public synchronized void putAll(Map<String, float[]> vectors) {
    if (vectors.isEmpty()) {
      return;
    }
    if (channel == null) {
      vectors.forEach(
          (t, v) -> {
            memory.put(key(t), v.clone());
            offsets.put(key(t), 0L);
          });
      return;
    }
    ByteBuffer buf =
        ByteBuffer.allocate(recordSize * vectors.size()).order(ByteOrder.LITTLE_ENDIAN);
    Map<Key, Integer> order = new HashMap<>();
    int i = 0;
    for (Map.Entry<String, float[]> e : vectors.entrySet()) {
      if (e.getValue().length != dimensions) {
        throw new IllegalArgumentException("vector of " + e.getValue().length + " values");
      }
      Key k = key(e.getKey());
      buf.put(k.bytes);
      for (float f : e.getValue()) {
        buf.putFloat(f);
      }
      order.put(k, i++);
    }
    buf.flip();
    try (FileLock lock = channel.lock()) {
      assert lock.isValid();
      long start = channel.size();
      long usable = start - (start - MAGIC.length - 4) % recordSize;
      if (usable != start) {
        channel.truncate(usable); // a torn record from a crash: overwrite it
        start = usable;
      }
      long pos = start;
      while (buf.hasRemaining()) {
        pos += channel.write(buf, pos);
      }
      for (Map.Entry<Key, Integer> e : order.entrySet()) {
        offsets.put(e.getKey(), start + (long) e.getValue() * recordSize);
      }
    } catch (IOException e) {
      // A full disk only costs recomputation later; the vectors are still returned to the caller.
    }
  }

  @Override
  public synchronized void close() throws IOException {
    if (channel != null) {
      channel.close();
    }
  }

  private void index() throws IOException {
    long size = channel.size();
    long records = (size - MAGIC.length - 4) / recordSize;
    ByteBuffer buf = ByteBuffer.allocate(KEY);
    for (long r = 0; r < records; r++) {
      long at = MAGIC.length + 4 + r * recordSize;
      buf.clear();
      while (buf.hasRemaining()) {
        if (channel.read(buf, at + buf.position()) < 0) {
          return;
        }
      }
      offsets.put(new Key(buf.array().clone()), at);
    }
  }

  private static FileChannel openChecked(Path file, int dimensions) throws IOException {
    FileChannel ch =
        FileChannel.open(
            file, StandardOpenOption.CREATE, StandardOpenOption.READ, StandardOpenOption.WRITE);
    try (FileLock lock = ch.lock()) {
      assert lock.isValid();
      ByteBuffer head = ByteBuffer.allocate(MAGIC.length + 4).order(ByteOrder.LITTLE_ENDIAN);
      if (ch.size() == 0) {
        head.put(MAGIC).putInt(dimensions).flip();
        ch.write(head, 0);
        return ch;
      }
      ch.read(head, 0);
      head.flip();
      byte[] magic = new byte[MAGIC.length];
      boolean ok = head.remaining() == MAGIC.length + 4;
      if (ok) {
        head.get(magic);
        ok = Arrays.equals(magic, MAGIC) && head.getInt() == dimensions;
      }
      if (ok) {
        return ch;
      }
    }
    ch.close();
    Files.move(
        file,
        file.resolveSibling(file.getFileName() + ".bad"),
        java.nio.file.StandardCopyOption.REPLACE_EXISTING);
    return openChecked(file, dimensions);
  }

  private Key key(String text) {
    try {
      MessageDigest md = MessageDigest.getInstance("SHA-256");
      md.update(modelId.getBytes(StandardCharsets.UTF_8));
      md.update((byte) 0);
      md.update(text.getBytes(StandardCharsets.UTF_8));
      return new Key(md.digest());
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

  private static String safeName(String id) {
    return id.replaceAll("[^A-Za-z0-9._-]", "_");
  }

  private record Key(byte[] bytes) {
    @Override
    public boolean equals(Object o) {
      return o instanceof Key k && Arrays.equals(k.bytes, bytes);
    }

    @Override
    public int hashCode() {
      return Arrays.hashCode(bytes);
    }
  }
}
