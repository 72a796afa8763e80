package dev.blocksmith.nodes.data.samples;

import dev.blocksmith.engine.spi.PortType;
import dev.blocksmith.engine.value.Dataset;
import dev.blocksmith.engine.value.Table;

/**
 * A practice table whose messiness is part of its lesson (planted bias, missing values), so the
 * block's noise setting does not apply to it.
 *
 * @param id stable id stored in graph files
 * @param label plain-language name for the choice list
 * @param generator makes the table from a row count and a seed
 */
public record TableSample(String id, String label, Generator generator) implements SampleGenerator {

  /** Makes a table from a row count and a seed. */
  @FunctionalInterface
  public interface Generator {
    /** Returns the table. */
    Table generate(int rows, long seed);
  }

  @Override
  public PortType outputType() {
    return PortType.TABLE;
  }

  @Override
  public Dataset generate(int size, double noise, long seed) {
    return generator.generate(size, seed);
  }
}
