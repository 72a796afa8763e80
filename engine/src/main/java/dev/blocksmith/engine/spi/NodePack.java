package dev.blocksmith.engine.spi;

import java.util.List;

/**
 * A set of blocks shipped together, such as a plugin jar. Registered through {@link
 * java.util.ServiceLoader}; the ids of its blocks must start with {@link #namespace()}.
 */
public interface NodePack {

  /** Returns the pack's namespace, the first part of its block ids ("acme"). */
  String namespace();

  /** Returns a plain-language name for the pack. */
  String displayName();

  /** Returns the blocks of the pack. */
  List<NodeType> types();
}
