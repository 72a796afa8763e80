package dev.blocksmith.spark;

import static dev.blocksmith.spark.SparkFrame.ROW;
import static dev.blocksmith.spark.SparkFrame.c;
import static org.apache.spark.sql.functions.avg;
import static org.apache.spark.sql.functions.coalesce;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.count;
import static org.apache.spark.sql.functions.expr;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.min;

import dev.blocksmith.engine.spi.NodeException;
import dev.blocksmith.engine.spi.Params;
import dev.blocksmith.engine.value.BooleanColumn;
import dev.blocksmith.engine.value.CategoryColumn;
import dev.blocksmith.engine.value.Column;
import dev.blocksmith.engine.value.ColumnRole;
import dev.blocksmith.engine.value.NumberColumn;
import dev.blocksmith.engine.value.Table;
import dev.blocksmith.nodes.data.csv.Cells;
import dev.blocksmith.nodes.prepare.Clean;
import dev.blocksmith.nodes.prepare.ColumnList;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;

/**
 * Clean on Spark: drop columns, drop repeated rows (keeping each row's first occurrence in file
 * order, as the local block does) and handle missing values (drop the rows, or fill with the mean,
 * median, most frequent value or a constant, computed over all rows). Outlier handling runs only on
 * one machine for now and is refused with a message.
 */
final class SparkClean {
  private SparkClean() {}

  static SparkFrame run(SparkFrame in, Params p, String nodeId, Consumer<String> log)
      throws NodeException {
    if (!p.get(Clean.OUTLIERS).equals("none")) {
      throw NodeException.atParam(
          nodeId,
          Clean.OUTLIERS.name(),
          "Outlier handling does not run on Spark yet.",
          "Set Outliers to 'Leave them', or run this pipeline without --spark.");
    }
    SparkFrame f = in;
    List<String> drop = ColumnList.names(p.get(Clean.DROP_COLUMNS));
    for (String d : drop) {
      if (f.schema().column(d).isEmpty()) {
        throw NodeException.atParam(
            nodeId,
            Clean.DROP_COLUMNS.name(),
            "There is no column \"" + d + "\" to drop.",
            "Columns: " + String.join(", ", f.schema().columnNames()) + ".");
      }
    }
    if (!drop.isEmpty()) {
      f =
          new SparkFrame(
              f.df().drop(drop.toArray(String[]::new)),
              f.schema().withoutColumns(drop),
              f.source());
      log.accept("Dropped columns " + String.join(", ", drop) + ".");
    }
    if (p.get(Clean.DROP_DUPLICATES)) {
      org.apache.spark.sql.Column[] keys =
          f.schema().columnNames().stream()
              .map(SparkFrame::c)
              .toArray(org.apache.spark.sql.Column[]::new);
      // Keep the first rows by their place, not the grouped values: Spark normalises -0.0 to
      // 0.0 in grouping keys (so, unlike the local block, it also sees those as repeats).
      Dataset<Row> firsts = f.df().groupBy(keys).agg(min(col(ROW)).as(ROW)).select(ROW);
      f = f.withRows(f.df().join(firsts, f.df().col(ROW).equalTo(firsts.col(ROW)), "left_semi"));
      log.accept("Dropped repeated rows (each row's first occurrence is kept).");
    }
    String missing = p.get(Clean.MISSING);
    if (missing.equals("keep")) {
      return f;
    }
    List<String> cols = ColumnList.names(p.get(Clean.MISSING_COLUMNS));
    if (cols.isEmpty()) {
      cols = f.schema().columnNames();
    }
    if (missing.equals("drop-rows")) {
      return f.withRows(f.df().na().drop(cols.toArray(String[]::new)));
    }
    Table schema = f.schema();
    Dataset<Row> df = f.df();
    List<String> label = cols.stream().filter(n -> schema.role(n) == ColumnRole.LABEL).toList();
    if (!label.isEmpty()) {
      df = df.na().drop(label.toArray(String[]::new));
    }
    String constant = p.get(Clean.FILL_VALUE);
    List<Column> newColumns = new ArrayList<>();
    for (Column kind : schema.columns()) {
      String n = kind.name();
      if (!cols.contains(n)
          || schema.role(n) == ColumnRole.LABEL
          || df.where(c(n).isNull()).limit(1).count() == 0) {
        newColumns.add(kind);
        continue;
      }
      Object value = fill(df, kind, missing, constant, nodeId);
      if (kind instanceof CategoryColumn cat && !cat.levels().contains(value)) {
        List<String> levels = new ArrayList<>(cat.levels());
        levels.add((String) value);
        kind = new CategoryColumn(n, levels, new int[0]);
      }
      newColumns.add(kind);
      df = df.withColumn(n, coalesce(c(n), lit(value)));
      log.accept("Filled the missing values of \"" + n + "\" with " + value + ".");
    }
    Table filled = Table.of(newColumns, schema.roles()).withRecipe(schema.recipe());
    return new SparkFrame(df, filled, f.source());
  }

  private static Object fill(
      Dataset<Row> df, Column kind, String how, String constant, String nodeId)
      throws NodeException {
    String n = kind.name();
    if (how.equals("constant")) {
      if (kind instanceof NumberColumn) {
        double d = Cells.parseNumber(constant.trim(), false);
        if (Double.isNaN(d)) {
          throw NodeException.atParam(
              nodeId,
              Clean.FILL_VALUE.name(),
              "\""
                  + n
                  + "\" holds numbers,"
                  + " but the fill value \""
                  + constant
                  + "\" is not a number.",
              "Choose a fill value that fits every column, or limit \"Columns to fix\".");
        }
        return d;
      }
      if (kind instanceof BooleanColumn) {
        int b = Cells.parseBoolean(constant.trim());
        if (b < 0) {
          throw NodeException.atParam(
              nodeId,
              Clean.FILL_VALUE.name(),
              "\""
                  + n
                  + "\" holds yes/no"
                  + " values, but the fill value \""
                  + constant
                  + "\" is neither.",
              "Choose a fill value that fits every column, or limit \"Columns to fix\".");
        }
        return b == 1;
      }
      return constant;
    }
    if (kind instanceof NumberColumn && how.equals("mean")) {
      return df.agg(avg(c(n))).first().getDouble(0);
    }
    if (kind instanceof NumberColumn && how.equals("median")) {
      return df.agg(expr("percentile(`" + n.replace("`", "``") + "`, 0.5)")).first().getDouble(0);
    }
    if (kind instanceof BooleanColumn) {
      long yes = df.where(c(n).equalTo(true)).count();
      long no = df.where(c(n).equalTo(false)).count();
      return yes >= no;
    }
    // Most frequent; ties go to the smallest number, or to the value seen first in the file.
    Dataset<Row> counts =
        df.where(c(n).isNotNull())
            .groupBy(c(n))
            .agg(count(lit(1)).as("n"), min(col(ROW)).as("first"));
    Row top =
        kind instanceof NumberColumn
            ? counts.orderBy(col("n").desc(), c(n).asc()).first()
            : counts.orderBy(col("n").desc(), col("first").asc()).first();
    return top.get(0);
  }
}
