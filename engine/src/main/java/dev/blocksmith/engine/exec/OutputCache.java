package dev.blocksmith.engine.exec;

import dev.blocksmith.engine.store.DiskCache;
import dev.blocksmith.engine.store.ValueCodecs;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * Node outputs by signature, so that a node whose signature did not change is not run again: in
 * memory up to a bound in bytes (estimated value sizes, least recently used forgotten first), and
 * optionally on disk ({@link DiskCache}), where they outlast the process. Thread-safe.
 */
public final class OutputCache {
  /** The default in-memory bound: a quarter of the heap, at most 1 GB. */
  public static final long DEFAULT_MEMORY_BYTES =
      Math.min(1L << 30, Runtime.getRuntime().maxMemory() / 4);

  private final long maxMemoryBytes;
  private final DiskCache disk;
  private final boolean readDisk;
  private final Map<String, Held> entries = new LinkedHashMap<>(16, 0.75f, true);
  private long memoryBytes;

  private record Held(Map<String, Object> outputs, long bytes) {}

  /** Creates a memory-only cache with the default bound. */
  public OutputCache() {
    this(DEFAULT_MEMORY_BYTES, null);
  }

  /**
   * Creates a cache.
   *
   * @param maxMemoryBytes most (estimated) bytes kept in memory
   * @param disk where outputs are also stored, or null for memory only
   */
  public OutputCache(long maxMemoryBytes, DiskCache disk) {
    this(maxMemoryBytes, disk, true);
  }

  /**
   * Creates a cache.
   *
   * @param maxMemoryBytes most (estimated) bytes kept in memory
   * @param disk where outputs are also stored, or null for memory only
   * @param readDisk false to store fresh outputs on disk without reusing what is there ({@code run
   *     --no-cache})
   */
  public OutputCache(long maxMemoryBytes, DiskCache disk, boolean readDisk) {
    this.maxMemoryBytes = maxMemoryBytes;
    this.disk = disk;
    this.readDisk = readDisk;
  }

  /** Returns the disk tier, if any. */
  public Optional<DiskCache> disk() {
    return Optional.ofNullable(disk);
  }

  /** Returns the outputs stored under a signature in memory or on disk, if any. */
  public Optional<Map<String, Object>> get(String signature) {
    Optional<Map<String, Object>> hit = memoryGet(signature);
    if (hit.isPresent() || disk == null || !readDisk) {
      return hit;
    }
    Optional<Map<String, Object>> fromDisk = disk.get(signature);
    fromDisk.ifPresent(o -> remember(signature, o));
    return fromDisk;
  }

  /** Returns the outputs held in memory under a signature (never reads the disk). */
  public synchronized Optional<Map<String, Object>> memoryGet(String signature) {
    Held h = entries.get(signature);
    return h == null ? Optional.empty() : Optional.of(h.outputs());
  }

  /** Returns whether outputs are stored under a signature, without touching their age. */
  public boolean contains(String signature) {
    synchronized (this) {
      if (entries.containsKey(signature)) {
        return true;
      }
    }
    return disk != null && readDisk && disk.contains(signature);
  }

  /** Stores the outputs of a node under its signature, in memory and on disk. */
  public void put(String signature, Map<String, Object> outputs) {
    put(signature, outputs, true);
  }

  /**
   * Stores the outputs of a node under its signature in memory and, when {@code persist} is true,
   * there is a disk tier and every value has a codec, on disk. The disk write happens on the
   * caller's thread.
   */
  public void put(String signature, Map<String, Object> outputs, boolean persist) {
    Map<String, Object> copy = Map.copyOf(outputs);
    remember(signature, copy);
    if (disk != null && persist) {
      disk.put(signature, copy);
    }
  }

  private synchronized void remember(String signature, Map<String, Object> outputs) {
    long bytes = 64;
    for (Object v : outputs.values()) {
      bytes += ValueCodecs.estimateBytes(v);
    }
    Held old = entries.remove(signature);
    if (old != null) {
      memoryBytes -= old.bytes();
    }
    if (bytes > maxMemoryBytes) {
      return;
    }
    entries.put(signature, new Held(outputs, bytes));
    memoryBytes += bytes;
    Iterator<Held> it = entries.values().iterator();
    while (memoryBytes > maxMemoryBytes && it.hasNext()) {
      memoryBytes -= it.next().bytes();
      it.remove();
    }
  }

  /** Returns the number of entries in memory. */
  public synchronized int size() {
    return entries.size();
  }

  /** Returns the estimated bytes held in memory. */
  public synchronized long memoryBytes() {
    return memoryBytes;
  }

  /** Forgets everything in memory (the disk tier is cleared with {@link DiskCache#clear()}). */
  public synchronized void clear() {
    entries.clear();
    memoryBytes = 0;
  }
}
