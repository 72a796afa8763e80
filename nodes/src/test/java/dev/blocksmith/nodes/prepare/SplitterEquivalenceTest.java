package dev.blocksmith.nodes.prepare;

import static org.assertj.core.api.Assertions.assertThat;

import dev.blocksmith.engine.value.CategoryColumn;
import dev.blocksmith.engine.value.ColumnRole;
import dev.blocksmith.engine.value.Dataset;
import dev.blocksmith.engine.value.NumberColumn;
import dev.blocksmith.engine.value.Table;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

/**
 * The array-based Splitter deals exactly the rows the earlier list-of-lists version dealt (kept
 * here as the reference), so the speed-up changes no split, no metric and no cached result.
 */
class SplitterEquivalenceTest {

  @Test
  void arraySplitEqualsTheReferenceOnRandomTables() {
    Random random = new Random(3);
    for (int trial = 0; trial < 60; trial++) {
      int n = 1 + random.nextInt(400);
      int classes = 1 + random.nextInt(5);
      boolean withIds = random.nextBoolean();
      double[] x = new double[n];
      double[] ids = new double[n];
      List<String> labels = new ArrayList<>();
      for (int i = 0; i < n; i++) {
        x[i] = random.nextGaussian();
        ids[i] = random.nextInt(Math.max(1, n / 3));
        labels.add(random.nextInt(10) == 0 ? null : "c" + random.nextInt(classes));
      }
      Map<String, ColumnRole> roles = new HashMap<>();
      roles.put("y", ColumnRole.LABEL);
      if (withIds) {
        roles.put("id", ColumnRole.ID);
      }
      Table t =
          Table.of(
              List.of(
                  new NumberColumn("x", x),
                  new NumberColumn("id", ids),
                  CategoryColumn.of("y", labels)),
              roles);
      double[] shares = {0.5 + random.nextDouble() * 0.3, 0.1, 0.1};
      boolean stratify = random.nextBoolean();
      boolean byGroup = random.nextBoolean();
      long seed = random.nextLong();
      int[][] fast = Splitter.split(t, shares, stratify, byGroup, seed);
      int[][] reference = split(t, shares, stratify, byGroup, seed);
      for (int p = 0; p < 3; p++) {
        assertThat(fast[p]).as("trial %d part %d", trial, p).containsExactly(reference[p]);
      }
    }
  }

  private static boolean hasGroups(Dataset data) {
    for (int r = 0; r < data.size(); r++) {
      if (data.groupOf(r) != null) {
        return true;
      }
    }
    return false;
  }

  private static int[][] split(
      Dataset data, double[] shares, boolean stratify, boolean byGroup, long seed) {
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

  private static String majorityLabel(Dataset data, List<Integer> rows) {
    Map<String, Integer> counts = new HashMap<>();
    for (int r : rows) {
      counts.merge(String.valueOf(data.stratumOf(r)), 1, Integer::sum);
    }
    return Collections.max(counts.entrySet(), Map.Entry.comparingByValue()).getKey();
  }
}
