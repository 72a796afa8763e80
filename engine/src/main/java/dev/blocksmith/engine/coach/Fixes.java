package dev.blocksmith.engine.coach;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.TextNode;
import dev.blocksmith.engine.graph.Edge;
import dev.blocksmith.engine.graph.Graph;
import dev.blocksmith.engine.graph.Node;
import dev.blocksmith.engine.graph.PortRef;
import dev.blocksmith.engine.graph.Position;
import dev.blocksmith.engine.registry.NodeRegistry;
import dev.blocksmith.engine.spi.NodeSpec;
import dev.blocksmith.engine.spi.NodeType;
import dev.blocksmith.engine.value.Fix;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Applies a {@link Fix} to a graph. A fix names a block type and a param; it applies to the nearest
 * block of that type upstream of the block that reported it (or, when there is none, to the nearest
 * upstream block that has that param). An inserting fix puts a new block in front of that block's
 * first connected input.
 */
public final class Fixes {
  private static final ObjectMapper JSON = new ObjectMapper();

  private Fixes() {}

  /** Returns the id of the node a fix changes (or inserts before), or empty when none fits. */
  public static Optional<String> target(Graph g, NodeRegistry registry, String from, Fix fix) {
    if (fix.block() == null && fix.param() == null) {
      return Optional.empty();
    }
    Optional<String> byType = upstream(g, from, n -> n.type().equals(fix.block()));
    if (byType.isPresent() || fix.insert() != null || fix.param() == null) {
      return byType;
    }
    return upstream(
        g,
        from,
        n ->
            registry
                .find(n.type())
                .map(NodeType::spec)
                .flatMap(s -> s.param(fix.param()))
                .isPresent());
  }

  /** Returns whether the fix can be applied to this graph with one click. */
  public static boolean applicable(Graph g, NodeRegistry registry, String from, Fix fix) {
    return fix != null
        && (fix.setsParam() || fix.insert() != null)
        && target(g, registry, from, fix).isPresent()
        && (fix.insert() == null || registry.find(fix.insert()).isPresent());
  }

  /** Returns the command-line form: {@code --set node.param=value}, or the instruction. */
  public static String cliLine(Graph g, NodeRegistry registry, String from, Fix fix) {
    Optional<String> node = target(g, registry, from, fix);
    if (fix.insert() == null && fix.setsParam() && node.isPresent()) {
      StringBuilder sets = new StringBuilder();
      fix.also()
          .forEach(
              (name, v) ->
                  sets.append("--set ")
                      .append(node.get())
                      .append('.')
                      .append(name)
                      .append('=')
                      .append(cliValue(v))
                      .append(' '));
      return sets
          + "--set "
          + node.get()
          + "."
          + fix.param()
          + "="
          + cliValue(fix.value())
          + "   ("
          + fix.instruction()
          + ")";
    }
    if (fix.insert() != null && node.isPresent()) {
      return "insert a "
          + displayName(registry, fix.insert())
          + " block before '"
          + node.get()
          + "'"
          + (fix.setsParam() ? " with " + fix.param() + " = " + fix.value() : "")
          + "   ("
          + fix.instruction()
          + ")";
    }
    return fix.instruction();
  }

  /**
   * Returns the graph with the fix applied.
   *
   * @throws IllegalArgumentException when it does not apply ({@link #applicable} is false)
   */
  public static Graph apply(Graph g, NodeRegistry registry, String from, Fix fix) {
    if (!applicable(g, registry, from, fix)) {
      throw new IllegalArgumentException(
          "This change does not fit the pipeline: " + fix.instruction());
    }
    String target = target(g, registry, from, fix).orElseThrow();
    if (fix.insert() == null) {
      Graph out = g;
      for (Map.Entry<String, String> e : fix.also().entrySet()) {
        out = out.withParam(target, e.getKey(), value(e.getValue()));
      }
      return out.withParam(target, fix.param(), value(fix.value()));
    }
    NodeSpec spec = registry.find(fix.insert()).orElseThrow().spec();
    Edge into =
        g.edgesInto(target).stream()
            .findFirst()
            .orElseThrow(
                () ->
                    new IllegalArgumentException("'" + target + "' has no input to insert before"));
    String id = g.freshId(fix.insert().substring(fix.insert().lastIndexOf('.') + 1));
    Map<String, JsonNode> params = new LinkedHashMap<>();
    if (fix.setsParam()) {
      params.put(fix.param(), value(fix.value()));
    }
    Graph out =
        g.withNode(new Node(id, fix.insert(), spec.version(), null, params))
            .withoutEdge(into)
            .withEdge(new Edge(into.from(), new PortRef(id, spec.inputs().get(0).name())))
            .withEdge(new Edge(new PortRef(id, spec.outputs().get(0).name()), into.to()));
    Position at = g.layout().positions().get(target);
    if (at != null) {
      out = out.withLayout(out.layout().withPosition(id, new Position(at.x() - 40, at.y() + 120)));
    }
    return out;
  }

  private static Optional<String> upstream(
      Graph g, String from, java.util.function.Predicate<Node> wanted) {
    Deque<String> queue = new ArrayDeque<>();
    Set<String> seen = new HashSet<>();
    queue.add(from);
    seen.add(from);
    while (!queue.isEmpty()) {
      String id = queue.poll();
      for (Edge e : g.edgesInto(id)) {
        String up = e.from().node();
        if (seen.add(up)) {
          Optional<Node> n = g.node(up);
          if (n.isPresent() && wanted.test(n.get())) {
            return Optional.of(up);
          }
          queue.add(up);
        }
      }
    }
    return Optional.empty();
  }

  private static JsonNode value(String json) {
    try {
      return JSON.readTree(json);
    } catch (java.io.IOException e) {
      return TextNode.valueOf(json);
    }
  }

  private static String cliValue(String json) {
    JsonNode v = value(json);
    String s = v.isTextual() ? v.asText() : v.toString();
    return s.matches("[A-Za-z0-9_.,\\[\\]-]+") ? s : "'" + s.replace("'", "'\\''") + "'";
  }

  private static String displayName(NodeRegistry registry, String type) {
    return registry.find(type).map(t -> "'" + t.spec().displayName() + "'").orElse(type);
  }
}
