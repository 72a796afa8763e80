package dev.blocksmith.nodes.prepare;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.blocksmith.engine.spi.NodeException;
import dev.blocksmith.engine.spi.Params;
import dev.blocksmith.engine.testing.TestContext;
import dev.blocksmith.engine.value.CategoryColumn;
import dev.blocksmith.engine.value.ColumnRole;
import dev.blocksmith.engine.value.NumberColumn;
import dev.blocksmith.engine.value.Table;
import dev.blocksmith.nodes.Run;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

class SplitTest {
  /** 1,000 rows: 900 of class "common", 100 of "rare"; ids shared by 4 consecutive rows. */
  private static Table data() {
    List<String> labels = new ArrayList<>();
    double[] ids = new double[1000];
    double[] x = new double[1000];
    for (int i = 0; i < 1000; i++) {
      labels.add(i % 10 == 0 ? "rare" : "common");
      ids[i] = i / 4;
      x[i] = i;
    }
    return Table.of(
        List.of(
            new NumberColumn("x", x),
            new NumberColumn("patient", ids),
            CategoryColumn.of("y", labels)),
        Map.of("y", ColumnRole.LABEL, "patient", ColumnRole.ID));
  }

  private static Map<String, Object> split(Object... params) throws Exception {
    try (TestContext ctx = new TestContext("split")) {
      return Run.block(new Split(), Map.of("data", data()), ctx, params);
    }
  }

  private static int count(Table t, String label) {
    int n = 0;
    for (int r = 0; r < t.rowCount(); r++) {
      n += label.equals(t.stratumOf(r)) ? 1 : 0;
    }
    return n;
  }

  @Test
  void sharesAreRespectedAndPartsAreDisjoint() throws Exception {
    Map<String, Object> parts =
        split(
            "trainShare", 0.6, "validationShare", 0.2, "testShare", 0.1, "keepIdsTogether", false);
    Table train = (Table) parts.get("train");
    Table validation = (Table) parts.get("validation");
    Table test = (Table) parts.get("test");
    assertThat(train.rowCount()).isEqualTo(600);
    assertThat(validation.rowCount()).isEqualTo(200);
    assertThat(test.rowCount()).isEqualTo(100);
    Set<Double> seen = new HashSet<>();
    for (Table t : List.of(train, validation, test)) {
      NumberColumn x = (NumberColumn) t.column("x").orElseThrow();
      for (int r = 0; r < t.rowCount(); r++) {
        assertThat(seen.add(x.get(r))).isTrue();
      }
    }
  }

  @Test
  void stratificationKeepsTheRareClassInEveryPart() throws Exception {
    Map<String, Object> parts = split("keepIdsTogether", false);
    assertThat(count((Table) parts.get("train"), "rare")).isEqualTo(70);
    assertThat(count((Table) parts.get("validation"), "rare")).isEqualTo(15);
    assertThat(count((Table) parts.get("test"), "rare")).isEqualTo(15);
  }

  @Test
  void rowsWithTheSameIdStayTogether() throws Exception {
    Map<String, Object> parts = split("stratify", false);
    List<Set<Double>> ids = new ArrayList<>();
    for (String p : List.of("train", "validation", "test")) {
      Table t = (Table) parts.get(p);
      NumberColumn id = (NumberColumn) t.column("patient").orElseThrow();
      Set<Double> s = new HashSet<>();
      for (int r = 0; r < t.rowCount(); r++) {
        s.add(id.get(r));
      }
      ids.add(s);
      assertThat(t.rowCount()).isEqualTo(4 * s.size());
    }
    assertThat(ids.get(0))
        .doesNotContainAnyElementsOf(ids.get(1))
        .doesNotContainAnyElementsOf(ids.get(2));
    assertThat(ids.get(1)).doesNotContainAnyElementsOf(ids.get(2));
    assertThat(((Table) parts.get("train")).rowCount()).isBetween(680, 720);
  }

  @Test
  void sharesAboveOneAreAProblemBeforeRunning() throws Exception {
    Split split = new Split();
    Params p =
        Params.of(
            split.spec(),
            Map.of(
                "trainShare",
                com.fasterxml.jackson.databind.node.JsonNodeFactory.instance.numberNode(0.9)));
    assertThat(split.checkParams(p, null))
        .singleElement()
        .satisfies(pr -> assertThat(pr.message()).contains("120 %"));
    assertThatThrownBy(() -> split("trainShare", 0.9))
        .isInstanceOf(NodeException.class)
        .hasMessageContaining("more than all the data");
  }

  @Test
  void sameSeedSameSplit() throws Exception {
    assertThat(split().get("test")).isEqualTo(split().get("test"));
    assertThat(split("seed", 2).get("test")).isNotEqualTo(split().get("test"));
  }
}
