package dev.blocksmith.engine.validate;

import dev.blocksmith.engine.graph.Edge;
import dev.blocksmith.engine.graph.Node;
import dev.blocksmith.engine.spi.NodeType;
import dev.blocksmith.engine.spi.Params;
import dev.blocksmith.engine.spi.PortSpec;
import dev.blocksmith.engine.spi.PortType;
import java.util.ArrayDeque;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Checks port types along edges using the output types each block infers from its inputs (KNIME's
 * "configure"), in topological order, skipping nodes on loops.
 */
final class TypeCheck {
  private TypeCheck() {}

  /** Returns a type in plain words with an article ("a table", "a model"). */
  static String words(PortType t) {
    return switch (t.id()) {
      case "images" -> "a set of images";
      case "data" -> "data (a table or images)";
      default -> {
        String l = t.label().toLowerCase(java.util.Locale.ROOT);
        yield ("aeiou".indexOf(l.charAt(0)) >= 0 ? "an " : "a ") + l;
      }
    };
  }

  static void run(
      ResolvedGraph g,
      Map<String, NodeType> types,
      Map<String, Params> params,
      List<Edge> edges,
      Set<String> inCycle,
      List<Problem> out) {
    Map<String, Integer> pending = new HashMap<>();
    Map<String, List<Edge>> outgoing = new HashMap<>();
    for (Node n : g.graph().nodes()) {
      pending.put(n.id(), 0);
    }
    for (Edge e : edges) {
      pending.merge(e.to().node(), 1, Integer::sum);
      outgoing.computeIfAbsent(e.from().node(), k -> new java.util.ArrayList<>()).add(e);
    }
    Map<String, Map<String, PortType>> inputTypes = new HashMap<>();
    Map<String, Map<String, PortType>> outputTypes = new HashMap<>();
    ArrayDeque<String> ready = new ArrayDeque<>();
    for (Node n : g.graph().nodes()) {
      if (pending.get(n.id()) == 0) {
        ready.add(n.id());
      }
    }
    while (!ready.isEmpty()) {
      String id = ready.poll();
      Node n = g.node(id).orElseThrow();
      NodeType t = types.get(id);
      Map<String, PortType> outs =
          t == null
              ? Map.of()
              : infer(n, t, params.get(id), inputTypes.getOrDefault(id, Map.of()), out);
      outputTypes.put(id, outs);
      for (Edge e : outgoing.getOrDefault(id, List.of())) {
        check(g, types, e, outs, out, inputTypes);
        String to = e.to().node();
        if (pending.merge(to, -1, Integer::sum) == 0 && !inCycle.contains(to)) {
          ready.add(to);
        }
      }
    }
  }

  private static Map<String, PortType> infer(
      Node n, NodeType t, Params params, Map<String, PortType> ins, List<Problem> out) {
    Map<String, PortType> declared = new LinkedHashMap<>();
    t.spec().outputs().forEach(p -> declared.put(p.name(), p.type()));
    if (params == null) {
      return declared; // settings it cannot read (a newer version): reported already
    }
    try {
      Map<String, PortType> inferred = t.inferOutputs(ins, params);
      if (inferred != null) {
        inferred.forEach(
            (k, v) -> {
              if (v != null) {
                declared.put(k, v);
              }
            });
      }
    } catch (RuntimeException e) {
      out.add(
          new Problem(
              "check-failed",
              n.id(),
              null,
              null,
              "The block '"
                  + t.spec().displayName()
                  + "' could not work out its output types ("
                  + e.getClass().getSimpleName()
                  + ": "
                  + e.getMessage()
                  + ").",
              "Check the blocks connected to it; if they look right, report this bug."));
    }
    return declared;
  }

  private static void check(
      ResolvedGraph g,
      Map<String, NodeType> types,
      Edge e,
      Map<String, PortType> outs,
      List<Problem> out,
      Map<String, Map<String, PortType>> inputTypes) {
    PortType given = outs.get(e.from().port());
    PortSpec input = types.get(e.to().node()).spec().input(e.to().port()).orElseThrow();
    if (given == null) {
      return;
    }
    inputTypes.computeIfAbsent(e.to().node(), k -> new HashMap<>()).put(input.name(), given);
    if (!input.type().accepts(given)) {
      Node to = g.node(e.to().node()).orElseThrow();
      Node from = g.node(e.from().node()).orElseThrow();
      out.add(
          new Problem(
              "type-mismatch",
              to.id(),
              input.name(),
              null,
              "'"
                  + Validator.nameOf(to, types)
                  + "' needs "
                  + words(input.type())
                  + " on its '"
                  + input.label()
                  + "' input but '"
                  + Validator.nameOf(from, types)
                  + "' gives "
                  + words(given)
                  + ".",
              "Connect a block that gives "
                  + words(input.type())
                  + ", or put a block between them"
                  + " that turns "
                  + words(given)
                  + " into "
                  + words(input.type())
                  + "."));
    }
  }
}
