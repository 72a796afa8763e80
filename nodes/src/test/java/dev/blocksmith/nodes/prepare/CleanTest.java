package dev.blocksmith.nodes.prepare;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import dev.blocksmith.engine.spi.Inputs;
import dev.blocksmith.engine.spi.NodeException;
import dev.blocksmith.engine.spi.Params;
import dev.blocksmith.engine.testing.TestContext;
import dev.blocksmith.engine.value.CategoryColumn;
import dev.blocksmith.engine.value.ColumnRole;
import dev.blocksmith.engine.value.NumberColumn;
import dev.blocksmith.engine.value.Report;
import dev.blocksmith.engine.value.Table;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class CleanTest {
  private static final double NA = Double.NaN;
  private final Clean block = new Clean();
  private final TestContext ctx = new TestContext("test").withBaseDir(Path.of("."));
  private Report report;

  private static Table table() {
    return Table.of(
        List.of(
            new NumberColumn("age", new double[] {20, NA, 40, 30, 30, 50}),
            CategoryColumn.of("city", Arrays.asList("Rome", "Oslo", null, "Rome", "Rome", "Oslo")),
            CategoryColumn.of("y", Arrays.asList("a", "b", "a", "b", "b", "a"))),
        Map.of("y", ColumnRole.LABEL));
  }

  private Table run(Table in, Object... params) throws Exception {
    Map<String, JsonNode> given = new HashMap<>();
    for (int i = 0; i < params.length; i += 2) {
      Object v = params[i + 1];
      given.put(
          (String) params[i],
          v instanceof Boolean b
              ? JsonNodeFactory.instance.booleanNode(b)
              : v instanceof Double d
                  ? JsonNodeFactory.instance.numberNode(d)
                  : JsonNodeFactory.instance.textNode((String) v));
    }
    Map<String, Object> out =
        block.execute(new Inputs("n1", Map.of("table", in)), Params.of(block.spec(), given), ctx);
    report = (Report) out.get("report");
    return (Table) out.get("table");
  }

  private double[] ages(Table t) {
    return ((NumberColumn) t.column("age").orElseThrow()).toArray();
  }

  @Test
  void dropsDuplicatesThenRowsWithMissingValues() throws Exception {
    Table t = run(table());
    assertThat(t.rowCount()).isEqualTo(3);
    assertThat(ctx.logText())
        .contains("Removed 1 duplicate row")
        .contains("Removed 2 rows with a missing value (\"age\": 1, \"city\": 1)");
    assertThat(report.findings())
        .extracting(f -> f.message())
        .contains("Removed 1 duplicate row (exact repeats of an earlier row).");
    assertThat(report.metrics()).containsEntry("rows before", 6.0).containsEntry("rows after", 3.0);
  }

  @Test
  void fillsWithTheMean() throws Exception {
    Table t = run(table(), Clean.MISSING.name(), "mean", Clean.DROP_DUPLICATES.name(), false);
    assertThat(ages(t)[1]).isEqualTo(34.0);
    assertThat(t.column("city").orElseThrow().format(2)).isEqualTo("Rome");
    assertThat(ctx.logText())
        .contains("Filled 1 missing value in \"age\" with the mean (34)")
        .contains("the most frequent value (Rome), since it holds no numbers");
  }

  @Test
  void fillsWithTheMedian() throws Exception {
    Table t = run(table(), Clean.MISSING.name(), "median", Clean.DROP_DUPLICATES.name(), false);
    assertThat(ages(t)[1]).isEqualTo(30.0);
  }

  @Test
  void fillsWithTheMostFrequentValue() throws Exception {
    Table t =
        run(table(), Clean.MISSING.name(), "most-frequent", Clean.DROP_DUPLICATES.name(), false);
    assertThat(ages(t)[1]).isEqualTo(30.0);
    assertThat(t.column("city").orElseThrow().format(2)).isEqualTo("Rome");
  }

  @Test
  void fillsWithAConstantPerColumn() throws Exception {
    Table t =
        run(
            table(),
            Clean.MISSING.name(),
            "constant",
            Clean.FILL_VALUE.name(),
            "0",
            Clean.MISSING_COLUMNS.name(),
            "age",
            Clean.DROP_DUPLICATES.name(),
            false);
    assertThat(ages(t)[1]).isEqualTo(0.0);
    assertThat(t.column("city").orElseThrow().isMissing(2)).isTrue();
  }

  @Test
  void aConstantThatDoesNotFitIsAClearError() {
    assertThatThrownBy(
            () ->
                run(table(), Clean.MISSING.name(), "constant", Clean.FILL_VALUE.name(), "unknown"))
        .isInstanceOf(NodeException.class)
        .hasMessage("\"age\" holds numbers, but the fill value \"unknown\" is not a number.");
    assertThatThrownBy(() -> run(table(), Clean.MISSING.name(), "constant"))
        .isInstanceOf(NodeException.class)
        .hasMessageContaining("no fill value is set");
  }

  @Test
  void neverGuessesALabel() throws Exception {
    Table in =
        table().withColumn(CategoryColumn.of("y", Arrays.asList("a", null, "a", "b", "b", "a")));
    Table t = run(in, Clean.MISSING.name(), "mean", Clean.DROP_DUPLICATES.name(), false);
    assertThat(t.rowCount()).isEqualTo(5);
    assertThat(ctx.logText()).contains("no value in the column to predict");
  }

  private static Table incomes() {
    double[] v = new double[40];
    for (int i = 0; i < v.length; i++) {
      v[i] = 30_000 + 500 * i;
    }
    v[7] = 900_000;
    v[8] = -5_000;
    return Table.of(List.of(new NumberColumn("income", v)));
  }

  @Test
  void clipsOutliersByTheIqrRule() throws Exception {
    Table t = run(incomes(), Clean.OUTLIERS.name(), "iqr");
    double[] v = ((NumberColumn) t.columns().get(0)).toArray();
    assertThat(t.rowCount()).isEqualTo(40);
    assertThat(v[7]).isCloseTo(60_416.7, org.assertj.core.data.Offset.offset(0.1));
    assertThat(ctx.logText())
        .contains("Clipped 2 values of \"income\": 1 above 60,416.7")
        .contains("and 1 below 20,083.3");
  }

  @Test
  void dropsOutliersByZScore() throws Exception {
    Table t =
        run(
            incomes(),
            Clean.OUTLIERS.name(),
            "zscore",
            Clean.OUTLIER_ACTION.name(),
            "drop",
            Clean.Z_LIMIT.name(),
            3.0);
    assertThat(t.rowCount()).isEqualTo(39);
    assertThat(ctx.logText()).contains("Removed 1 row holding outliers");
  }

  @Test
  void dropsColumnsAndNamesUnknownOnes() throws Exception {
    Table t = run(table(), Clean.DROP_COLUMNS.name(), "city", Clean.MISSING.name(), "keep");
    assertThat(t.columnNames()).containsExactly("age", "y");
    assertThatThrownBy(() -> run(table(), Clean.DROP_COLUMNS.name(), "town"))
        .isInstanceOf(NodeException.class)
        .hasMessage("There is no column \"town\". The columns are: age, city, y.");
  }
}
