package dev.blocksmith.nodes.data.samples;

import dev.blocksmith.engine.value.CategoryColumn;
import dev.blocksmith.engine.value.ColumnRole;
import dev.blocksmith.engine.value.NumberColumn;
import dev.blocksmith.engine.value.Table;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

/**
 * A regression lesson: house prices from size, rooms, age and neighbourhood. The price follows a
 * simple rule plus noise, so a model can learn it and a learner can check what it learned.
 */
public final class HousePrices {
  /** The neighbourhoods and what each adds to the price. */
  private static final String[] NEIGHBOURHOODS = {"centre", "riverside", "suburb", "industrial"};

  private static final double[] PREMIUM = {90_000, 45_000, 0, -30_000};

  private HousePrices() {}

  /** Returns {@code rows} houses; the same seed always gives the same table. */
  public static Table generate(int rows, long seed) {
    SplittableRandom rnd = new SplittableRandom(seed);
    double[] size = new double[rows];
    double[] rooms = new double[rows];
    double[] age = new double[rows];
    double[] price = new double[rows];
    List<String> where = new ArrayList<>(rows);
    for (int i = 0; i < rows; i++) {
      size[i] = Math.round(35 + rnd.nextDouble() * 165);
      rooms[i] = Math.max(1, Math.min(8, Math.round(size[i] / 28 + rnd.nextGaussian() * 0.7)));
      age[i] = rnd.nextInt(0, 100);
      int n = rnd.nextInt(NEIGHBOURHOODS.length);
      where.add(NEIGHBOURHOODS[n]);
      double p =
          40_000
              + 2_300 * size[i]
              + 9_000 * rooms[i]
              - 700 * age[i]
              + PREMIUM[n]
              + rnd.nextGaussian() * 20_000;
      price[i] = Math.max(30_000, Math.round(p / 100) * 100.0);
    }
    return Table.of(
        List.of(
            NumberColumn.wrap("size_m2", size),
            NumberColumn.wrap("rooms", rooms),
            NumberColumn.wrap("age_years", age),
            CategoryColumn.of("neighbourhood", where),
            NumberColumn.wrap("price", price)),
        Map.of("price", ColumnRole.LABEL));
  }
}
