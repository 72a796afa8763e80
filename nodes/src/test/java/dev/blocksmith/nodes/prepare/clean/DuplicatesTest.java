package dev.blocksmith.nodes.prepare.clean;

import static org.assertj.core.api.Assertions.assertThat;

import dev.blocksmith.engine.value.BooleanColumn;
import dev.blocksmith.engine.value.CategoryColumn;
import dev.blocksmith.engine.value.Column;
import dev.blocksmith.engine.value.NumberColumn;
import dev.blocksmith.engine.value.Table;
import dev.blocksmith.engine.value.TextColumn;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Random;
import java.util.Set;
import org.junit.jupiter.api.Test;

class DuplicatesTest {

  /** The plain definition: a row is kept when no earlier row has the same cells. */
  private static int[] reference(Table t) {
    Set<List<Object>> seen = new HashSet<>();
    List<Integer> keep = new ArrayList<>();
    for (int r = 0; r < t.rowCount(); r++) {
      List<Object> cells = new ArrayList<>();
      for (Column c : t.columns()) {
        if (c instanceof NumberColumn n) {
          cells.add(Double.doubleToLongBits(n.get(r))); // Double.compare's notion of equal
        } else if (c instanceof CategoryColumn x) {
          cells.add(x.code(r));
        } else if (c instanceof BooleanColumn x) {
          cells.add(x.get(r));
        } else {
          cells.add(((TextColumn) c).get(r));
        }
      }
      if (seen.add(cells)) {
        keep.add(r);
      }
    }
    return keep.stream().mapToInt(Integer::intValue).toArray();
  }

  private static Table random(Random rnd, int rows, int distinct) {
    double[] nums = {0.0, -0.0, 1.5, Double.NaN, 1e300, -7};
    double[] a = new double[rows];
    String[] cats = new String[rows];
    byte[] yes = new byte[rows];
    String[] text = new String[rows];
    for (int r = 0; r < rows; r++) {
      int pick = rnd.nextInt(distinct);
      a[r] = nums[pick % nums.length];
      cats[r] = pick % 3 == 0 ? null : "c" + (pick % 4);
      yes[r] = (byte) (pick % 5 == 0 ? -1 : pick % 2);
      text[r] = pick % 7 == 0 ? null : "t" + (pick % 6);
    }
    List<String> catList = new ArrayList<>();
    for (String c : cats) {
      catList.add(c);
    }
    return Table.of(
        List.of(
            new NumberColumn("a", a),
            CategoryColumn.of("c", catList),
            new BooleanColumn("b", yes),
            new TextColumn("t", text)));
  }

  @Test
  void keepsExactlyTheFirstOccurrenceOfEveryRowOnRandomTables() {
    Random rnd = new Random(7);
    for (int i = 0; i < 200; i++) {
      Table t = random(rnd, rnd.nextInt(300), 1 + rnd.nextInt(60));
      assertThat(Duplicates.firstOccurrences(t)).isEqualTo(reference(t));
    }
  }

  @Test
  void anEmptyTableAndOneRowKeepEverything() {
    assertThat(Duplicates.firstOccurrences(random(new Random(1), 0, 3))).isEmpty();
    assertThat(Duplicates.firstOccurrences(random(new Random(1), 1, 3))).containsExactly(0);
  }

  @Test
  void rowsThatDifferOnlyInOneColumnAreBothKept() {
    Table t =
        Table.of(
            List.of(
                new NumberColumn("x", new double[] {1, 1, 1, 2}),
                new NumberColumn("y", new double[] {5, 5, 6, 5})));
    assertThat(Duplicates.firstOccurrences(t)).containsExactly(0, 2, 3);
  }
}
