package dev.blocksmith.nodes.data.samples;

import dev.blocksmith.engine.value.CategoryColumn;
import dev.blocksmith.engine.value.ColumnRole;
import dev.blocksmith.engine.value.NumberColumn;
import dev.blocksmith.engine.value.Table;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** Builds the two-column point tables shared by the 2-D generators. */
final class Points {
  private Points() {}

  /** Returns a table with columns x, y and the label column "class" (marked as the label). */
  static Table table(double[] x, double[] y, int[] classes, List<String> names) {
    List<String> labels = new ArrayList<>(classes.length);
    for (int c : classes) {
      labels.add(names.get(c));
    }
    return Table.of(
        List.of(
            NumberColumn.wrap("x", x),
            NumberColumn.wrap("y", y),
            new CategoryColumn("class", names, classes)),
        Map.of("class", ColumnRole.LABEL));
  }
}
