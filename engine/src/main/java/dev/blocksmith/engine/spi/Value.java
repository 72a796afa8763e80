package dev.blocksmith.engine.spi;

/**
 * A value that flows on an edge. Values are immutable, plain Java (no native memory), and safe to
 * share between threads and to keep in the cache.
 */
public interface Value {

  /** Returns the kind in plain words ("table", "set of images", "model", "report"). */
  String kind();

  /** Returns one short line for the node's card, such as "1,000 rows × 3 columns". */
  String headline();
}
