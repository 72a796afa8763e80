package dev.blocksmith.engine.validate;

import dev.blocksmith.engine.graph.Edge;
import dev.blocksmith.engine.graph.Graph;
import dev.blocksmith.engine.graph.Node;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** Finds loops in a graph (strongly connected components, Tarjan's algorithm). */
final class Cycles {
  private final Map<String, List<String>> next = new HashMap<>();
  private final Map<String, Integer> index = new HashMap<>();
  private final Map<String, Integer> low = new HashMap<>();
  private final Deque<String> stack = new ArrayDeque<>();
  private final Set<String> onStack = new LinkedHashSet<>();
  private final List<List<String>> loops = new ArrayList<>();
  private int counter;

  private Cycles() {}

  /** Adds one "cycle" problem per node on a loop and returns the ids of those nodes. */
  static Set<String> report(Graph g, List<Edge> edges, List<Problem> out) {
    List<List<String>> loops = find(g, edges);
    Set<String> inCycle = new LinkedHashSet<>();
    for (List<String> loop : loops) {
      String names = String.join(" → ", loop) + " → " + loop.get(0);
      for (String id : loop) {
        inCycle.add(id);
        out.add(new Problem("cycle", id, null, null,
            "'" + id + "' is part of a loop: " + names
                + ". Data must flow one way, so none of these blocks could ever start.",
            "Delete one of the connections in the loop."));
      }
    }
    return inCycle;
  }

  /** Returns each loop as its node ids in file order. */
  static List<List<String>> find(Graph g, List<Edge> edges) {
    Cycles c = new Cycles();
    for (Edge e : edges) {
      c.next.computeIfAbsent(e.from().node(), k -> new ArrayList<>()).add(e.to().node());
    }
    for (Node n : g.nodes()) {
      if (!c.index.containsKey(n.id())) {
        c.connect(n.id());
      }
    }
    List<String> order = g.nodes().stream().map(Node::id).toList();
    List<List<String>> sorted = new ArrayList<>();
    for (List<String> loop : c.loops) {
      sorted.add(loop.stream().sorted((a, b) -> order.indexOf(a) - order.indexOf(b)).toList());
    }
    return sorted;
  }

  // Recursive Tarjan; graphs are capped at GraphJson.MAX_NODES, and loops are short in practice.
  private void connect(String v) {
    index.put(v, counter);
    low.put(v, counter);
    counter++;
    stack.push(v);
    onStack.add(v);
    for (String w : next.getOrDefault(v, List.of())) {
      if (!index.containsKey(w)) {
        connect(w);
        low.put(v, Math.min(low.get(v), low.get(w)));
      } else if (onStack.contains(w)) {
        low.put(v, Math.min(low.get(v), index.get(w)));
      }
    }
    if (low.get(v).equals(index.get(v))) {
      List<String> comp = new ArrayList<>();
      String w;
      do {
        w = stack.pop();
        onStack.remove(w);
        comp.add(w);
      } while (!w.equals(v));
      boolean selfLoop = next.getOrDefault(v, List.of()).contains(v);
      if (comp.size() > 1 || selfLoop) {
        loops.add(comp);
      }
    }
  }
}
