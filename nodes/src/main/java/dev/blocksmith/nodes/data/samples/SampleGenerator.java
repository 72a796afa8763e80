package dev.blocksmith.nodes.data.samples;

import dev.blocksmith.engine.spi.PortType;
import dev.blocksmith.engine.value.Dataset;

/**
 * One built-in practice dataset, generated deterministically from a seed. To add one, write a class
 * implementing this interface and add one line to {@link SampleGenerators#ALL}.
 */
public interface SampleGenerator {

  /** Returns the stable id stored in graph files ("spirals"). */
  String id();

  /** Returns the plain-language name shown in the choice list ("Two spirals"). */
  String label();

  /** Returns whether it produces a table or images. */
  PortType outputType();

  /**
   * Returns the dataset.
   *
   * @param size number of examples
   * @param noise how messy the data is: 0 is perfectly clean, 1 is very messy
   * @param seed the same seed gives the same data
   */
  Dataset generate(int size, double noise, long seed);
}
