package dev.blocksmith.nodes.data.samples;

import java.util.List;
import java.util.Optional;

/** The built-in practice datasets, in the order the Sample data block lists them. */
public final class SampleGenerators {

  /** All generators; add a new dataset with one line here. */
  public static final List<SampleGenerator> ALL =
      List.of(
          new Spirals(),
          new Moons(),
          new Digits(),
          new FashionMnist(false),
          new FashionMnist(true),
          new TableSample(
              "loans",
              "Loan approvals (table with a sensitive group and a planted bias)",
              LoanApprovals::generate),
          new TableSample(
              "house-prices",
              "House prices (table: size, rooms, age, area → price)",
              HousePrices::generate),
          new TableSample(
              "sensor-readings",
              "Sensor readings (messy table: gaps, duplicates, glitches)",
              SensorReadings::generate));

  private SampleGenerators() {}

  /** Returns the generator with this id, if any. */
  public static Optional<SampleGenerator> byId(String id) {
    return ALL.stream().filter(g -> g.id().equals(id)).findFirst();
  }
}
