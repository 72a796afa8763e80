package dev.blocksmith.nodes.prepare;

import dev.blocksmith.engine.value.Dataset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
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
  static int[][] split(Dataset data, double[] shares, boolean stratify, boolean byGroup,
      long seed) {
    Random random = new Random(seed);
    // Units are rows, or groups of rows sharing an id; each unit is filed under a stratum.
    Map<String, List<Integer>> units = new LinkedHashMap<>();
    boolean grouped = byGroup && hasGroups(data);
    for (int r = 0; r < data.size(); r++) {
      String key = grouped && data.groupOf(r) != null ? "g:" + data.groupOf(r) : "r:" + r;
      units.computeIfAbsent(key, k -> new ArrayList<>()).add(r);
    }
    Map<String, List<List<Integer>>> strata = new TreeMap<>();
    for (List<Integer> unit : units.values()) {
      String stratum = stratify ? majorityLabel(data, unit) : "";
      strata.computeIfAbsent(stratum, k -> new ArrayList<>()).add(unit);
    }
    List<List<Integer>> parts = List.of(new ArrayList<>(), new ArrayList<>(), new ArrayList<>());
    for (List<List<Integer>> stratum : strata.values()) {
      Collections.shuffle(stratum, random);
      int total = stratum.stream().mapToInt(List::size).sum();
      double[] targets = new double[3];
      double cumulative = 0;
      for (int p = 0; p < 3; p++) {
        cumulative += shares[p];
        targets[p] = Math.round(cumulative * total);
      }
      // Deal units in order: each goes to the first part whose cumulative target is not yet met.
      int filled = 0;
      for (List<Integer> unit : stratum) {
        int p = 0;
        while (p < 3 && filled + unit.size() / 2.0 > targets[p]) {
          p++;
        }
        if (p < 3) {
          parts.get(p).addAll(unit);
        }
        filled += unit.size();
      }
    }
    int[][] out = new int[3][];
    for (int p = 0; p < 3; p++) {
      out[p] = parts.get(p).stream().mapToInt(Integer::intValue).sorted().toArray();
    }
    return out;
  }

  private static boolean hasGroups(Dataset data) {
    for (int r = 0; r < data.size(); r++) {
      if (data.groupOf(r) != null) {
        return true;
      }
    }
    return false;
  }

  private static String majorityLabel(Dataset data, List<Integer> rows) {
    Map<String, Integer> counts = new HashMap<>();
    for (int r : rows) {
      counts.merge(String.valueOf(data.stratumOf(r)), 1, Integer::sum);
    }
    return Collections.max(counts.entrySet(), Map.Entry.comparingByValue()).getKey();
  }

  /**
   * Returns whether the labels look like classes: few distinct values, each shared by several
   * examples. A number to predict (a price) has nearly one value per row and cannot be stratified.
   */
  static boolean looksLikeClasses(Dataset data) {
    java.util.Set<String> distinct = new java.util.HashSet<>();
    for (int r = 0; r < data.size(); r++) {
      String s = data.stratumOf(r);
      if (s != null) {
        distinct.add(s);
      }
    }
    return distinct.size() <= Math.max(20, data.size() / 5);
  }

  /** Returns "700 rows (A 350, B 350)": the size and the count of each label. */
  static String describeBalance(Dataset part) {
    Map<String, Integer> counts = new TreeMap<>();
    for (int r = 0; r < part.size(); r++) {
      String s = part.stratumOf(r);
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
