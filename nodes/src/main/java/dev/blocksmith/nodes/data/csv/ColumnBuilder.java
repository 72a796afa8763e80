package dev.blocksmith.nodes.data.csv;

import dev.blocksmith.engine.value.BooleanColumn;
import dev.blocksmith.engine.value.CategoryColumn;
import dev.blocksmith.engine.value.Column;
import dev.blocksmith.engine.value.NumberColumn;
import dev.blocksmith.engine.value.TextColumn;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Collects one column's cells into primitive arrays while a file streams, guessing its type as it
 * goes: it stays a number column while every present cell is a number, and switches once to
 * dictionary codes (one int per row plus each distinct text once) at the first cell that is not.
 * Memory is therefore proportional to the kept data, never to row objects.
 */
public final class ColumnBuilder {

  /** Columns with at most this many distinct values are always categories, never free text. */
  public static final int CATEGORY_MAX_SMALL = 20;

  private final String name;
  private final boolean decimalComma;
  private double[] numbers;
  private int[] codes;
  private Map<String, Integer> index;
  private List<String> levels;
  private int size;
  private boolean convertedNumbers;

  /** Creates a builder expecting about {@code capacity} rows. */
  public ColumnBuilder(String name, boolean decimalComma, int capacity) {
    this.name = name;
    this.decimalComma = decimalComma;
    this.numbers = new double[Math.max(16, capacity)];
  }

  /** Returns the column's name. */
  public String name() {
    return name;
  }

  /** Adds one cell (already trimmed). */
  public void add(String cell) {
    if (numbers != null) {
      if (size == numbers.length) {
        numbers = Arrays.copyOf(numbers, grow(size));
      }
      if (Cells.isMissing(cell)) {
        numbers[size++] = Double.NaN;
        return;
      }
      double v = Cells.parseNumber(cell, decimalComma);
      if (!Double.isNaN(v)) {
        numbers[size++] = v;
        return;
      }
      switchToCodes();
    }
    if (size == codes.length) {
      codes = Arrays.copyOf(codes, grow(size));
    }
    codes[size++] = Cells.isMissing(cell) ? -1 : code(cell);
  }

  private static int grow(int n) {
    return n + (n >> 1) + 16;
  }

  private int code(String cell) {
    Integer c = index.get(cell);
    if (c == null) {
      c = levels.size();
      index.put(cell, c);
      levels.add(cell);
    }
    return c;
  }

  private void switchToCodes() {
    index = new HashMap<>();
    levels = new ArrayList<>();
    codes = new int[numbers.length];
    for (int i = 0; i < size; i++) {
      // Earlier numbers become their shortest text, which loses only formatting such as "1.50".
      codes[i] = Double.isNaN(numbers[i]) ? -1 : code(formatNumber(numbers[i]));
      convertedNumbers |= codes[i] >= 0;
    }
    numbers = null;
  }

  private static String formatNumber(double v) {
    return v == Math.rint(v) && Math.abs(v) < 1e15 ? Long.toString((long) v) : Double.toString(v);
  }

  /**
   * Joins builders that read consecutive parts of one column into one, as if one builder had read
   * them all, or returns null when that cannot be matched exactly: when a part after a text part
   * holds numbers (one builder would have kept their original text, not reformatted them). The
   * parts' arrays are dropped as they are copied.
   */
  static ColumnBuilder concat(List<ColumnBuilder> parts) {
    ColumnBuilder first = parts.get(0);
    long total = 0;
    boolean numeric = true;
    boolean textSeen = false;
    for (ColumnBuilder part : parts) {
      total += part.size;
      if (textSeen && (part.numbers != null || part.convertedNumbers)) {
        return null;
      }
      textSeen |= part.numbers == null;
      numeric &= part.numbers != null;
    }
    if (total > Integer.MAX_VALUE - 16) {
      return null;
    }
    ColumnBuilder out = new ColumnBuilder(first.name, first.decimalComma, 0);
    int at = 0;
    if (numeric) {
      out.numbers = new double[(int) total];
      for (ColumnBuilder part : parts) {
        System.arraycopy(part.numbers, 0, out.numbers, at, part.size);
        at += part.size;
        part.numbers = null;
      }
    } else {
      out.numbers = null;
      out.index = new HashMap<>();
      out.levels = new ArrayList<>();
      out.codes = new int[(int) total];
      for (ColumnBuilder part : parts) {
        if (part.numbers != null) {
          part.switchToCodes();
        }
        int[] remap = new int[part.levels.size()];
        for (int i = 0; i < remap.length; i++) {
          remap[i] = out.code(part.levels.get(i));
        }
        for (int i = 0; i < part.size; i++) {
          int c = part.codes[i];
          out.codes[at + i] = c < 0 ? -1 : remap[c];
        }
        at += part.size;
        part.codes = null;
      }
      out.convertedNumbers = first.convertedNumbers;
    }
    out.size = at;
    return out;
  }

  /** Returns the number of distinct non-missing values when the column holds text, else -1. */
  public int distinctTexts() {
    return levels == null ? -1 : levels.size();
  }

  /** Returns the number of rows added so far. */
  public int size() {
    return size;
  }

  /**
   * Returns the finished column, trimmed to size: numbers stay numbers; text of only yes/no words
   * becomes a boolean column; text with few distinct values (or {@code forceCategory}) becomes a
   * category column; other text stays free text.
   */
  public Column build(boolean forceCategory) {
    if (numbers != null) {
      return NumberColumn.wrap(
          name, numbers.length == size ? numbers : Arrays.copyOf(numbers, size));
    }
    int[] exact = codes.length == size ? codes : Arrays.copyOf(codes, size);
    codes = null;
    if (!forceCategory && isBoolean()) {
      byte[] b = new byte[size];
      for (int i = 0; i < size; i++) {
        b[i] = exact[i] < 0 ? -1 : (byte) Cells.parseBoolean(levels.get(exact[i]));
      }
      return new BooleanColumn(name, b);
    }
    int present = 0;
    for (int c : exact) {
      present += c >= 0 ? 1 : 0;
    }
    if (forceCategory || levels.size() <= CATEGORY_MAX_SMALL || levels.size() * 2 <= present) {
      return new CategoryColumn(name, levels, exact);
    }
    String[] text = new String[size];
    for (int i = 0; i < size; i++) {
      text[i] = exact[i] < 0 ? null : levels.get(exact[i]);
    }
    return new TextColumn(name, text);
  }

  private boolean isBoolean() {
    if (levels.isEmpty() || levels.size() > 8) {
      return false;
    }
    boolean yes = false;
    boolean no = false;
    for (String l : levels) {
      int b = Cells.parseBoolean(l);
      if (b < 0) {
        return false;
      }
      yes |= b == 1;
      no |= b == 0;
    }
    // "y"/"n" alone could be category codes; ask for both answers or for full words.
    return (yes && no) || levels.stream().allMatch(l -> l.length() > 1);
  }
}
