package dev.blocksmith.engine.plan;

import dev.blocksmith.engine.graph.Edge;
import dev.blocksmith.engine.graph.Graph;
import dev.blocksmith.engine.graph.Node;
import dev.blocksmith.engine.graph.PortRef;
import dev.blocksmith.engine.registry.NodeRegistry;
import dev.blocksmith.engine.validate.ResolvedGraph;
import dev.blocksmith.engine.validate.ResolvedGraph.ResolvedNode;
import dev.blocksmith.engine.validate.Validator;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Orders a resolved graph and computes each node's signature. Linear in nodes and edges (Kahn's
 * algorithm over the graph's edge index), with no recursion.
 */
public final class Planner {
  private Planner() {}

  /**
   * Resolves the graph and returns its plan; for callers that have not validated it. Prefer {@link
   * #plan(ResolvedGraph, Set, long)} with the form the validation made.
   *
   * @throws PlanException when a block is missing, a target is unknown or the graph has a loop
   */
  public static Plan plan(
      Graph graph, NodeRegistry registry, Path baseDir, Set<String> targets, long seed)
      throws PlanException {
    return plan(Validator.resolve(graph, registry, baseDir), targets, seed);
  }

  /**
   * Returns the plan of a resolved graph, reusing its blocks, params and wiring.
   *
   * @param graph the graph as validated, without blocking problems among the targets' ancestors
   * @param targets nodes to run (with what they depend on); empty means all
   * @param seed the run's seed, part of every signature
   * @throws PlanException when a block is missing, a target is unknown or the graph has a loop
   */
  public static Plan plan(ResolvedGraph graph, Set<String> targets, long seed)
      throws PlanException {
    for (String t : targets) {
      if (graph.node(t).isEmpty()) {
        throw new PlanException("There is no block '" + t + "' to run to.");
      }
    }
    Set<String> wanted = targets.isEmpty() ? null : graph.ancestors(targets);
    List<Node> nodes =
        graph.graph().nodes().stream()
            .filter(n -> wanted == null || wanted.contains(n.id()))
            .toList();
    Map<String, Integer> pending = new HashMap<>();
    nodes.forEach(n -> pending.put(n.id(), 0));
    for (Edge e : graph.graph().edges()) {
      if (pending.containsKey(e.to().node()) && pending.containsKey(e.from().node())) {
        pending.merge(e.to().node(), 1, Integer::sum);
      }
    }
    List<String> order = new ArrayList<>();
    ArrayDeque<String> ready = new ArrayDeque<>();
    nodes.stream().filter(n -> pending.get(n.id()) == 0).forEach(n -> ready.add(n.id()));
    while (!ready.isEmpty()) {
      String id = ready.poll();
      order.add(id);
      for (Edge e : graph.edgesOutOf(id)) {
        String to = e.to().node();
        if (pending.containsKey(to) && pending.merge(to, -1, Integer::sum) == 0) {
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
      ResolvedNode r =
          graph
              .resolved(id)
              .orElseThrow(
                  () ->
                      new PlanException(
                          "The block '"
                              + n.type()
                              + "' used by '"
                              + id
                              + "' is not installed, or cannot read"
                              + " the settings saved for it. Validate the graph to see why."));
      Map<String, String> inputSigs = new LinkedHashMap<>();
      for (Map.Entry<String, PortRef> in : r.inputs().entrySet()) {
        inputSigs.put(in.getKey(), sigs.get(in.getValue().node()) + "#" + in.getValue().port());
      }
      String sig = Signatures.of(r.type(), r.params(), graph.baseDir(), seed, inputSigs);
      sigs.put(id, sig);
      steps.add(new PlanStep(n, r.type(), r.params(), r.inputs(), sig));
    }
    return new Plan(steps);
  }
}
