package dev.blocksmith.engine.exec;

import java.time.Duration;
import java.util.Set;

/**
 * How to run a graph.
 *
 * @param targets run only these nodes and what they depend on ("Run to here"); empty means all
 * @param device "cpu", "gpu" or "gpu:N" to override the automatic choice; null for automatic
 * @param seed the seed for sampling and initialisation; null for the default (42)
 * @param reproducible pin the engine to one thread so repeated runs give identical numbers
 * @param blockTimeout the longest one block may run before it is stopped; null for no limit
 */
public record RunOptions(
    Set<String> targets, String device, Long seed, boolean reproducible, Duration blockTimeout) {

  /** The default seed. */
  public static final long DEFAULT_SEED = 42L;

  /** Run everything with automatic device choice and the default seed. */
  public static final RunOptions DEFAULTS = new RunOptions(Set.of(), null, null, false);

  /** Copies the targets and checks the time limit. */
  public RunOptions {
    targets = targets == null ? Set.of() : Set.copyOf(targets);
    if (blockTimeout != null && (blockTimeout.isNegative() || blockTimeout.isZero())) {
      throw new IllegalArgumentException("a block's time limit must be positive: " + blockTimeout);
    }
  }

  /** Returns options without a time limit per block. */
  public RunOptions(Set<String> targets, String device, Long seed, boolean reproducible) {
    this(targets, device, seed, reproducible, null);
  }

  /** Returns a copy in which no block may run longer than {@code limit} (null: no limit). */
  public RunOptions withBlockTimeout(Duration limit) {
    return new RunOptions(targets, device, seed, reproducible, limit);
  }

  /** Returns the seed to use. */
  public long effectiveSeed() {
    return seed == null ? DEFAULT_SEED : seed;
  }

  /** Returns a copy that runs only up to the given nodes. */
  public RunOptions withTargets(Set<String> newTargets) {
    return new RunOptions(newTargets, device, seed, reproducible, blockTimeout);
  }
}
