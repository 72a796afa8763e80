package dev.blocksmith.engine.text;

import java.util.ArrayList;
import java.util.List;

/** An aligned text grid: the first column is left-aligned, the others right-aligned. */
final class Grid {
  private final List<String[]> rows = new ArrayList<>();

  /** Adds a row of cells. */
  Grid row(String... cells) {
    rows.add(cells);
    return this;
  }

  /** Appends the grid to {@code sb}, each line starting with {@code indent}. */
  void appendTo(StringBuilder sb, String indent) {
    int cols = rows.stream().mapToInt(r -> r.length).max().orElse(0);
    int[] w = new int[cols];
    for (String[] r : rows) {
      for (int i = 0; i < r.length; i++) {
        w[i] = Math.max(w[i], r[i].length());
      }
    }
    for (String[] r : rows) {
      StringBuilder line = new StringBuilder(indent);
      for (int i = 0; i < r.length; i++) {
        String cell = r[i];
        String pad = " ".repeat(w[i] - cell.length());
        line.append(i == 0 ? cell + pad : pad + cell);
        if (i < r.length - 1) {
          line.append("  ");
        }
      }
      sb.append(line.toString().stripTrailing()).append('\n');
    }
  }
}
