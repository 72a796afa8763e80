package dev.blocksmith.nodes.data.samples;

import java.util.List;
import java.util.Optional;

/** The built-in practice datasets, in the order the Sample data block lists them. */
public final class SampleGenerators {

  /** All generators; add a new dataset with one line here. */
  public static final List<SampleGenerator> ALL =
      List.of(new Spirals(), new Moons(), new Digits());

  private SampleGenerators() {}

  /** Returns the generator with this id, if any. */
  public static Optional<SampleGenerator> byId(String id) {
    return ALL.stream().filter(g -> g.id().equals(id)).findFirst();
  }
}
