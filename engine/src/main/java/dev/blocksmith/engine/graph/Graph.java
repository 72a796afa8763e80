package dev.blocksmith.engine.graph;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * A pipeline: nodes, edges between named ports, and the canvas layout. Immutable; every edit
 * returns a new graph, which makes undo and caching simple.
 *
 * @param name short title
 * @param description what the pipeline does, in plain words
 * @param nodes the nodes in file order
 * @param edges the edges in file order
 * @param layout positions and sticky notes
 * @param extras other top-level sections (such as a lesson), kept as they are
 */
public record Graph(
    String name,
    String description,
    List<Node> nodes,
    List<Edge> edges,
    Layout layout,
    Map<String, JsonNode> extras) {

  /** An empty graph. */
  public static final Graph EMPTY =
      new Graph("Untitled", "", List.of(), List.of(), Layout.EMPTY, Map.of());

  /** Copies the collections and checks that node ids are unique. */
  public Graph {
    name = name == null ? "" : name;
    description = description == null ? "" : description;
    nodes = List.copyOf(nodes);
    edges = List.copyOf(edges);
    layout = layout == null ? Layout.EMPTY : layout;
    extras = Collections.unmodifiableMap(new LinkedHashMap<>(extras));
    Set<String> ids = new HashSet<>();
    for (Node n : nodes) {
      if (!ids.add(n.id())) {
        throw new IllegalArgumentException("Two nodes share the id \"" + n.id() + "\".");
      }
    }
  }

  /** Returns the node with this id, if any. */
  public Optional<Node> node(String id) {
    return nodes.stream().filter(n -> n.id().equals(id)).findFirst();
  }

  /** Returns the edges that end at this node. */
  public List<Edge> edgesInto(String nodeId) {
    return edges.stream().filter(e -> e.to().node().equals(nodeId)).toList();
  }

  /** Returns the edges that start at this node. */
  public List<Edge> edgesOutOf(String nodeId) {
    return edges.stream().filter(e -> e.from().node().equals(nodeId)).toList();
  }

  /** Returns a copy with a node added or, when one has the same id, replaced in place. */
  public Graph withNode(Node node) {
    List<Node> list = new ArrayList<>(nodes);
    int i = indexOf(node.id());
    if (i >= 0) {
      list.set(i, node);
    } else {
      list.add(node);
    }
    return new Graph(name, description, list, edges, layout, extras);
  }

  /** Returns a copy without the node, its edges and its position. */
  public Graph withoutNode(String id) {
    List<Node> list = nodes.stream().filter(n -> !n.id().equals(id)).toList();
    List<Edge> es =
        edges.stream()
            .filter(e -> !e.from().node().equals(id) && !e.to().node().equals(id))
            .toList();
    return new Graph(name, description, list, es, layout.withPosition(id, null), extras);
  }

  /** Returns a copy with an edge added. */
  public Graph withEdge(Edge edge) {
    List<Edge> es = new ArrayList<>(edges);
    es.add(edge);
    return new Graph(name, description, nodes, es, layout, extras);
  }

  /** Returns a copy without an edge. */
  public Graph withoutEdge(Edge edge) {
    List<Edge> es = new ArrayList<>(edges);
    es.remove(edge);
    return new Graph(name, description, nodes, es, layout, extras);
  }

  /** Returns a copy with one node's param set. */
  public Graph withParam(String nodeId, String param, JsonNode value) {
    Node n = node(nodeId).orElseThrow(() -> new IllegalArgumentException("no node " + nodeId));
    return withNode(n.withParam(param, value));
  }

  /** Returns a copy with another layout. */
  public Graph withLayout(Layout newLayout) {
    return new Graph(name, description, nodes, edges, newLayout, extras);
  }

  /** Returns a copy with another name and description. */
  public Graph withTitle(String newName, String newDescription) {
    return new Graph(newName, newDescription, nodes, edges, layout, extras);
  }

  /** Returns a node id based on {@code base} that no node uses yet. */
  public String freshId(String base) {
    String clean = base.replaceAll("[^A-Za-z0-9_-]", "-");
    if (clean.isEmpty() || !Character.isLetter(clean.charAt(0))) {
      clean = "n" + clean;
    }
    if (indexOf(clean) < 0) {
      return clean;
    }
    for (int i = 2; ; i++) {
      String c = clean + "-" + i;
      if (indexOf(c) < 0) {
        return c;
      }
    }
  }

  private int indexOf(String id) {
    for (int i = 0; i < nodes.size(); i++) {
      if (nodes.get(i).id().equals(id)) {
        return i;
      }
    }
    return -1;
  }
}
