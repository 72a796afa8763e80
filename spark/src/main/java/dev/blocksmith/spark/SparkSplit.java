package dev.blocksmith.spark;

import static dev.blocksmith.spark.SparkFrame.ROW;
import static org.apache.spark.sql.functions.col;

import dev.blocksmith.engine.spi.Inputs;
import dev.blocksmith.engine.spi.NodeContext;
import dev.blocksmith.engine.spi.NodeException;
import dev.blocksmith.engine.spi.Params;
import dev.blocksmith.engine.value.Column;
import dev.blocksmith.engine.value.ColumnRole;
import dev.blocksmith.engine.value.NumberColumn;
import dev.blocksmith.engine.value.Table;
import dev.blocksmith.nodes.prepare.Split;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;

/**
 * Split on Spark, giving exactly the rows the local block gives: only the label and id columns (and
 * each row's place) come to the driver, where the local Split deals them with the same seed; the
 * assignment goes back to Spark as a join. The driver therefore holds two small values per row,
 * never the feature columns.
 */
final class SparkSplit {
  private SparkSplit() {}

  static List<SparkFrame> run(SparkSession spark, SparkFrame in, Params params, NodeContext ctx)
      throws NodeException, IOException {
    Table schema = in.schema();
    List<String> keep = new ArrayList<>();
    for (String n : schema.columnNames()) {
      ColumnRole r = schema.role(n);
      if (r == ColumnRole.LABEL || r == ColumnRole.ID) {
        keep.add(n);
      }
    }
    List<String> narrow = new ArrayList<>(keep);
    narrow.add(ROW);
    Table small =
        new SparkFrame(
                in.df()
                    .select(
                        narrow.stream()
                            .map(SparkFrame::c)
                            .toArray(org.apache.spark.sql.Column[]::new)),
                keepOnly(schema, keep),
                in.source())
            .toTableWithRow();
    Map<String, Object> parts =
        new Split().execute(new Inputs(ctx.nodeId(), Map.of("data", small)), params, ctx);
    StructType assign =
        new StructType().add(ROW, DataTypes.LongType).add("__part", DataTypes.IntegerType);
    List<Row> rows = new ArrayList<>();
    String[] names = {"train", "validation", "test"};
    for (int p = 0; p < 3; p++) {
      NumberColumn ids = (NumberColumn) ((Table) parts.get(names[p])).column(ROW).orElseThrow();
      for (int i = 0; i < ids.size(); i++) {
        rows.add(RowFactory.create((long) ids.get(i), p));
      }
    }
    Dataset<Row> joined = in.df().join(spark.createDataFrame(rows, assign), ROW);
    List<SparkFrame> out = new ArrayList<>();
    for (int p = 0; p < 3; p++) {
      out.add(in.withRows(joined.where(col("__part").equalTo(p)).drop("__part")));
    }
    return out;
  }

  private static Table keepOnly(Table schema, List<String> keep) {
    List<Column> cols = new ArrayList<>();
    for (Column c : schema.columns()) {
      if (keep.contains(c.name())) {
        cols.add(c);
      }
    }
    return Table.of(cols, schema.roles());
  }
}
