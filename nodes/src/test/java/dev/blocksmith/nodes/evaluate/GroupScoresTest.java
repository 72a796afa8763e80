package dev.blocksmith.nodes.evaluate;

import static org.assertj.core.api.Assertions.assertThat;

import dev.blocksmith.engine.value.CategoryColumn;
import dev.blocksmith.engine.value.ColumnRole;
import dev.blocksmith.engine.value.Finding;
import dev.blocksmith.engine.value.NumberColumn;
import dev.blocksmith.engine.value.Table;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class GroupScoresTest {
  private static final List<String> CLASSES = List.of("no", "yes");

  /** Ten applicants: five of group A, then five of group B. */
  private static Table applicants(boolean withGroup) {
    List<String> groups = List.of("A", "A", "A", "A", "A", "B", "B", "B", "B", "B");
    return Table.of(
        List.of(new NumberColumn("income", new double[10]), CategoryColumn.of("group", groups)),
        withGroup ? Map.of("group", ColumnRole.GROUP) : Map.of());
  }

  @Test
  void warnsWhenTheModelFavoursOneGroup() {
    float[] actual = {1, 1, 1, 0, 0, 1, 1, 1, 0, 0}; // same past rate: 60 % each
    int[] predicted = {1, 1, 1, 1, 0, 1, 0, 0, 0, 0}; // model: 80 % vs 20 %
    GroupScores.Result r =
        GroupScores.of(applicants(true), actual, predicted, CLASSES).orElseThrow();
    assertThat(r.metrics())
        .containsEntry("predicted yes · group A", 0.8)
        .containsEntry("predicted yes · group B", 0.2)
        .containsEntry("actual yes · group A", 0.6)
        .containsEntry("accuracy · group A", 0.8);
    assertThat(r.findings())
        .singleElement()
        .satisfies(
            f -> {
              assertThat(f.level()).isEqualTo(Finding.Level.WARNING);
              assertThat(f.message()).contains("80 % of group A").contains("20 % of group B");
            });
  }

  @Test
  void notesWhenOnlyThePastAnswersDiffer() {
    float[] actual = {1, 1, 1, 1, 0, 1, 0, 0, 0, 0}; // past: 80 % vs 20 %
    int[] predicted = {1, 1, 0, 0, 0, 1, 1, 0, 0, 0}; // model: 40 % each
    GroupScores.Result r =
        GroupScores.of(applicants(true), actual, predicted, CLASSES).orElseThrow();
    assertThat(r.findings())
        .singleElement()
        .satisfies(
            f -> {
              assertThat(f.level()).isEqualTo(Finding.Level.INFO);
              assertThat(f.message()).contains("80 % of group A").contains("only 20 % of group B");
            });
  }

  @Test
  void skipsUnscoredRowsAndTablesWithoutAGroup() {
    float[] actual = {1, Float.NaN, 1, 0, 0, 1, 1, 1, 0, 0};
    int[] predicted = {1, 1, 0, 0, 1, 1, 1, 0, 0}; // nine scored rows
    GroupScores.Result r =
        GroupScores.of(applicants(true), actual, predicted, CLASSES).orElseThrow();
    assertThat(r.metrics()).containsEntry("accuracy · group A", 1.0);
    assertThat(GroupScores.of(applicants(false), actual, predicted, CLASSES)).isEmpty();
  }
}
