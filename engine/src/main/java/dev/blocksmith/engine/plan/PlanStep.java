package dev.blocksmith.engine.plan;

import dev.blocksmith.engine.graph.Node;
import dev.blocksmith.engine.graph.PortRef;
import dev.blocksmith.engine.spi.NodeType;
import dev.blocksmith.engine.spi.Params;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * One node of a plan, ready to run.
 *
 * @param node the node
 * @param type its block
 * @param params its params, defaults filled in
 * @param inputs where each connected input comes from, by input port name
 * @param signature the cache key of its outputs
 */
public record PlanStep(
    Node node, NodeType type, Params params, Map<String, PortRef> inputs, String signature) {

  /** Copies the inputs, keeping their order. */
  public PlanStep {
    inputs = Collections.unmodifiableMap(new LinkedHashMap<>(inputs));
  }

  /** Returns the node's id. */
  public String id() {
    return node.id();
  }

  /** Returns the ids of the nodes this one reads from, without duplicates. */
  public List<String> upstream() {
    return inputs.values().stream().map(PortRef::node).distinct().toList();
  }

  /** Returns whether only one such block may run at a time (it trains). */
  public boolean heavy() {
    return type.spec().heavy();
  }

  /** Returns the name a user sees: the node's label, else its block's name. */
  public String displayName() {
    return node.label() != null && !node.label().isBlank()
        ? node.label()
        : type.spec().displayName();
  }
}
