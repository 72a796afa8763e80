package dev.blocksmith.engine.exec;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * Node outputs kept in memory by signature, so that a node whose signature did not change is not
 * run again. Holds at most {@link #MAX_ENTRIES} entries and forgets the least recently used.
 * Thread-safe.
 */
public final class OutputCache {
  /** Most entries kept. */
  public static final int MAX_ENTRIES = 256;

  private final Map<String, Map<String, Object>> entries =
      new LinkedHashMap<>(16, 0.75f, true) {
        private static final long serialVersionUID = 1L;

        @Override
        protected boolean removeEldestEntry(Map.Entry<String, Map<String, Object>> eldest) {
          return size() > MAX_ENTRIES;
        }
      };

  /** Returns the outputs stored under a signature, if any. */
  public synchronized Optional<Map<String, Object>> get(String signature) {
    return Optional.ofNullable(entries.get(signature));
  }

  /** Returns whether outputs are stored under a signature, without touching their age. */
  public synchronized boolean contains(String signature) {
    return entries.containsKey(signature);
  }

  /** Stores the outputs of a node under its signature. */
  public synchronized void put(String signature, Map<String, Object> outputs) {
    entries.put(signature, Map.copyOf(outputs));
  }

  /** Returns the number of entries. */
  public synchronized int size() {
    return entries.size();
  }

  /** Forgets everything. */
  public synchronized void clear() {
    entries.clear();
  }
}
