package dev.blocksmith.engine.validate;

import com.fasterxml.jackson.databind.JsonNode;
import dev.blocksmith.engine.graph.Edge;
import dev.blocksmith.engine.graph.Graph;
import dev.blocksmith.engine.graph.Node;
import dev.blocksmith.engine.graph.PortRef;
import dev.blocksmith.engine.registry.NodeRegistry;
import dev.blocksmith.engine.spi.NodeSpec;
import dev.blocksmith.engine.spi.NodeType;
import dev.blocksmith.engine.spi.ParamSpec;
import dev.blocksmith.engine.spi.ParamType;
import dev.blocksmith.engine.spi.Params;
import dev.blocksmith.engine.spi.PortSpec;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Finds every problem in a graph at once, before anything runs: unknown blocks, bad params, edges
 * to missing nodes or ports, several edges into one input, missing inputs, cycles and port type
 * mismatches. Never throws for a broken graph; a block whose checks throw is reported, not fatal.
 */
public final class Validator {
  private Validator() {}

  /**
   * Returns all problems of the graph, in node order, each tied to a node; paths are checked under
   * {@link PathPolicy#standard()}.
   */
  public static List<Problem> validate(Graph graph, NodeRegistry registry, Path baseDir) {
    return resolve(graph, registry, baseDir).problems();
  }

  /** Returns all problems of the graph, with its paths checked under the given policy. */
  public static List<Problem> validate(
      Graph graph, NodeRegistry registry, Path baseDir, PathPolicy policy) {
    return resolve(graph, registry, baseDir, policy).problems();
  }

  /** Returns {@link #resolve(Graph, NodeRegistry, Path, PathPolicy)} under the standard policy. */
  public static ResolvedGraph resolve(Graph graph, NodeRegistry registry, Path baseDir) {
    return resolve(graph, registry, baseDir, PathPolicy.standard());
  }

  /**
   * Validates the graph once and returns its resolved form: every problem, and for each node whose
   * block is installed (and whose saved version it can read) the block, the params with defaults
   * merged and the input wiring. Near-linear in nodes and edges; nothing recurses. Every file and
   * folder param is checked by {@link PathChecks} under {@code policy}: with a {@code baseDir}, a
   * path must lie in it or be allowed by the policy.
   */
  public static ResolvedGraph resolve(
      Graph graph, NodeRegistry registry, Path baseDir, PathPolicy policy) {
    ResolvedGraph r = new ResolvedGraph(graph, baseDir);
    List<Problem> out = new ArrayList<>();
    Map<String, NodeType> types = new LinkedHashMap<>();
    Map<String, Params> params = new HashMap<>();
    for (Node n : graph.nodes()) {
      Optional<NodeType> t = registry.find(n.type());
      if (t.isEmpty()) {
        out.add(
            new Problem(
                "unknown-block",
                n.id(),
                null,
                null,
                "'" + n.id() + "' uses the block '" + n.type() + "', which is not installed.",
                "Install the plugin that provides '" + n.type() + "', or delete this block."));
        continue;
      }
      types.put(n.id(), t.get());
      Map<String, JsonNode> given = BlockVersions.readable(n, t.get(), out);
      if (given != null) {
        Params p = Params.of(t.get().spec(), given);
        params.put(n.id(), p);
        checkParams(n, t.get(), given, p, baseDir, out);
      }
    }
    List<Edge> usable = checkEdges(r, types, out);
    checkMissingInputs(graph, types, out);
    Set<String> inCycle = Cycles.report(r, usable, out);
    TypeCheck.run(r, types, params, usable, inCycle, out);
    Map<String, Map<String, PortRef>> wiring = new HashMap<>();
    for (Edge e : usable) {
      wiring
          .computeIfAbsent(e.to().node(), k -> new LinkedHashMap<>())
          .putIfAbsent(e.to().port(), e.from());
    }
    for (Node n : graph.nodes()) {
      Params p = params.get(n.id());
      if (p != null) {
        r.put(
            new ResolvedGraph.ResolvedNode(
                n, types.get(n.id()), p, wiring.getOrDefault(n.id(), Map.of())));
      }
    }
    out.addAll(PathChecks.problems(r, policy));
    r.setProblems(out);
    return r;
  }

  /** Returns the name a user sees for a node: its label, else its block's name, else its id. */
  static String nameOf(Node n, Map<String, NodeType> types) {
    if (n.label() != null && !n.label().isBlank()) {
      return n.label();
    }
    NodeType t = types.get(n.id());
    return t == null ? n.id() : t.spec().displayName();
  }

  private static void checkParams(
      Node n,
      NodeType type,
      Map<String, JsonNode> givenParams,
      Params params,
      Path baseDir,
      List<Problem> out) {
    NodeSpec spec = type.spec();
    int before = out.size();
    for (String given : givenParams.keySet()) {
      if (spec.param(given).isEmpty()) {
        out.add(
            new Problem(
                "unknown-param",
                n.id(),
                null,
                given,
                "'"
                    + spec.displayName()
                    + "' has no setting called '"
                    + given
                    + "'; it is ignored.",
                "Remove it, or check its spelling. Known settings: " + names(spec) + "."));
      }
    }
    for (ParamSpec p : spec.params()) {
      JsonNode effective = params.values().get(p.name());
      Optional<String> msg;
      try {
        msg = p.check(effective);
      } catch (RuntimeException e) {
        msg = Optional.of("\"" + p.label() + "\" could not be checked: " + e.getMessage());
      }
      if (msg.isPresent()) {
        boolean missing = effective == null || effective.isNull();
        String code =
            missing ? "missing-param" : fitsJsonType(p, effective) ? "param-range" : "param-type";
        out.add(new Problem(code, n.id(), null, p.name(), msg.get(), fixFor(p)));
      }
    }
    boolean paramsOk = out.subList(before, out.size()).stream().allMatch(Problem::isWarning);
    if (!paramsOk) {
      return; // block-specific checks may assume well-typed params
    }
    try {
      for (NodeType.ParamProblem pp : type.checkParams(params, baseDir)) {
        ParamType pt = spec.param(pp.param()).map(ParamSpec::type).orElse(ParamType.TEXT);
        String code =
            pt == ParamType.FILE || pt == ParamType.FOLDER ? "missing-file" : "param-invalid";
        out.add(new Problem(code, n.id(), null, pp.param(), pp.message(), pp.fix()));
      }
    } catch (RuntimeException e) {
      out.add(
          new Problem(
              "check-failed",
              n.id(),
              null,
              null,
              "The block '"
                  + spec.displayName()
                  + "' could not check its settings ("
                  + e.getClass().getSimpleName()
                  + ": "
                  + e.getMessage()
                  + ").",
              "This is a bug in the block; report it with the graph file."));
    }
  }

  private static boolean fitsJsonType(ParamSpec p, JsonNode v) {
    return switch (p.type()) {
      case INTEGER -> v.isIntegralNumber();
      case NUMBER -> v.isNumber();
      case BOOLEAN -> v.isBoolean();
      case INTEGER_LIST -> v.isArray() && allIntegral(v);
      default -> v.isTextual();
    };
  }

  private static boolean allIntegral(JsonNode array) {
    for (JsonNode item : array) {
      if (!item.isIntegralNumber()) {
        return false;
      }
    }
    return true;
  }

  private static String fixFor(ParamSpec p) {
    if (p.type() == ParamType.CHOICE) {
      return "Pick one of: " + String.join(", ", p.choices()) + ".";
    }
    if (p.min() != null || p.max() != null) {
      return "Use a value"
          + (p.min() != null ? " from " + plain(p.min()) : "")
          + (p.max() != null ? " up to " + plain(p.max()) : "")
          + ".";
    }
    return "Set \"" + p.label() + "\" in the block's settings.";
  }

  private static String plain(double d) {
    return d == Math.rint(d) ? Long.toString((long) d) : Double.toString(d);
  }

  private static String names(NodeSpec spec) {
    List<String> ns = spec.params().stream().map(ParamSpec::name).toList();
    return ns.isEmpty() ? "none" : String.join(", ", ns);
  }

  /** Checks both ends of every edge; returns the edges that join existing ports of known blocks. */
  private static List<Edge> checkEdges(
      ResolvedGraph g, Map<String, NodeType> types, List<Problem> out) {
    List<Edge> usable = new ArrayList<>();
    Map<String, List<Edge>> intoInput = new LinkedHashMap<>();
    for (Edge e : g.graph().edges()) {
      Optional<Node> from = g.node(e.from().node());
      Optional<Node> to = g.node(e.to().node());
      if (from.isEmpty() || to.isEmpty()) {
        String missing = from.isEmpty() ? e.from().node() : e.to().node();
        String owner = from.isPresent() ? from.get().id() : to.map(Node::id).orElse(missing);
        out.add(
            new Problem(
                "edge-to-missing-node",
                owner,
                null,
                null,
                "The connection "
                    + e
                    + " points to a block '"
                    + missing
                    + "' that is not in the graph.",
                "Delete this connection."));
        continue;
      }
      boolean ok = true;
      NodeType ft = types.get(from.get().id());
      if (ft != null && ft.spec().output(e.from().port()).isEmpty()) {
        out.add(unknownPort(from.get().id(), e.from().port(), "output", ft.spec().outputs()));
        ok = false;
      }
      NodeType tt = types.get(to.get().id());
      if (tt != null && tt.spec().input(e.to().port()).isEmpty()) {
        out.add(unknownPort(to.get().id(), e.to().port(), "input", tt.spec().inputs()));
        ok = false;
      }
      intoInput.computeIfAbsent(e.to().toString(), k -> new ArrayList<>()).add(e);
      if (ok && ft != null && tt != null) {
        usable.add(e);
      }
    }
    intoInput.forEach(
        (input, edges) -> {
          if (edges.size() > 1) {
            out.add(
                new Problem(
                    "multiple-edges-into-input",
                    edges.get(0).to().node(),
                    edges.get(0).to().port(),
                    null,
                    "The input '"
                        + input
                        + "' has "
                        + edges.size()
                        + " connections ("
                        + String.join(", ", edges.stream().map(x -> x.from().toString()).toList())
                        + "); an input takes exactly one.",
                    "Delete all but one of the connections into '" + input + "'."));
          }
        });
    return usable;
  }

  private static Problem unknownPort(String nodeId, String port, String dir, List<PortSpec> ports) {
    List<String> names = ports.stream().map(PortSpec::name).toList();
    return new Problem(
        "unknown-port",
        nodeId,
        port,
        null,
        "'" + nodeId + "' has no " + dir + " called '" + port + "'.",
        names.isEmpty()
            ? "Delete this connection; the block has no " + dir + "s."
            : "Connect to one of its " + dir + "s instead: " + String.join(", ", names) + ".");
  }

  private static void checkMissingInputs(Graph g, Map<String, NodeType> types, List<Problem> out) {
    Set<String> connected = new HashSet<>();
    for (Edge e : g.edges()) {
      connected.add(e.to().toString());
    }
    for (Node n : g.nodes()) {
      NodeType t = types.get(n.id());
      if (t == null) {
        continue;
      }
      for (PortSpec in : t.spec().inputs()) {
        if (!in.optional() && !connected.contains(n.id() + "." + in.name())) {
          out.add(
              new Problem(
                  "missing-input",
                  n.id(),
                  in.name(),
                  null,
                  "'"
                      + nameOf(n, types)
                      + "' needs "
                      + TypeCheck.words(in.type())
                      + " on its '"
                      + in.label()
                      + "' input, but nothing is connected there.",
                  "Connect a block that gives "
                      + TypeCheck.words(in.type())
                      + " to '"
                      + n.id()
                      + "."
                      + in.name()
                      + "'."));
        }
      }
    }
  }
}
