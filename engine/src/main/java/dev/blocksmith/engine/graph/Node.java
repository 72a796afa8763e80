package dev.blocksmith.engine.graph;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * One block placed on the canvas. Params are kept by name as JSON values, exactly as the file holds
 * them, so a block that is not installed still round-trips without loss.
 *
 * @param id unique id within the graph (letters, digits, '-' and '_')
 * @param type stable block type id ("train.train")
 * @param typeVersion the block version the params were written for
 * @param label optional title shown instead of the block's name (may be null)
 * @param params param values by name
 */
public record Node(
    String id, String type, int typeVersion, String label, Map<String, JsonNode> params) {

  /** Allowed node ids: they appear in edges as {@code "id.port"}, so no dots. */
  public static final Pattern ID = Pattern.compile("[A-Za-z_][A-Za-z0-9_-]{0,63}");

  /** Validates the id and copies the params, keeping their order. */
  public Node {
    Objects.requireNonNull(id, "id");
    Objects.requireNonNull(type, "type");
    if (!ID.matcher(id).matches()) {
      throw new IllegalArgumentException(
          "Node id \"" + id + "\" may only hold letters, digits, '-' and '_' (no dots or spaces).");
    }
    params = Collections.unmodifiableMap(new LinkedHashMap<>(params));
  }

  /** Returns a node of the given type with no params set. */
  public static Node of(String id, String type) {
    return new Node(id, type, 1, null, Map.of());
  }

  /** Returns a copy with one param set (or removed when {@code value} is null). */
  public Node withParam(String name, JsonNode value) {
    Map<String, JsonNode> p = new LinkedHashMap<>(params);
    if (value == null) {
      p.remove(name);
    } else {
      p.put(name, value);
    }
    return new Node(id, type, typeVersion, label, p);
  }

  /** Returns a copy with another id. */
  public Node withId(String newId) {
    return new Node(newId, type, typeVersion, label, params);
  }

  /** Returns a copy with another label. */
  public Node withLabel(String newLabel) {
    return new Node(id, type, typeVersion, newLabel, params);
  }
}
