package dev.blocksmith.engine.exec;

import java.util.Set;

/**
 * How to run a graph.
 *
 * @param targets run only these nodes and what they depend on ("Run to here"); empty means all
 * @param device "cpu", "gpu" or "gpu:N" to override the automatic choice; null for automatic
 * @param seed the seed for sampling and initialisation; null for the default (42)
 * @param reproducible pin the engine to one thread so repeated runs give identical numbers
 */
public record RunOptions(Set<String> targets, String device, Long seed, boolean reproducible) {

  /** The default seed. */
  public static final long DEFAULT_SEED = 42L;

  /** Run everything with automatic device choice and the default seed. */
  public static final RunOptions DEFAULTS = new RunOptions(Set.of(), null, null, false);

  /** Copies the targets. */
  public RunOptions {
    targets = targets == null ? Set.of() : Set.copyOf(targets);
  }

  /** Returns the seed to use. */
  public long effectiveSeed() {
    return seed == null ? DEFAULT_SEED : seed;
  }

  /** Returns a copy that runs only up to the given nodes. */
  public RunOptions withTargets(Set<String> newTargets) {
    return new RunOptions(newTargets, device, seed, reproducible);
  }
}
