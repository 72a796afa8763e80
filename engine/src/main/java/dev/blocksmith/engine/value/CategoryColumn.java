package dev.blocksmith.engine.value;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** A column of repeated labels, stored as codes into a list of levels; -1 means missing. */
public final class CategoryColumn implements Column {
  private final String name;
  private final List<String> levels;
  private final int[] codes;

  /** Creates a column from levels and codes, copying them. */
  public CategoryColumn(String name, List<String> levels, int[] codes) {
    this(name, List.copyOf(levels), codes.clone(), true);
  }

  private CategoryColumn(String name, List<String> levels, int[] codes, boolean owned) {
    this.name = name;
    this.levels = levels;
    this.codes = codes;
    for (int c : codes) {
      if (c < -1 || c >= levels.size()) {
        throw new IllegalArgumentException("category code " + c + " out of range in " + name);
      }
    }
  }

  /** Returns a column of the given labels (null = missing), levels in order of first appearance. */
  public static CategoryColumn of(String name, List<String> values) {
    Map<String, Integer> index = new LinkedHashMap<>();
    int[] codes = new int[values.size()];
    for (int i = 0; i < codes.length; i++) {
      String v = values.get(i);
      codes[i] = v == null ? -1 : index.computeIfAbsent(v, k -> index.size());
    }
    return new CategoryColumn(name, List.copyOf(index.keySet()), codes, true);
  }

  @Override
  public String name() {
    return name;
  }

  @Override
  public ColumnType type() {
    return ColumnType.CATEGORY;
  }

  @Override
  public int size() {
    return codes.length;
  }

  /** Returns the distinct labels; codes index into this list. */
  public List<String> levels() {
    return levels;
  }

  /** Returns the code at a row (-1 when missing). */
  public int code(int row) {
    return codes[row];
  }

  /** Returns the label at a row, or null when missing. */
  public String get(int row) {
    return codes[row] < 0 ? null : levels.get(codes[row]);
  }

  /** Returns how many rows hold each level, in level order. */
  public int[] counts() {
    int[] counts = new int[levels.size()];
    for (int c : codes) {
      if (c >= 0) {
        counts[c]++;
      }
    }
    return counts;
  }

  /** Returns the labels of all rows (null where missing). */
  public List<String> toList() {
    List<String> out = new ArrayList<>(codes.length);
    for (int i = 0; i < codes.length; i++) {
      out.add(get(i));
    }
    return out;
  }

  @Override
  public boolean isMissing(int row) {
    return codes[row] < 0;
  }

  @Override
  public String format(int row) {
    return codes[row] < 0 ? "" : levels.get(codes[row]);
  }

  @Override
  public CategoryColumn select(int[] rows) {
    int[] out = new int[rows.length];
    for (int i = 0; i < rows.length; i++) {
      out[i] = codes[rows[i]];
    }
    return new CategoryColumn(name, levels, out, true);
  }

  @Override
  public CategoryColumn withName(String newName) {
    return new CategoryColumn(newName, levels, codes, true);
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof CategoryColumn c
        && c.name.equals(name)
        && c.levels.equals(levels)
        && Arrays.equals(c.codes, codes);
  }

  @Override
  public int hashCode() {
    return name.hashCode() * 31 + Arrays.hashCode(codes);
  }
}
