package dev.blocksmith.engine.validate;

import dev.blocksmith.engine.graph.Edge;
import dev.blocksmith.engine.graph.Graph;
import dev.blocksmith.engine.graph.Node;
import dev.blocksmith.engine.graph.PortRef;
import dev.blocksmith.engine.spi.NodeType;
import dev.blocksmith.engine.spi.Params;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * A graph validated once and resolved for everything that follows: each node's block, its params
 * with defaults merged (built once, after any version migration), its input wiring, the edges
 * indexed by node, and every problem found. The planner, the type check and the run all read this
 * form instead of looking things up again. Made by {@link Validator#resolve}.
 */
public final class ResolvedGraph {
  private final Graph graph;
  private final Path baseDir;
  private final Map<String, Node> byId;
  private final Map<String, Integer> position;
  private final Map<String, ResolvedNode> resolved;
  private final Map<String, List<Edge>> into;
  private final Map<String, List<Edge>> outOf;
  private List<Problem> problems = List.of();

  /**
   * A node whose block is installed.
   *
   * @param node the node as the graph holds it
   * @param type its block
   * @param params its params after migration, defaults merged: the one object every step uses
   * @param inputs where each connected input comes from, by input port name (usable edges only)
   */
  public record ResolvedNode(Node node, NodeType type, Params params, Map<String, PortRef> inputs) {

    /** Copies the inputs, keeping their order. */
    public ResolvedNode {
      inputs = Collections.unmodifiableMap(new LinkedHashMap<>(inputs));
    }

    /** Returns the node's id. */
    public String id() {
      return node.id();
    }
  }

  ResolvedGraph(Graph graph, Path baseDir) {
    this.graph = graph;
    this.baseDir = baseDir;
    this.byId = new LinkedHashMap<>();
    this.position = new HashMap<>();
    this.resolved = new LinkedHashMap<>();
    this.into = new HashMap<>();
    this.outOf = new HashMap<>();
    for (Node n : graph.nodes()) {
      position.putIfAbsent(n.id(), byId.size());
      byId.putIfAbsent(n.id(), n);
    }
    for (Edge e : graph.edges()) {
      into.computeIfAbsent(e.to().node(), k -> new ArrayList<>()).add(e);
      outOf.computeIfAbsent(e.from().node(), k -> new ArrayList<>()).add(e);
    }
  }

  void put(ResolvedNode node) {
    resolved.put(node.id(), node);
  }

  void setProblems(List<Problem> found) {
    problems = List.copyOf(found);
  }

  /** Returns the graph as given. */
  public Graph graph() {
    return graph;
  }

  /** Returns the graph's folder, for relative paths (may be null). */
  public Path baseDir() {
    return baseDir;
  }

  /** Returns every problem, warnings included, in node order. */
  public List<Problem> problems() {
    return problems;
  }

  /** Returns a node of the graph by id, in constant time. */
  public Optional<Node> node(String id) {
    return Optional.ofNullable(byId.get(id));
  }

  /** Returns a node's place in the file (0 for the first), or -1 when there is none. */
  public int position(String id) {
    return position.getOrDefault(id, -1);
  }

  /**
   * Returns the resolved form of a node, empty when it is missing or its block is not installed.
   */
  public Optional<ResolvedNode> resolved(String id) {
    return Optional.ofNullable(resolved.get(id));
  }

  /** Returns every edge of the graph that ends at this node (usable or not). */
  public List<Edge> edgesInto(String id) {
    return into.getOrDefault(id, List.of());
  }

  /** Returns every edge of the graph that starts at this node (usable or not). */
  public List<Edge> edgesOutOf(String id) {
    return outOf.getOrDefault(id, List.of());
  }

  /** Returns the given nodes and every node they depend on, directly or not (iterative). */
  public Set<String> ancestors(Set<String> targets) {
    Set<String> seen = new LinkedHashSet<>(targets);
    ArrayDeque<String> todo = new ArrayDeque<>(targets);
    while (!todo.isEmpty()) {
      for (Edge e : edgesInto(todo.poll())) {
        if (seen.add(e.from().node())) {
          todo.add(e.from().node());
        }
      }
    }
    return seen;
  }
}
