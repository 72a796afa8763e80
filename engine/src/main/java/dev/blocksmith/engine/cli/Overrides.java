package dev.blocksmith.engine.cli;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.TextNode;
import dev.blocksmith.engine.graph.Graph;
import dev.blocksmith.engine.graph.GraphJson;
import dev.blocksmith.engine.graph.Node;
import dev.blocksmith.engine.registry.NodeRegistry;
import dev.blocksmith.engine.spi.NodeType;
import dev.blocksmith.engine.spi.ParamSpec;
import java.util.List;
import java.util.Optional;

/** Applies {@code --set node.param=value} overrides to a graph. */
final class Overrides {
  private Overrides() {}

  /**
   * Returns the graph with each override applied. A value is read as JSON when it parses ({@code
   * 5}, {@code true}, {@code [64,32]}), else kept as text ({@code moons}).
   *
   * @throws IllegalArgumentException with a plain message for a malformed override, an unknown node
   *     or an unknown param
   */
  static Graph apply(Graph graph, NodeRegistry registry, List<String> sets) {
    Graph g = graph;
    for (String set : sets) {
      int eq = set.indexOf('=');
      int dot = eq < 0 ? -1 : set.substring(0, eq).indexOf('.');
      if (eq < 0 || dot <= 0 || dot == eq - 1) {
        throw new IllegalArgumentException(
            "--set needs node.param=value (for example"
                + " train.epochs=5), but got \""
                + set
                + "\".");
      }
      String nodeId = set.substring(0, dot);
      String param = set.substring(dot + 1, eq);
      Optional<Node> node = g.node(nodeId);
      if (node.isEmpty()) {
        throw new IllegalArgumentException(
            "--set "
                + set
                + ": there is no block '"
                + nodeId
                + "' in this pipeline. Its blocks are: "
                + String.join(", ", g.nodes().stream().map(Node::id).toList())
                + ".");
      }
      Optional<NodeType> type = registry.find(node.get().type());
      if (type.isPresent() && type.get().spec().param(param).isEmpty()) {
        List<String> names = type.get().spec().params().stream().map(ParamSpec::name).toList();
        throw new IllegalArgumentException(
            "--set "
                + set
                + ": the block '"
                + nodeId
                + "' has no setting '"
                + param
                + "'. Its settings are: "
                + (names.isEmpty() ? "none" : String.join(", ", names))
                + ".");
      }
      g = g.withParam(nodeId, param, parse(set.substring(eq + 1)));
    }
    return g;
  }

  /** Returns the value as JSON when it parses as JSON, else as text. */
  static JsonNode parse(String value) {
    try {
      JsonNode n = GraphJson.mapper().readTree(value);
      return n == null || n.isMissingNode() ? TextNode.valueOf(value) : n;
    } catch (JsonProcessingException e) {
      return TextNode.valueOf(value);
    }
  }
}
