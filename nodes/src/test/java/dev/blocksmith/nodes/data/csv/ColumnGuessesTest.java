package dev.blocksmith.nodes.data.csv;

import static org.assertj.core.api.Assertions.assertThat;

import dev.blocksmith.engine.value.CategoryColumn;
import dev.blocksmith.engine.value.Column;
import dev.blocksmith.engine.value.ColumnRole;
import dev.blocksmith.engine.value.NumberColumn;
import dev.blocksmith.engine.value.Table;
import dev.blocksmith.engine.value.TextColumn;
import java.util.List;
import java.util.Random;
import java.util.Set;
import org.junit.jupiter.api.Test;

class ColumnGuessesTest {
  private static final int N = 60;

  private static double[] numbers(java.util.function.IntToDoubleFunction f) {
    double[] v = new double[N];
    for (int i = 0; i < N; i++) {
      v[i] = f.applyAsDouble(i);
    }
    return v;
  }

  private static String[] texts(java.util.function.IntFunction<String> f) {
    String[] v = new String[N];
    for (int i = 0; i < N; i++) {
      v[i] = f.apply(i);
    }
    return v;
  }

  private static List<ColumnGuesses.Guess> guess(Column... columns) {
    return ColumnGuesses.guess(Table.of(List.of(columns)), Set.of());
  }

  @Test
  void uniqueWholeNumbersNamedLikeAnIdAreAnId() {
    Random r = new Random(1);
    int[] ids = r.ints(100000, 999999).distinct().limit(N).toArray();
    List<ColumnGuesses.Guess> g =
        guess(
            new NumberColumn("patient_id", numbers(i -> ids[i])),
            new NumberColumn("size", numbers(i -> i % 7 + 0.5)));
    assertThat(g)
        .singleElement()
        .satisfies(
            x -> {
              assertThat(x.column()).isEqualTo("patient_id");
              assertThat(x.kind()).isEqualTo(ColumnGuesses.Kind.ID);
              assertThat(x.reason())
                  .isEqualTo("looks like an id: unique whole numbers and an id-like name");
            });
  }

  @Test
  void rowNumbersAndCodesAreIdsWithoutAnIdName() {
    List<ColumnGuesses.Guess> g =
        guess(
            new NumberColumn("row", numbers(i -> i + 1)),
            new TextColumn("ticket", texts(i -> "T-" + (1000 + i * 3))));
    assertThat(g)
        .extracting(ColumnGuesses.Guess::kind)
        .containsExactly(ColumnGuesses.Kind.ID, ColumnGuesses.Kind.ID);
    assertThat(g.get(0).reason()).contains("counting up row by row");
  }

  @Test
  void uniqueAmountsAndFractionsAreNotIds() {
    Random r = new Random(2);
    int[] income = r.ints(20000, 90000).distinct().limit(N).toArray();
    assertThat(
            guess(
                new NumberColumn("income", numbers(i -> income[i])),
                new NumberColumn("ratio_id", numbers(i -> i / 3.0))))
        .isEmpty();
  }

  @Test
  void datesBecomeYearMonthAndWeekday() {
    List<ColumnGuesses.Guess> g =
        guess(new TextColumn("visit_date", texts(i -> String.format("%02d.03.2024", i % 28 + 1))));
    assertThat(g)
        .singleElement()
        .satisfies(
            x -> {
              assertThat(x.kind()).isEqualTo(ColumnGuesses.Kind.DATE);
              assertThat(x.reason()).isEqualTo("holds dates (such as 01.03.2024)");
            });
    Table t =
        ColumnGuesses.apply(
            Table.of(
                List.of(
                    new TextColumn(
                        "visit_date", texts(i -> String.format("%02d.03.2024", i % 28 + 1))))),
            g);
    assertThat(t.role("visit_date")).isEqualTo(ColumnRole.IGNORE);
    assertThat(t.featureColumns())
        .extracting(Column::name)
        .containsExactly("visit_date year", "visit_date month", "visit_date weekday");
    // 1 March 2024 was a Friday (5).
    assertThat(((NumberColumn) t.column("visit_date weekday").orElseThrow()).get(0)).isEqualTo(5);
    assertThat(ColumnGuesses.message(g.get(0))).contains("learned from as visit_date year");
  }

  @Test
  void freeTextIsIgnoredButCategoriesAreKept() {
    CategoryColumn site =
        CategoryColumn.of("site", List.of(texts(i -> i % 2 == 0 ? "North" : "South")));
    List<ColumnGuesses.Guess> g =
        guess(
            site,
            new TextColumn("note", texts(i -> "called back on day " + i + " about the order")));
    assertThat(g)
        .singleElement()
        .satisfies(
            x -> {
              assertThat(x.column()).isEqualTo("note");
              assertThat(x.kind()).isEqualTo(ColumnGuesses.Kind.TEXT);
            });
  }

  @Test
  void columnsTheUserKeepsAreNotGuessed() {
    Table t = Table.of(List.of(new NumberColumn("row", numbers(i -> i + 1))));
    assertThat(ColumnGuesses.guess(t, Set.of("row"))).isEmpty();
    assertThat(ColumnGuesses.guess(t.withRole("row", ColumnRole.LABEL), Set.of())).isEmpty();
  }
}
