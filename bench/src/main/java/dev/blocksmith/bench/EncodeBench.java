package dev.blocksmith.bench;

import dev.blocksmith.engine.model.Featurizer;
import dev.blocksmith.engine.model.Preprocessing;
import dev.blocksmith.engine.value.CategoryColumn;
import dev.blocksmith.engine.value.Column;
import dev.blocksmith.engine.value.ColumnRole;
import dev.blocksmith.engine.value.NumberColumn;
import dev.blocksmith.engine.value.Table;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;

/**
 * Encoding a table for training ({@code Preprocessing.transform}) timed in one JVM: a table of ROWS
 * rows and COLS number columns (whole numbers 0-255, like pixels) plus a 10-class label, fitted
 * once, then transformed 15 times; prints the first call and the last ten in milliseconds. Run it
 * under each collector ({@code -XX:+UseSerialGC}, the default G1) to see what a fresh large array
 * costs. Not a test.
 *
 * <p>Arguments: rows (7000), columns (784).
 */
public final class EncodeBench {
  private EncodeBench() {}

  public static void main(String[] args) {
    int rows = args.length > 0 ? Integer.parseInt(args[0]) : 7000;
    int cols = args.length > 1 ? Integer.parseInt(args[1]) : 784;
    Random random = new Random(3);
    List<Column> columns = new ArrayList<>();
    for (int c = 0; c < cols; c++) {
      double[] v = new double[rows];
      for (int r = 0; r < rows; r++) {
        v[r] = random.nextInt(256);
      }
      columns.add(new NumberColumn("p" + c, v));
    }
    List<String> labels = new ArrayList<>();
    for (int r = 0; r < rows; r++) {
      labels.add("c" + random.nextInt(10));
    }
    columns.add(CategoryColumn.of("label", labels));
    Table table = Table.of(columns, Map.of("label", ColumnRole.LABEL));
    Preprocessing pre = Featurizer.fit(table);
    StringBuilder out = new StringBuilder();
    for (int i = 0; i < 15; i++) {
      long t0 = System.nanoTime();
      pre.transform(table);
      double ms = (System.nanoTime() - t0) / 1e6;
      if (i == 0) {
        out.append(String.format(Locale.ROOT, "first %.1f, then", ms));
      } else if (i >= 5) {
        out.append(String.format(Locale.ROOT, " %.1f", ms));
      }
    }
    System.out.printf(Locale.ROOT, "ENCODE %d x %d, ms: %s%n", rows, cols, out);
  }
}
