package dev.blocksmith.nodes.prepare.clean;

import dev.blocksmith.engine.value.BooleanColumn;
import dev.blocksmith.engine.value.CategoryColumn;
import dev.blocksmith.engine.value.Column;
import dev.blocksmith.engine.value.NumberColumn;
import dev.blocksmith.engine.value.Table;
import dev.blocksmith.engine.value.TextColumn;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/** Finds rows that repeat an earlier row exactly, in every column. */
public final class Duplicates {
  private Duplicates() {}

  /** Returns the indexes of the rows to keep: each row's first occurrence, in order. */
  public static int[] firstOccurrences(Table t) {
    Map<Long, List<Integer>> byHash = new HashMap<>();
    int[] keep = new int[t.rowCount()];
    int n = 0;
    for (int r = 0; r < t.rowCount(); r++) {
      List<Integer> same = byHash.computeIfAbsent(hash(t, r), k -> new ArrayList<>(1));
      boolean repeat = false;
      for (int earlier : same) {
        if (equalRows(t, earlier, r)) {
          repeat = true;
          break;
        }
      }
      if (!repeat) {
        same.add(r);
        keep[n++] = r;
      }
    }
    return java.util.Arrays.copyOf(keep, n);
  }

  private static long hash(Table t, int r) {
    long h = 1;
    for (Column c : t.columns()) {
      long v;
      if (c instanceof NumberColumn n) {
        v = Double.doubleToLongBits(n.get(r));
      } else if (c instanceof CategoryColumn cat) {
        v = cat.code(r);
      } else if (c instanceof BooleanColumn b) {
        v = b.get(r);
      } else {
        v = Objects.hashCode(((TextColumn) c).get(r));
      }
      h = h * 1_000_003L + v;
    }
    return h;
  }

  private static boolean equalRows(Table t, int a, int b) {
    for (Column c : t.columns()) {
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
