package dev.blocksmith.nodes.prepare;

import dev.blocksmith.engine.value.Column;
import dev.blocksmith.engine.value.ColumnRole;
import dev.blocksmith.engine.value.Dataset;
import dev.blocksmith.engine.value.Table;
import java.util.Arrays;
import java.util.Collections;
import java.util.HashMap;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;

/** The arithmetic of {@link Split}: which rows go to which part. */
final class Splitter {
  private Splitter() {}

  /**
   * Returns the row indexes of the three parts, each in ascending order.
   *
   * @param data the examples
   * @param shares train, validation and test shares (summing to at most 1)
   * @param stratify whether each label keeps its proportion in each part
   * @param byGroup whether rows sharing an id stay in one part
   * @param seed shuffling seed
   */
  static int[][] split(
      Dataset data, double[] shares, boolean stratify, boolean byGroup, long seed) {
    Random random = new Random(seed);
    int n = data.size();
    String[] labels = strata(data);
    for (int r = 0; r < n; r++) {
      labels[r] = String.valueOf(labels[r]);
    }
    // Units are rows, or groups of rows sharing an id, numbered in order of their first row.
    int[] unitOf = new int[n];
    int units = units(data, byGroup, unitOf);
    int[] start = new int[units + 1];
    for (int r = 0; r < n; r++) {
      start[unitOf[r] + 1]++;
    }
    for (int u = 0; u < units; u++) {
      start[u + 1] += start[u];
    }
    int[] rows = new int[n];
    int[] fill = Arrays.copyOf(start, units);
    for (int r = 0; r < n; r++) {
      rows[fill[unitOf[r]]++] = r;
    }
    // Each unit is filed under its stratum (the majority label of its rows); strata in name order.
    Map<String, int[]> counts = new TreeMap<>();
    String[] stratumOf = new String[units];
    for (int u = 0; u < units; u++) {
      stratumOf[u] =
          !stratify
              ? ""
              : start[u + 1] - start[u] == 1
                  ? labels[rows[start[u]]]
                  : majorityLabel(labels, rows, start[u], start[u + 1]);
      counts.computeIfAbsent(stratumOf[u], k -> new int[1])[0]++;
    }
    Map<String, int[]> members = new HashMap<>();
    for (Map.Entry<String, int[]> e : counts.entrySet()) {
      members.put(e.getKey(), new int[e.getValue()[0] + 1]);
    }
    for (int u = 0; u < units; u++) {
      int[] list = members.get(stratumOf[u]);
      list[++list[0]] = u;
    }
    int[] partOf = new int[n];
    Arrays.fill(partOf, -1);
    int[] partSizes = new int[3];
    for (String stratum : counts.keySet()) {
      int[] list = members.get(stratum);
      int size = list[0];
      int[] order = Arrays.copyOfRange(list, 1, size + 1);
      // The same sequence of swaps as Collections.shuffle(list, random).
      for (int i = size; i > 1; i--) {
        int j = random.nextInt(i);
        int t = order[i - 1];
        order[i - 1] = order[j];
        order[j] = t;
      }
      int total = 0;
      for (int u : order) {
        total += start[u + 1] - start[u];
      }
      double[] targets = new double[3];
      double cumulative = 0;
      for (int p = 0; p < 3; p++) {
        cumulative += shares[p];
        targets[p] = Math.round(cumulative * total);
      }
      // Deal units in order: each goes to the first part whose cumulative target is not yet met.
      int filled = 0;
      for (int u : order) {
        int unitSize = start[u + 1] - start[u];
        int p = 0;
        while (p < 3 && filled + unitSize / 2.0 > targets[p]) {
          p++;
        }
        if (p < 3) {
          for (int k = start[u]; k < start[u + 1]; k++) {
            partOf[rows[k]] = p;
          }
          partSizes[p] += unitSize;
        }
        filled += unitSize;
      }
    }
    int[][] out = {new int[partSizes[0]], new int[partSizes[1]], new int[partSizes[2]]};
    int[] next = new int[3];
    for (int r = 0; r < n; r++) {
      if (partOf[r] >= 0) {
        out[partOf[r]][next[partOf[r]]++] = r;
      }
    }
    return out;
  }

  /** Numbers the units (rows, or groups sharing an id) into {@code unitOf}; returns how many. */
  private static int units(Dataset data, boolean byGroup, int[] unitOf) {
    int n = unitOf.length;
    if (!(byGroup && hasGroups(data))) {
      for (int r = 0; r < n; r++) {
        unitOf[r] = r;
      }
      return n;
    }
    Column idColumn = null;
    if (data instanceof Table t) {
      idColumn =
          t.columns().stream()
              .filter(c -> t.role(c.name()) == ColumnRole.ID)
              .findFirst()
              .orElse(null);
    }
    Map<String, Integer> ids = new HashMap<>();
    int units = 0;
    for (int r = 0; r < n; r++) {
      String g =
          idColumn == null ? data.groupOf(r) : idColumn.isMissing(r) ? null : idColumn.format(r);
      if (g == null) {
        unitOf[r] = units++;
      } else {
        Integer known = ids.get(g);
        if (known == null) {
          known = units++;
          ids.put(g, known);
        }
        unitOf[r] = known;
      }
    }
    return units;
  }

  /**
   * Returns each row's label as text (null when missing), reading a table's label column once
   * instead of looking it up for every row.
   */
  private static String[] strata(Dataset data) {
    String[] out = new String[data.size()];
    if (data instanceof Table t) {
      Column label = t.labelColumn().orElse(null);
      if (label != null) {
        for (int r = 0; r < out.length; r++) {
          out[r] = label.isMissing(r) ? null : label.format(r);
        }
      }
      return out;
    }
    for (int r = 0; r < out.length; r++) {
      out[r] = data.stratumOf(r);
    }
    return out;
  }

  private static boolean hasGroups(Dataset data) {
    if (data instanceof Table t) {
      return t.roles().containsValue(ColumnRole.ID);
    }
    for (int r = 0; r < data.size(); r++) {
      if (data.groupOf(r) != null) {
        return true;
      }
    }
    return false;
  }

  private static String majorityLabel(String[] labels, int[] rows, int from, int to) {
    Map<String, Integer> counts = new HashMap<>();
    for (int k = from; k < to; k++) {
      counts.merge(labels[rows[k]], 1, Integer::sum);
    }
    return Collections.max(counts.entrySet(), Map.Entry.comparingByValue()).getKey();
  }

  /**
   * Returns whether the labels look like classes: few distinct values, each shared by several
   * examples. A number to predict (a price) has nearly one value per row and cannot be stratified.
   */
  static boolean looksLikeClasses(Dataset data) {
    java.util.Set<String> distinct = new java.util.HashSet<>();
    for (String s : strata(data)) {
      if (s != null) {
        distinct.add(s);
      }
    }
    return distinct.size() <= Math.max(20, data.size() / 5);
  }

  /** Returns "700 rows (A 350, B 350)": the size and the count of each label. */
  static String describeBalance(Dataset part) {
    Map<String, Integer> counts = new TreeMap<>();
    for (String s : strata(part)) {
      if (s != null) {
        counts.merge(s, 1, Integer::sum);
      }
    }
    String[] items =
        counts.entrySet().stream().map(e -> e.getKey() + " " + e.getValue()).toArray(String[]::new);
    return String.format("%,d rows", part.size())
        + (items.length == 0 ? "" : " (" + String.join(", ", Arrays.asList(items)) + ")");
  }
}
