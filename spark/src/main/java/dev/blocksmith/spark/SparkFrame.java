package dev.blocksmith.spark;

import static org.apache.spark.sql.functions.col;

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
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;

/**
 * A table that lives in Spark: a DataFrame with one column per table column (numbers as doubles,
 * yes/no as booleans, categories and text as strings, null where missing) plus the row's place in
 * the file ({@link #ROW}), and a zero-row local {@link Table} holding the column types, roles,
 * recipe and every category's values in order of first appearance. The local blocks that only
 * record choices (Encode, Normalize) run unchanged on that schema table.
 *
 * @param df the rows
 * @param schema the columns without rows
 * @param source the file name, for messages
 */
record SparkFrame(Dataset<Row> df, Table schema, String source) {
  /** The column that keeps the file order (increasing, not consecutive). */
  static final String ROW = "__blocksmith_row";

  /** Returns a column reference safe for any name (dots, spaces). */
  static org.apache.spark.sql.Column c(String name) {
    return col("`" + name.replace("`", "``") + "`");
  }

  /** Returns the same frame over other rows. */
  SparkFrame withRows(Dataset<Row> rows) {
    return new SparkFrame(rows, schema, source);
  }

  /** Returns the same rows with another schema (after Encode, Normalize, a fill). */
  SparkFrame withSchema(Table newSchema) {
    return new SparkFrame(df, newSchema, source);
  }

  /** Returns the number of rows (runs a Spark job). */
  long count() {
    return df.count();
  }

  /**
   * Collects the rows to this machine as a local table, in file order, typed exactly as the schema
   * says. This is where Spark hands over to Train and Evaluate, which run on one machine.
   */
  Table toTable() {
    return collect(false);
  }

  /** Like {@link #toTable()}, with each row's place added as a number column named {@link #ROW}. */
  Table toTableWithRow() {
    return collect(true);
  }

  private Table collect(boolean withRow) {
    List<String> names = new ArrayList<>(schema.columnNames());
    if (withRow) {
      names.add(ROW);
    }
    org.apache.spark.sql.Column[] cols = new org.apache.spark.sql.Column[names.size()];
    for (int i = 0; i < cols.length; i++) {
      cols[i] = c(names.get(i));
    }
    List<Row> rows = df.orderBy(col(ROW)).select(cols).collectAsList();
    return table(rows, schema, withRow);
  }

  /**
   * Builds a local table from rows whose fields are the schema's columns in order (and, when {@code
   * withRow}, the row's place last).
   */
  static Table table(List<Row> rows, Table schema, boolean withRow) {
    List<String> names = new ArrayList<>(schema.columnNames());
    if (withRow) {
      names.add(ROW);
    }
    int n = rows.size();
    List<Column> out = new ArrayList<>();
    for (int j = 0; j < names.size(); j++) {
      if (withRow && j == names.size() - 1) {
        double[] v = new double[n];
        for (int r = 0; r < n; r++) {
          v[r] = rows.get(r).getLong(j);
        }
        out.add(NumberColumn.wrap(ROW, v));
        break;
      }
      Column kind = schema.columns().get(j);
      String name = names.get(j);
      if (kind instanceof NumberColumn) {
        double[] v = new double[n];
        for (int r = 0; r < n; r++) {
          v[r] = rows.get(r).isNullAt(j) ? Double.NaN : rows.get(r).getDouble(j);
        }
        out.add(NumberColumn.wrap(name, v));
      } else if (kind instanceof BooleanColumn) {
        byte[] v = new byte[n];
        for (int r = 0; r < n; r++) {
          v[r] = rows.get(r).isNullAt(j) ? -1 : (byte) (rows.get(r).getBoolean(j) ? 1 : 0);
        }
        out.add(new BooleanColumn(name, v));
      } else if (kind instanceof CategoryColumn cat) {
        List<String> levels = new ArrayList<>(cat.levels());
        Map<String, Integer> index = new HashMap<>();
        for (int i = 0; i < levels.size(); i++) {
          index.put(levels.get(i), i);
        }
        int[] codes = new int[n];
        for (int r = 0; r < n; r++) {
          String s = rows.get(r).getString(j);
          codes[r] =
              s == null
                  ? -1
                  : index.computeIfAbsent(
                      s,
                      k -> {
                        levels.add(k);
                        return levels.size() - 1;
                      });
        }
        out.add(new CategoryColumn(name, levels, codes));
      } else {
        String[] v = new String[n];
        for (int r = 0; r < n; r++) {
          v[r] = rows.get(r).getString(j);
        }
        out.add(new TextColumn(name, v));
      }
    }
    return Table.of(out, schema.roles()).withRecipe(schema.recipe());
  }
}
