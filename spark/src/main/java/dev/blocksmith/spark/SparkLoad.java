package dev.blocksmith.spark;

import static dev.blocksmith.spark.SparkFrame.ROW;
import static dev.blocksmith.spark.SparkFrame.c;
import static org.apache.spark.sql.functions.approx_count_distinct;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.min;
import static org.apache.spark.sql.functions.monotonically_increasing_id;
import static org.apache.spark.sql.functions.sum;
import static org.apache.spark.sql.functions.udf;
import static org.apache.spark.sql.functions.when;

import dev.blocksmith.engine.spi.NodeException;
import dev.blocksmith.engine.value.BooleanColumn;
import dev.blocksmith.engine.value.CategoryColumn;
import dev.blocksmith.engine.value.Column;
import dev.blocksmith.engine.value.ColumnRole;
import dev.blocksmith.engine.value.NumberColumn;
import dev.blocksmith.engine.value.Table;
import dev.blocksmith.engine.value.TextColumn;
import dev.blocksmith.nodes.data.csv.Cells;
import dev.blocksmith.nodes.data.csv.ColumnBuilder;
import dev.blocksmith.nodes.data.csv.CsvLayout;
import dev.blocksmith.nodes.data.csv.CsvSniffer;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.api.java.UDF1;
import org.apache.spark.sql.expressions.UserDefinedFunction;
import org.apache.spark.sql.types.BooleanType;
import org.apache.spark.sql.types.DataType;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.NumericType;
import org.apache.spark.sql.types.StructField;

/**
 * Load CSV on Spark: the same detection and the same column types as the local block (numbers,
 * yes/no, categories, free text; the same missing-value markers and number syntax, from {@link
 * Cells}), computed with Spark jobs instead of one pass in memory. A path ending in {@code
 * .parquet} is read as Parquet (numbers and booleans keep their types, text is typed as above).
 */
final class SparkLoad {
  /** Text columns with more distinct values than this are free text without counting exactly. */
  private static final long MAX_LEVELS = 100_000;

  private SparkLoad() {}

  /** Where the file is: a local path resolved against the pipeline's folder, or a URL. */
  static String location(String raw, Path baseDir) {
    return raw.contains("://") ? raw : baseDir.resolve(raw).toAbsolutePath().normalize().toString();
  }

  /**
   * Reads a file into a frame.
   *
   * @param p the Load CSV params: file, label, group, idColumns, featureColumns ("Always learn
   *     from": never left out as free text), ignoreColumns ("Leave out": role ignore), skipBadRows,
   *     delimiter, header, encoding
   */
  static SparkFrame load(
      SparkSession spark,
      String nodeId,
      String raw,
      Path baseDir,
      String label,
      String group,
      String ids,
      String keep,
      String ignore,
      boolean skipBad,
      String delimiter,
      String header,
      String encoding,
      Consumer<String> log)
      throws NodeException, IOException {
    String where = location(raw, baseDir);
    String name = Path.of(raw).getFileName().toString();
    Dataset<Row> strings;
    boolean decimalComma = false;
    Set<String> typed = new HashSet<>();
    if (where.endsWith(".parquet") || where.endsWith(".parquet/")) {
      Dataset<Row> parquet =
          spark.read().parquet(where).withColumn(ROW, monotonically_increasing_id());
      strings = parquet;
      for (StructField f : parquet.schema().fields()) {
        if (f.name().equals(ROW)) {
          continue;
        }
        DataType t = f.dataType();
        if (t instanceof NumericType) {
          strings = strings.withColumn(f.name(), c(f.name()).cast(DataTypes.DoubleType));
          typed.add(f.name());
        } else if (t instanceof BooleanType) {
          typed.add(f.name());
        } else {
          strings = strings.withColumn(f.name(), c(f.name()).cast(DataTypes.StringType));
        }
      }
    } else {
      char sep = ',';
      boolean hasHeader = !header.equals("no");
      String charset = encoding.equals("auto") ? "UTF-8" : encoding;
      Path local = Path.of(where);
      if (!where.contains("://")) {
        if (!Files.isRegularFile(local)) {
          throw NodeException.atParam(
              nodeId,
              "file",
              "The file " + name + " was not found (looked for " + local + ").",
              "Check the name and folder, or pick the file again.");
        }
        CsvLayout layout = CsvSniffer.sniff(local, encoding, delimiter, header);
        sep = layout.delimiter();
        hasHeader = layout.header();
        charset = layout.charset().name();
        decimalComma = layout.decimalComma();
        layout.notes().forEach(log);
      } else if (!delimiter.equals("auto")) {
        sep = delimiter.equals("tab") ? '\t' : delimiter.charAt(0);
      }
      Dataset<Row> raw0 =
          spark
              .read()
              .option("header", false)
              .option("sep", String.valueOf(sep))
              .option("encoding", charset)
              .option("mode", skipBad ? "DROPMALFORMED" : "PERMISSIVE")
              .option("ignoreLeadingWhiteSpace", true)
              .option("ignoreTrailingWhiteSpace", true)
              .option("nullValue", "\u0000never")
              .option("emptyValue", "")
              .csv(where)
              .withColumn(ROW, monotonically_increasing_id());
      String[] cols = raw0.columns();
      List<String> names = new ArrayList<>();
      // The local reader keeps spaces around header names, so the header row is read untrimmed.
      Row first =
          hasHeader
              ? spark
                  .read()
                  .option("header", false)
                  .option("sep", String.valueOf(sep))
                  .option("encoding", charset)
                  .option("ignoreLeadingWhiteSpace", false)
                  .option("ignoreTrailingWhiteSpace", false)
                  .csv(where)
                  .first()
              : null;
      Set<String> seen = new HashSet<>();
      for (int j = 0; j < cols.length - 1; j++) {
        String cell = first == null || first.isNullAt(j) ? "" : first.getString(j);
        if (j == 0) {
          cell = cell.replace("\uFEFF", "");
        }
        String base = hasHeader && !cell.isEmpty() ? cell : "column " + (j + 1);
        String n = base;
        for (int k = 2; !seen.add(n); k++) {
          n = base + " (" + k + ")";
        }
        names.add(n);
      }
      Dataset<Row> body = hasHeader ? raw0.where(col(ROW).notEqual(0)) : raw0;
      for (int j = 0; j < names.size(); j++) {
        body = body.withColumnRenamed(cols[j], names.get(j));
      }
      strings = body;
    }
    return type(strings, typed, decimalComma, nodeId, name, label, group, ids, keep, ignore, log);
  }

  private static SparkFrame type(
      Dataset<Row> df,
      Set<String> typed,
      boolean decimalComma,
      String nodeId,
      String file,
      String label,
      String group,
      String ids,
      String keep,
      String ignore,
      Consumer<String> log)
      throws NodeException {
    UserDefinedFunction present =
        udf((UDF1<String, Boolean>) s -> s != null && !Cells.isMissing(s), DataTypes.BooleanType);
    UserDefinedFunction number =
        udf(
            (UDF1<String, Double>)
                s -> {
                  if (s == null || Cells.isMissing(s)) {
                    return null;
                  }
                  double v = Cells.parseNumber(s, decimalComma);
                  return Double.isNaN(v) ? null : v;
                },
            DataTypes.DoubleType);
    List<String> names = new ArrayList<>(List.of(df.columns()));
    names.remove(ROW);
    List<org.apache.spark.sql.Column> aggs = new ArrayList<>();
    for (String n : names) {
      if (typed.contains(n)) {
        aggs.add(lit(0L));
        aggs.add(lit(0L));
        aggs.add(approx_count_distinct(c(n)));
      } else {
        aggs.add(sum(when(present.apply(c(n)), 1L).otherwise(0L)));
        aggs.add(sum(when(number.apply(c(n)).isNotNull(), 1L).otherwise(0L)));
        aggs.add(approx_count_distinct(when(present.apply(c(n)), c(n))));
      }
    }
    Row stats =
        df.agg(
                aggs.get(0),
                aggs.subList(1, aggs.size()).toArray(org.apache.spark.sql.Column[]::new))
            .first();
    Set<String> forced = new HashSet<>(List.of(label.trim(), group.trim()));
    List<Column> schema = new ArrayList<>();
    Dataset<Row> out = df;
    Map<String, DataType> types = new LinkedHashMap<>();
    for (StructField f : df.schema().fields()) {
      types.put(f.name(), f.dataType());
    }
    for (int j = 0; j < names.size(); j++) {
      String n = names.get(j);
      long presentCount = stats.getLong(3 * j);
      long numbers = stats.getLong(3 * j + 1);
      long approx = stats.getLong(3 * j + 2);
      if (typed.contains(n)) {
        schema.add(
            types.get(n) instanceof BooleanType
                ? new BooleanColumn(n, new byte[0])
                : NumberColumn.wrap(n, new double[0]));
        continue;
      }
      if (numbers == presentCount) {
        out = out.withColumn(n, number.apply(c(n)));
        schema.add(NumberColumn.wrap(n, new double[0]));
        continue;
      }
      List<String> levels = approx > MAX_LEVELS ? null : levels(out, n, present);
      Column kind = kind(n, levels, presentCount, forced.contains(n));
      if (kind instanceof BooleanColumn) {
        UserDefinedFunction yes =
            udf(
                (UDF1<String, Boolean>)
                    s -> s == null || Cells.isMissing(s) ? null : Cells.parseBoolean(s) == 1,
                DataTypes.BooleanType);
        out = out.withColumn(n, yes.apply(c(n)));
      } else {
        out = out.withColumn(n, when(present.apply(c(n)), c(n)));
      }
      schema.add(kind);
    }
    Table t = Table.of(schema);
    t = roles(t, nodeId, file, label, group, ids, keep, ignore, out, log);
    return new SparkFrame(out, t, file);
  }

  /** Returns a text column's distinct values in order of first appearance. */
  static List<String> levels(Dataset<Row> df, String n, UserDefinedFunction present) {
    List<String> out = new ArrayList<>();
    for (Row r :
        df.where(present.apply(c(n)))
            .groupBy(c(n))
            .agg(min(col(ROW)).as("first"))
            .orderBy(col("first"))
            .collectAsList()) {
      out.add(r.getString(0));
    }
    return out;
  }

  /** The local typing rules ({@link ColumnBuilder#build}) applied to a text column's levels. */
  private static Column kind(String n, List<String> levels, long present, boolean forced) {
    if (levels == null) {
      return new TextColumn(n, new String[0]);
    }
    if (!forced && !levels.isEmpty()) {
      ColumnBuilder b = new ColumnBuilder(n, false, levels.size());
      levels.forEach(b::add);
      if (b.build(false) instanceof BooleanColumn) {
        return new BooleanColumn(n, new byte[0]);
      }
    }
    if (forced
        || levels.size() <= ColumnBuilder.CATEGORY_MAX_SMALL
        || levels.size() * 2L <= present) {
      return new CategoryColumn(n, levels, new int[0]);
    }
    return new TextColumn(n, new String[0]);
  }

  private static Table roles(
      Table t,
      String nodeId,
      String file,
      String label,
      String group,
      String ids,
      String keep,
      String ignore,
      Dataset<Row> df,
      Consumer<String> log)
      throws NodeException {
    Table out = t;
    // The same order as the local TableRoles: label, group, ids, then the columns left out.
    List<Map.Entry<String, String>> wanted = new ArrayList<>();
    if (!label.isBlank()) {
      wanted.add(Map.entry(label.trim(), "label"));
    }
    if (!group.isBlank()) {
      wanted.add(Map.entry(group.trim(), "group"));
    }
    for (String[] named :
        List.of(new String[] {ids, "idColumns"}, new String[] {ignore, "ignoreColumns"})) {
      for (String n : named[0].split(",")) {
        if (!n.isBlank()) {
          wanted.add(Map.entry(n.trim(), named[1]));
        }
      }
    }
    Set<String> kept = new HashSet<>();
    for (String n : keep.split(",")) {
      if (!n.isBlank()) {
        wanted.add(Map.entry(n.trim(), "featureColumns"));
        kept.add(n.trim());
      }
    }
    for (Map.Entry<String, String> w : wanted) {
      if (out.column(w.getKey()).isEmpty()) {
        throw NodeException.atParam(
            nodeId,
            w.getValue(),
            "The column \""
                + w.getKey()
                + "\" is not in "
                + file
                + ". Its columns are: "
                + String.join(", ", t.columnNames())
                + ".",
            "Pick one of those columns (names must match exactly, including capitals).");
      }
      ColumnRole role =
          switch (w.getValue()) {
            case "label" -> ColumnRole.LABEL;
            case "group" -> ColumnRole.GROUP;
            case "ignoreColumns" -> ColumnRole.IGNORE;
            case "featureColumns" -> null; // checked to exist; its role stays as it is
            default -> ColumnRole.ID;
          };
      if (role != null) {
        out = out.withRole(w.getKey(), role);
      }
    }
    if (!label.isBlank()) {
      long distinct =
          df.where(c(label.trim()).isNotNull()).select(c(label.trim())).distinct().limit(2).count();
      if (distinct < 2) {
        throw NodeException.atParam(
            nodeId,
            "label",
            "The column to predict, \""
                + label.trim()
                + "\", has fewer than two different values in "
                + file
                + ", so there is nothing to learn.",
            "Pick a column whose values differ between rows.");
      }
    }
    Map<String, Integer> kinds = new HashMap<>();
    for (Column col : out.columns()) {
      kinds.merge(col.type().name().toLowerCase(java.util.Locale.ROOT), 1, Integer::sum);
      if (col instanceof TextColumn
          && out.role(col.name()) == ColumnRole.FEATURE
          && !kept.contains(col.name())) {
        out = out.withRole(col.name(), ColumnRole.IGNORE);
        log.accept(
            "Column \""
                + col.name()
                + "\" holds free text, so it is kept but not"
                + " learned from.");
      }
    }
    log.accept("Column types: " + kinds + ".");
    return out;
  }
}
