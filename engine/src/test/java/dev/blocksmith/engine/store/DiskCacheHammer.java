package dev.blocksmith.engine.store;

import dev.blocksmith.engine.value.NumberColumn;
import dev.blocksmith.engine.value.Table;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Random;

/**
 * A second process for {@link DiskCacheTest}: writes and reads the same keys as its twin. Every
 * value of key {@code i} holds only the number {@code i} (in rows of random length), so a reader
 * can tell a wrong answer. Exits 3 on a wrong answer.
 */
public final class DiskCacheHammer {
  private DiskCacheHammer() {}

  static String key(int i) {
    return String.format("%064x", i + 1);
  }

  static Map<String, Object> value(int key, int rows) {
    double[] v = new double[rows];
    Arrays.fill(v, key);
    return Map.of("data", Table.of(List.of(new NumberColumn("x", v))));
  }

  /** Returns whether the outputs are a correct value for {@code key}. */
  static boolean correct(int key, Map<String, Object> outputs) {
    if (!(outputs.get("data") instanceof Table t) || outputs.size() != 1) {
      return false;
    }
    NumberColumn c = (NumberColumn) t.columns().get(0);
    for (int r = 0; r < c.size(); r++) {
      if (c.get(r) != key) {
        return false;
      }
    }
    return true;
  }

  /** Args: folder, bound in bytes, iterations, seed. */
  public static void main(String[] args) {
    DiskCache cache = new DiskCache(Path.of(args[0]), Long.parseLong(args[1]));
    int iterations = Integer.parseInt(args[2]);
    Random rnd = new Random(Long.parseLong(args[3]));
    for (int i = 0; i < iterations; i++) {
      int key = rnd.nextInt(8);
      if (rnd.nextBoolean()) {
        cache.put(key(key), value(key, 1 + rnd.nextInt(10_000)));
      } else {
        var got = cache.get(key(key));
        if (got.isPresent() && !correct(key, got.get())) {
          System.err.println("wrong answer for key " + key);
          System.exit(3);
        }
      }
    }
  }
}
