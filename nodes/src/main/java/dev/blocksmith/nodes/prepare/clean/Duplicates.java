package dev.blocksmith.nodes.prepare.clean;

import dev.blocksmith.engine.value.BooleanColumn;
import dev.blocksmith.engine.value.CategoryColumn;
import dev.blocksmith.engine.value.Column;
import dev.blocksmith.engine.value.NumberColumn;
import dev.blocksmith.engine.value.Table;
import dev.blocksmith.engine.value.TextColumn;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;

/**
 * Finds rows that repeat an earlier row exactly, in every column. Columnar and linear in rows: a
 * 64-bit hash per row is built one column at a time (each column read once, in order), then the
 * rows go through an open-addressing table of row numbers in their order; rows whose hashes meet
 * are compared cell by cell, so a hash collision never drops a row. Two numbers are the same when
 * {@link Double#compare} says so (every missing value equals every other; 0.0 and -0.0 differ).
 */
public final class Duplicates {
  private Duplicates() {}

  /** Returns the indexes of the rows to keep: each row's first occurrence, in order. */
  public static int[] firstOccurrences(Table t) {
    int rows = t.rowCount();
    List<Column> columns = t.columns();
    long[] hash = hashes(columns, rows);
    // a power of two of at least twice the rows, so probe runs stay short
    int capacity = (int) Math.min(1L << 30, Long.highestOneBit(Math.max(4L, 2L * rows) - 1) << 1);
    int mask = capacity - 1;
    int[] slots = new int[capacity];
    Arrays.fill(slots, -1);
    int[] keep = new int[rows];
    int n = 0;
    for (int r = 0; r < rows; r++) {
      int s = (int) (hash[r] ^ (hash[r] >>> 32)) & mask;
      boolean repeat = false;
      while (slots[s] >= 0) {
        int earlier = slots[s];
        if (hash[earlier] == hash[r] && equalRows(columns, earlier, r)) {
          repeat = true;
          break;
        }
        s = (s + 1) & mask;
      }
      if (!repeat) {
        slots[s] = r;
        keep[n++] = r;
      }
    }
    return Arrays.copyOf(keep, n);
  }

  private static long[] hashes(List<Column> columns, int rows) {
    long[] h = new long[rows];
    for (Column c : columns) {
      if (c instanceof NumberColumn x) {
        for (int r = 0; r < rows; r++) {
          h[r] = mix(h[r], Double.doubleToLongBits(x.get(r)));
        }
      } else if (c instanceof CategoryColumn x) {
        for (int r = 0; r < rows; r++) {
          h[r] = mix(h[r], x.code(r));
        }
      } else if (c instanceof BooleanColumn x) {
        for (int r = 0; r < rows; r++) {
          h[r] = mix(h[r], x.get(r));
        }
      } else {
        TextColumn x = (TextColumn) c;
        for (int r = 0; r < rows; r++) {
          h[r] = mix(h[r], Objects.hashCode(x.get(r)));
        }
      }
    }
    return h;
  }

  /** Folds one cell into a row's hash (the finaliser of MurmurHash3, so near values spread). */
  private static long mix(long h, long v) {
    long k = (h ^ v) * 0xff51afd7ed558ccdL + 0x9e3779b97f4a7c15L;
    k ^= k >>> 33;
    k *= 0xc4ceb9fe1a85ec53L;
    return k ^ (k >>> 29);
  }

  private static boolean equalRows(List<Column> columns, int a, int b) {
    for (Column c : columns) {
      boolean same;
      if (c instanceof NumberColumn n) {
        same = Double.compare(n.get(a), n.get(b)) == 0;
      } else if (c instanceof CategoryColumn cat) {
        same = cat.code(a) == cat.code(b);
      } else if (c instanceof BooleanColumn x) {
        same = x.get(a) == x.get(b);
      } else {
        same = Objects.equals(((TextColumn) c).get(a), ((TextColumn) c).get(b));
      }
      if (!same) {
        return false;
      }
    }
    return true;
  }
}
