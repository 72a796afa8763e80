package dev.blocksmith.nodes.train;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.blocksmith.engine.spi.NodeException;
import dev.blocksmith.engine.testing.TestContext;
import dev.blocksmith.engine.value.CategoryColumn;
import dev.blocksmith.engine.value.Column;
import dev.blocksmith.engine.value.ColumnRole;
import dev.blocksmith.engine.value.NumberColumn;
import dev.blocksmith.engine.value.Table;
import dev.blocksmith.nodes.Run;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Data that would train into a useless model is reported by column before training. */
class SuspiciousDataTest {
  private static final int ROWS = 60;

  private static Table table(Column extra, List<String> labels) {
    double[] x = new double[ROWS];
    for (int i = 0; i < ROWS; i++) {
      x[i] = i;
    }
    return Table.of(List.of(new NumberColumn("x", x), extra, CategoryColumn.of("y", labels)))
        .withRole("y", ColumnRole.LABEL);
  }

  private static List<String> twoClasses() {
    List<String> y = new ArrayList<>();
    for (int i = 0; i < ROWS; i++) {
      y.add(i % 2 == 0 ? "a" : "b");
    }
    return y;
  }

  private static TestContext train(Table t) throws Exception {
    TestContext ctx = new TestContext("train");
    Run.block(new Train(), Map.of("train", t), ctx, "epochs", 1, "hiddenSizes", List.of(2));
    return ctx;
  }

  @Test
  void allMissingFeatureIsRefusedByName() {
    double[] empty = new double[ROWS];
    Arrays.fill(empty, Double.NaN);
    assertThatThrownBy(() -> train(table(new NumberColumn("income", empty), twoClasses())))
        .isInstanceOf(NodeException.class)
        .hasMessageContaining("Column \"income\" has no values at all");
  }

  @Test
  void extremeValuesAreRefusedByNameAndRow() {
    double[] big = new double[ROWS];
    big[7] = 1e308;
    assertThatThrownBy(() -> train(table(new NumberColumn("price", big), twoClasses())))
        .isInstanceOf(NodeException.class)
        .hasMessageContaining("Column \"price\" holds the extreme value 1e308 (row 8)");
  }

  @Test
  void textInANumberColumnIsReportedByNameAndRow() throws Exception {
    List<String> ages = new ArrayList<>();
    for (int i = 0; i < ROWS; i++) {
      ages.add(i == 5 ? "n/a" : String.valueOf(20 + i % 7));
    }
    try (TestContext ctx = train(table(CategoryColumn.of("age", ages), twoClasses()))) {
      assertThat(ctx.logText())
          .contains("Column \"age\" looks like numbers")
          .contains("\"n/a\" (row 6)");
    }
  }

  @Test
  void labelWithMoreClassesThanRowsCanTeachIsRefused() {
    List<String> ids = new ArrayList<>();
    for (int i = 0; i < ROWS; i++) {
      ids.add("id-" + i);
    }
    assertThatThrownBy(() -> train(table(new NumberColumn("z", new double[ROWS]), ids)))
        .isInstanceOf(NodeException.class)
        .hasMessageContaining("Column \"y\" has 60 different values in 60 rows");
  }
}
