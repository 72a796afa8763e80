package dev.blocksmith.engine.plan;

import dev.blocksmith.engine.graph.Edge;
import dev.blocksmith.engine.graph.Graph;
import dev.blocksmith.engine.graph.Node;
import dev.blocksmith.engine.graph.PortRef;
import dev.blocksmith.engine.registry.NodeRegistry;
import dev.blocksmith.engine.spi.NodeType;
import dev.blocksmith.engine.spi.Params;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Predicate;

/** Orders a validated graph and computes each node's signature. */
public final class Planner {
  private Planner() {}

  /**
   * Returns the plan of a graph.
   *
   * @param graph a graph without blocking problems
   * @param registry the installed blocks
   * @param baseDir the graph's folder
   * @param targets nodes to run (with what they depend on); empty means all
   * @param seed the run's seed, part of every signature
   * @param isCached tells whether outputs with a signature are in the cache
   * @throws PlanException when a block is missing, a target is unknown or the graph has a loop
   */
  public static Plan plan(
      Graph graph, NodeRegistry registry, Path baseDir, Set<String> targets, long seed,
      Predicate<String> isCached) throws PlanException {
    for (String t : targets) {
      if (graph.node(t).isEmpty()) {
        throw new PlanException("There is no block '" + t + "' to run to.");
      }
    }
    Set<String> wanted = targets.isEmpty() ? null : ancestors(graph, targets);
    List<Node> nodes =
        graph.nodes().stream().filter(n -> wanted == null || wanted.contains(n.id())).toList();
    Map<String, Integer> pending = new HashMap<>();
    Map<String, List<String>> next = new HashMap<>();
    nodes.forEach(n -> pending.put(n.id(), 0));
    for (Edge e : graph.edges()) {
      if (pending.containsKey(e.to().node()) && pending.containsKey(e.from().node())) {
        pending.merge(e.to().node(), 1, Integer::sum);
        next.computeIfAbsent(e.from().node(), k -> new ArrayList<>()).add(e.to().node());
      }
    }
    List<String> order = new ArrayList<>();
    ArrayDeque<String> ready = new ArrayDeque<>();
    nodes.stream().filter(n -> pending.get(n.id()) == 0).forEach(n -> ready.add(n.id()));
    while (!ready.isEmpty()) {
      String id = ready.poll();
      order.add(id);
      for (String to : next.getOrDefault(id, List.of())) {
        if (pending.merge(to, -1, Integer::sum) == 0) {
          ready.add(to);
        }
      }
    }
    if (order.size() != nodes.size()) {
      throw new PlanException("The graph has a loop, so it cannot run. Validate it to see where.");
    }
    Map<String, String> sigs = new HashMap<>();
    List<PlanStep> steps = new ArrayList<>();
    for (String id : order) {
      Node n = graph.node(id).orElseThrow();
      NodeType type = registry.find(n.type()).orElseThrow(() -> new PlanException(
          "The block '" + n.type() + "' used by '" + id + "' is not installed."));
      Params params = Params.of(type.spec(), n.params());
      Map<String, PortRef> inputs = new LinkedHashMap<>();
      Map<String, String> inputSigs = new LinkedHashMap<>();
      for (Edge e : graph.edgesInto(id)) {
        inputs.put(e.to().port(), e.from());
        inputSigs.put(e.to().port(), sigs.get(e.from().node()) + "#" + e.from().port());
      }
      String sig = Signatures.of(type, params, baseDir, seed, inputSigs);
      sigs.put(id, sig);
      steps.add(new PlanStep(n, type, params, inputs, sig, isCached.test(sig)));
    }
    return new Plan(steps);
  }

  /** Returns the given nodes and every node they depend on, directly or not. */
  public static Set<String> ancestors(Graph graph, Set<String> targets) {
    Set<String> seen = new LinkedHashSet<>(targets);
    ArrayDeque<String> todo = new ArrayDeque<>(targets);
    while (!todo.isEmpty()) {
      for (Edge e : graph.edgesInto(todo.poll())) {
        if (seen.add(e.from().node())) {
          todo.add(e.from().node());
        }
      }
    }
    return seen;
  }
}
