package com.example.blocksmith;

import dev.blocksmith.engine.spi.NodePack;
import dev.blocksmith.engine.spi.NodeType;
import java.util.List;

/** The example pack: its block ids all start with {@code example.}. */
public final class ExamplePack implements NodePack {

  @Override
  public String namespace() {
    return "example";
  }

  @Override
  public String displayName() {
    return "Example blocks";
  }

  @Override
  public List<NodeType> types() {
    return List.of(new AddNoise());
  }
}
