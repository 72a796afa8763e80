package dev.blocksmith.engine.spi;

/**
 * A block that can say what running it will cost before it runs (a training block). The engine runs
 * everything upstream (from the cache when it can) and calls {@link #estimate} with the real
 * inputs; the block may time a few training steps but must not train the model it would output, and
 * must keep its probe short (a couple of seconds).
 */
public interface Estimable {

  /**
   * Returns the block's estimate for these inputs and params.
   *
   * @param inputs the values on the connected inputs, as a run would give them
   * @param params the node's params, defaults filled in
   * @param ctx the device, the seed, a DJL manager and a log for notes
   * @param probeSeconds how long its timing probe may take at most, in all
   */
  Estimate estimate(Inputs inputs, Params params, NodeContext ctx, double probeSeconds)
      throws Exception;
}
