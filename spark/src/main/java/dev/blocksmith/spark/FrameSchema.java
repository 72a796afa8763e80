package dev.blocksmith.spark;

import dev.blocksmith.engine.value.BooleanColumn;
import dev.blocksmith.engine.value.CategoryColumn;
import dev.blocksmith.engine.value.Column;
import dev.blocksmith.engine.value.NumberColumn;
import dev.blocksmith.engine.value.Table;
import dev.blocksmith.engine.value.TextColumn;
import java.io.Serializable;
import java.util.ArrayList;
import java.util.List;

/**
 * A frame's column names, kinds and category values in a form Spark can ship to executors (the
 * local {@link Table} is not serializable).
 *
 * @param names column names in order
 * @param kinds per column: N number, B yes/no, C category, T text
 * @param levels per column: the category values, empty for others
 */
record FrameSchema(List<String> names, String kinds, List<List<String>> levels)
    implements Serializable {
  private static final long serialVersionUID = 1L;

  static FrameSchema of(Table schema) {
    List<String> names = new ArrayList<>();
    StringBuilder kinds = new StringBuilder();
    List<List<String>> levels = new ArrayList<>();
    for (Column c : schema.columns()) {
      names.add(c.name());
      kinds.append(
          c instanceof NumberColumn
              ? 'N'
              : c instanceof BooleanColumn ? 'B' : c instanceof CategoryColumn ? 'C' : 'T');
      levels.add(
          c instanceof CategoryColumn cat ? new ArrayList<>(cat.levels()) : new ArrayList<>());
    }
    return new FrameSchema(new ArrayList<>(names), kinds.toString(), levels);
  }

  /** Returns the zero-row table again (without roles and recipe, which prediction ignores). */
  Table toTable() {
    List<Column> cols = new ArrayList<>();
    for (int j = 0; j < names.size(); j++) {
      String n = names.get(j);
      cols.add(
          switch (kinds.charAt(j)) {
            case 'N' -> NumberColumn.wrap(n, new double[0]);
            case 'B' -> new BooleanColumn(n, new byte[0]);
            case 'C' -> new CategoryColumn(n, levels.get(j), new int[0]);
            default -> new TextColumn(n, new String[0]);
          });
    }
    return Table.of(cols);
  }
}
