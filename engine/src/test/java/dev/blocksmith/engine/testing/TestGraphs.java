package dev.blocksmith.engine.testing;

import com.fasterxml.jackson.databind.JsonNode;
import dev.blocksmith.engine.graph.Edge;
import dev.blocksmith.engine.graph.Graph;
import dev.blocksmith.engine.graph.Layout;
import dev.blocksmith.engine.graph.Node;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** Builds small graphs for tests: {@code TestGraphs.of("g").node("a", "test.source").edge(...)}. */
public final class TestGraphs {
  private final String name;
  private final List<Node> nodes = new ArrayList<>();
  private final List<Edge> edges = new ArrayList<>();

  private TestGraphs(String name) {
    this.name = name;
  }

  /** Returns an empty builder for a graph with this name. */
  public static TestGraphs of(String name) {
    return new TestGraphs(name);
  }

  /** Adds a node with no params. */
  public TestGraphs node(String id, String type) {
    nodes.add(Node.of(id, type));
    return this;
  }

  /** Adds a node with params. */
  public TestGraphs node(String id, String type, Map<String, JsonNode> params) {
    nodes.add(new Node(id, type, 1, null, params));
    return this;
  }

  /** Adds an edge {@code "a.out" → "b.in"}. */
  public TestGraphs edge(String from, String to) {
    edges.add(Edge.of(from, to));
    return this;
  }

  /** Returns the graph. */
  public Graph build() {
    return new Graph(name, "", nodes, edges, Layout.EMPTY, Map.of());
  }
}
