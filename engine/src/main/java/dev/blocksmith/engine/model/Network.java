package dev.blocksmith.engine.model;

import ai.djl.nn.Block;
import ai.djl.nn.Parameter;
import ai.djl.nn.SequentialBlock;
import java.util.List;

/**
 * DJL's {@link SequentialBlock} that remembers its parameters once they are all initialised. DJL
 * asks {@link #isInitialized()} at every training forward pass, and the stock answer walks the
 * whole block tree, building a list of every parameter with its prefixed name each time; in a fresh
 * process the JIT spent about 200 ms compiling that walk during the run (BENCHMARKS.md). The answer
 * is the same: the remembered parameters are checked one by one, and adding or removing a block
 * forgets them. Blocks inside still check themselves when they run, as they always do. Same block
 * tree and weights file as a plain {@link SequentialBlock}.
 */
public final class Network extends SequentialBlock {
  private volatile List<Parameter> ready;

  @Override
  public boolean isInitialized() {
    List<Parameter> known = ready;
    if (known != null) {
      for (Parameter p : known) {
        if (!p.isInitialized()) {
          ready = null;
          return false;
        }
      }
      return true;
    }
    if (!super.isInitialized()) {
      return false;
    }
    ready = List.copyOf(getParameters().values());
    return true;
  }

  @Override
  public SequentialBlock add(Block block) {
    ready = null;
    return super.add(block);
  }

  @Override
  public void removeLastBlock() {
    ready = null;
    super.removeLastBlock();
  }
}
