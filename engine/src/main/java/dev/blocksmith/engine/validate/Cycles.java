package dev.blocksmith.engine.validate;

import dev.blocksmith.engine.graph.Edge;
import dev.blocksmith.engine.graph.Node;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * Finds loops in a graph: strongly connected components by Tarjan's algorithm, run with an explicit
 * stack (no recursion), so a chain of any length cannot overflow the thread's stack. Linear in
 * nodes and edges.
 */
final class Cycles {
  private Cycles() {}

  /** Adds one "cycle" problem per node on a loop and returns the ids of those nodes. */
  static Set<String> report(ResolvedGraph g, List<Edge> edges, List<Problem> out) {
    List<List<String>> loops = find(g, edges);
    Set<String> inCycle = new LinkedHashSet<>();
    for (List<String> loop : loops) {
      String names = String.join(" → ", loop) + " → " + loop.get(0);
      for (String id : loop) {
        inCycle.add(id);
        out.add(
            new Problem(
                "cycle",
                id,
                null,
                null,
                "'"
                    + id
                    + "' is part of a loop: "
                    + names
                    + ". Data must flow one way, so none of these blocks could ever start.",
                "Delete one of the connections in the loop."));
      }
    }
    return inCycle;
  }

  /** Returns each loop as its node ids in file order. */
  static List<List<String>> find(ResolvedGraph g, List<Edge> edges) {
    List<Node> nodes = g.graph().nodes();
    int n = nodes.size();
    List<List<Integer>> next = new ArrayList<>(n);
    for (int i = 0; i < n; i++) {
      next.add(new ArrayList<>());
    }
    for (Edge e : edges) {
      int from = g.position(e.from().node());
      int to = g.position(e.to().node());
      if (from >= 0 && to >= 0) {
        next.get(from).add(to);
      }
    }
    List<List<Integer>> components = strongComponents(next);
    List<List<String>> loops = new ArrayList<>();
    for (List<Integer> comp : components) {
      int v = comp.get(0);
      if (comp.size() > 1 || next.get(v).contains(v)) {
        loops.add(
            comp.stream().sorted(Comparator.naturalOrder()).map(i -> nodes.get(i).id()).toList());
      }
    }
    return loops;
  }

  /** Tarjan's algorithm over nodes 0..n-1, iterative; components in the order they complete. */
  static List<List<Integer>> strongComponents(List<List<Integer>> next) {
    int n = next.size();
    int[] index = new int[n];
    int[] low = new int[n];
    int[] edge = new int[n];
    boolean[] onStack = new boolean[n];
    java.util.Arrays.fill(index, -1);
    int[] stack = new int[n];
    int top = 0;
    int[] call = new int[n];
    int depth = 0;
    int counter = 0;
    List<List<Integer>> out = new ArrayList<>();
    for (int root = 0; root < n; root++) {
      if (index[root] >= 0) {
        continue;
      }
      call[depth++] = root;
      index[root] = low[root] = counter++;
      stack[top++] = root;
      onStack[root] = true;
      while (depth > 0) {
        int v = call[depth - 1];
        List<Integer> succ = next.get(v);
        if (edge[v] < succ.size()) {
          int w = succ.get(edge[v]++);
          if (index[w] < 0) {
            index[w] = low[w] = counter++;
            stack[top++] = w;
            onStack[w] = true;
            call[depth++] = w;
          } else if (onStack[w]) {
            low[v] = Math.min(low[v], index[w]);
          }
          continue;
        }
        depth--;
        if (depth > 0) {
          int parent = call[depth - 1];
          low[parent] = Math.min(low[parent], low[v]);
        }
        if (low[v] == index[v]) {
          List<Integer> comp = new ArrayList<>();
          int w;
          do {
            w = stack[--top];
            onStack[w] = false;
            comp.add(w);
          } while (w != v);
          out.add(comp);
        }
      }
    }
    return out;
  }
}
