package dev.blocksmith.editor.canvas;

import dev.blocksmith.engine.graph.Edge;
import dev.blocksmith.engine.graph.Graph;
import dev.blocksmith.engine.graph.PortRef;
import dev.blocksmith.engine.registry.NodeRegistry;
import dev.blocksmith.engine.spi.NodeSpec;
import dev.blocksmith.engine.spi.PortSpec;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HashSet;
import java.util.Optional;
import java.util.Set;

/** Decides whether an output may feed an input, and says why not in plain words. */
public final class Connections {
  private Connections() {}

  /**
   * Returns why the connection {@code from → to} is refused, or empty when it is allowed. Replacing
   * an existing edge into {@code to} is allowed: an input takes one edge, the new one wins.
   */
  public static Optional<String> refusal(Graph g, NodeRegistry registry, PortRef from, PortRef to) {
    if (from.node().equals(to.node())) {
      return Optional.of("A block can't feed itself: connect it to another block.");
    }
    Optional<PortSpec> out = spec(g, registry, from.node()).flatMap(s -> s.output(from.port()));
    Optional<PortSpec> in = spec(g, registry, to.node()).flatMap(s -> s.input(to.port()));
    if (out.isEmpty() || in.isEmpty()) {
      return Optional.of("Connect an output (right side) to an input (left side).");
    }
    if (!in.get().type().accepts(out.get().type())) {
      return Optional.of(
          "\""
              + in.get().label()
              + "\" takes "
              + article(in.get().type().label())
              + " ("
              + lower(in.get().type().description())
              + "), but \""
              + out.get().label()
              + "\" gives "
              + article(out.get().type().label())
              + ".");
    }
    if (reaches(g, to.node(), from.node())) {
      return Optional.of("That would make a loop: data can only flow forward.");
    }
    return Optional.empty();
  }

  /** Returns the graph with {@code from → to} added, replacing any edge already into {@code to}. */
  public static Graph connect(Graph g, PortRef from, PortRef to) {
    Graph out = g;
    for (Edge e : g.edgesInto(to.node())) {
      if (e.to().equals(to)) {
        out = out.withoutEdge(e);
      }
    }
    return out.withEdge(new Edge(from, to));
  }

  private static Optional<NodeSpec> spec(Graph g, NodeRegistry registry, String nodeId) {
    return g.node(nodeId).flatMap(n -> registry.find(n.type())).map(t -> t.spec());
  }

  private static boolean reaches(Graph g, String start, String goal) {
    Deque<String> todo = new ArrayDeque<>();
    Set<String> seen = new HashSet<>();
    todo.push(start);
    while (!todo.isEmpty()) {
      String n = todo.pop();
      if (n.equals(goal)) {
        return true;
      }
      if (seen.add(n)) {
        g.edgesOutOf(n).forEach(e -> todo.push(e.to().node()));
      }
    }
    return false;
  }

  private static String article(String label) {
    String l = label.toLowerCase(java.util.Locale.ROOT);
    return ("aeiou".indexOf(l.charAt(0)) >= 0 ? "an " : "a ") + label;
  }

  private static String lower(String s) {
    String t = s.endsWith(".") ? s.substring(0, s.length() - 1) : s;
    return t.isEmpty() ? t : Character.toLowerCase(t.charAt(0)) + t.substring(1);
  }
}
