package dev.blocksmith.engine.value;

import dev.blocksmith.engine.spi.Value;

/** Examples to learn from: a {@link Table} or an {@link ImageSet}. */
public sealed interface Dataset extends Value permits Table, ImageSet {

  /** Returns the number of examples. */
  int size();

  /** Returns a dataset holding only the given examples, in that order. */
  Dataset subset(int[] rows);

  /** Returns the label of an example as text, for stratified splits, or null when none. */
  String stratumOf(int row);

  /** Returns the group (id) an example belongs to, for group-aware splits, or null when none. */
  String groupOf(int row);
}
