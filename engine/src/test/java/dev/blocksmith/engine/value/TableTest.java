package dev.blocksmith.engine.value;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class TableTest {
  private static Table people() {
    return Table.of(
        List.of(
            new NumberColumn("age", new double[] {30, 40, Double.NaN}),
            CategoryColumn.of("city", List.of("Rome", "Oslo", "Rome")),
            CategoryColumn.of("id", List.of("a", "b", "a"))),
        Map.of("city", ColumnRole.LABEL, "id", ColumnRole.ID));
  }

  @Test
  void columnsRolesAndRows() {
    Table t = people();
    assertThat(t.rowCount()).isEqualTo(3).isEqualTo(t.size());
    assertThat(t.columnNames()).containsExactly("age", "city", "id");
    assertThat(t.role("age")).isEqualTo(ColumnRole.FEATURE);
    assertThat(t.labelColumn().orElseThrow().name()).isEqualTo("city");
    assertThat(t.featureColumns()).extracting(Column::name).containsExactly("age");
    assertThat(t.stratumOf(1)).isEqualTo("Oslo");
    assertThat(t.groupOf(2)).isEqualTo("a");
    assertThat(t.headline()).isEqualTo("3 rows × 3 columns");
  }

  @Test
  void changesMakeCopiesAndKeepOneLabel() {
    Table t = people();
    Table relabelled = t.withRole("age", ColumnRole.LABEL);
    assertThat(relabelled.role("city")).isEqualTo(ColumnRole.FEATURE);
    assertThat(t.role("city")).isEqualTo(ColumnRole.LABEL);
    assertThat(t.withoutColumns(List.of("id")).columnNames()).containsExactly("age", "city");
    Table replaced = t.withColumn(new NumberColumn("age", new double[] {1, 2, 3}));
    assertThat(replaced.columnNames()).containsExactly("age", "city", "id");
    assertThat(((NumberColumn) replaced.column("age").orElseThrow()).get(2)).isEqualTo(3);
    Table picked = t.select(new int[] {2, 0});
    assertThat(picked.stratumOf(0)).isEqualTo("Rome");
    assertThat(picked.rowCount()).isEqualTo(2);
    assertThat(picked.role("id")).isEqualTo(ColumnRole.ID);
    assertThat(t).isEqualTo(people()).hasSameHashCodeAs(people());
  }

  @Test
  void refusesColumnsOfDifferentLengthsOrNames() {
    assertThatThrownBy(
            () ->
                Table.of(
                    List.of(
                        new NumberColumn("a", new double[] {1}),
                        new NumberColumn("b", new double[] {1, 2}))))
        .hasMessageContaining("column b has 2 rows but the table has 1");
    assertThatThrownBy(
            () ->
                Table.of(
                    List.of(
                        new NumberColumn("a", new double[] {1}),
                        new NumberColumn("a", new double[] {2}))))
        .hasMessageContaining("two columns are named a");
    assertThatThrownBy(() -> people().withRole("nope", ColumnRole.ID))
        .hasMessageContaining("no column named nope");
  }

  @Test
  void findsColumnsByNameInWideTablesAndAfterChanges() {
    java.util.List<Column> cols = new java.util.ArrayList<>();
    for (int j = 0; j < 3000; j++) {
      cols.add(new NumberColumn("g" + j, new double[] {j, Double.NaN}));
    }
    Table t = Table.of(cols);
    for (int j = 0; j < 3000; j += 7) {
      assertThat(((NumberColumn) t.column("g" + j).orElseThrow()).get(0)).isEqualTo(j);
    }
    assertThat(t.column("g3000")).isEmpty();
    Table replaced = t.withColumn(new NumberColumn("g5", new double[] {-1, -2}));
    assertThat(((NumberColumn) replaced.column("g5").orElseThrow()).get(0)).isEqualTo(-1);
    assertThat(((NumberColumn) t.column("g5").orElseThrow()).get(0)).isEqualTo(5);
    assertThat(t.withoutColumns(List.of("g9")).column("g9")).isEmpty();
    assertThat(t.column("g9").orElseThrow().name()).isEqualTo("g9");
  }

  @Test
  void countsGapsOnceAndRight() {
    NumberColumn c = new NumberColumn("x", new double[] {1, Double.NaN, 0, -0.0, Double.NaN});
    assertThat(c.missingCount()).isEqualTo(2).isEqualTo(c.missingCount());
    assertThat(new NumberColumn("y", new double[] {1, 2}).missingCount()).isZero();
    assertThat(c.select(new int[] {0, 2}).missingCount()).isZero();
    assertThat(c.select(new int[] {1, 1, 4}).missingCount()).isEqualTo(3);
  }

  @Test
  void summarisesPresentValuesOnce() {
    NumberColumn c = new NumberColumn("x", new double[] {2, Double.NaN, 4, 9});
    NumberColumn.Summary s = c.summary();
    assertThat(s.count()).isEqualTo(3);
    assertThat(s.mean()).isEqualTo(5.0);
    assertThat(s.std()).isCloseTo(Math.sqrt(26.0 / 3), org.assertj.core.data.Offset.offset(1e-12));
    assertThat(s.min()).isEqualTo(2.0);
    assertThat(s.max()).isEqualTo(9.0);
    assertThat(c.summary()).isSameAs(s);
    assertThat(c.missingCount()).isEqualTo(1);
    NumberColumn.Summary none = new NumberColumn("y", new double[] {Double.NaN}).summary();
    assertThat(none.count()).isZero();
    assertThat(none.mean()).isZero();
    assertThat(none.std()).isZero();
    assertThat(new NumberColumn("z", new double[] {1, Double.NEGATIVE_INFINITY}).summary().min())
        .isEqualTo(Double.NEGATIVE_INFINITY);
  }
}
