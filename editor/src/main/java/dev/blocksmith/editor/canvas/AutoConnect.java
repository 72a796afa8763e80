package dev.blocksmith.editor.canvas;

import dev.blocksmith.engine.graph.Edge;
import dev.blocksmith.engine.graph.Graph;
import dev.blocksmith.engine.graph.Node;
import dev.blocksmith.engine.registry.NodeRegistry;
import dev.blocksmith.engine.spi.NodeSpec;
import dev.blocksmith.engine.spi.PortSpec;
import java.util.Optional;

/**
 * Wires a block added right after another: each input of the new block takes the selected block's
 * output of the same name, else (required inputs only) its first unused output of a fitting type;
 * inputs still free take an unused output of a fitting type from any other block (Split's test part
 * for Evaluate's data). So Load CSV, Split, Train and Evaluate added in turn are connected as a
 * beginner expects.
 */
final class AutoConnect {
  private AutoConnect() {}

  /** Returns {@code g} with the new block {@code added} wired after {@code after}. */
  static Graph wire(Graph g, NodeRegistry registry, String after, String added) {
    Optional<NodeSpec> to = spec(g, registry, added);
    Optional<NodeSpec> from = spec(g, registry, after);
    if (to.isEmpty() || from.isEmpty()) {
      return g;
    }
    Graph out = g;
    for (PortSpec in : to.get().inputs()) {
      Graph now = out;
      Optional<PortSpec> src =
          from.get().outputs().stream()
              .filter(o -> o.name().equals(in.name()) && in.type().accepts(o.type()))
              .findFirst()
              .or(
                  () ->
                      in.optional()
                          ? Optional.empty()
                          : from.get().outputs().stream()
                              .filter(o -> in.type().accepts(o.type()))
                              .filter(o -> !used(now, after, o.name()))
                              .findFirst());
      if (src.isPresent()) {
        out = out.withEdge(Edge.of(after + "." + src.get().name(), added + "." + in.name()));
      }
    }
    for (PortSpec in : to.get().inputs()) {
      if (!in.optional()
          && out.edgesInto(added).stream().noneMatch(e -> e.to().port().equals(in.name()))) {
        Graph now = out;
        for (Node n : g.nodes()) {
          if (n.id().equals(added) || n.id().equals(after)) {
            continue;
          }
          Optional<PortSpec> free =
              spec(g, registry, n.id()).stream()
                  .flatMap(s -> s.outputs().stream())
                  .filter(o -> in.type().accepts(o.type()) && !used(now, n.id(), o.name()))
                  .findFirst();
          if (free.isPresent()) {
            out = out.withEdge(Edge.of(n.id() + "." + free.get().name(), added + "." + in.name()));
            break;
          }
        }
      }
    }
    return out;
  }

  private static boolean used(Graph g, String node, String port) {
    return g.edgesOutOf(node).stream().anyMatch(e -> e.from().port().equals(port));
  }

  private static Optional<NodeSpec> spec(Graph g, NodeRegistry registry, String id) {
    return g.node(id).flatMap(n -> registry.find(n.type())).map(t -> t.spec());
  }
}
