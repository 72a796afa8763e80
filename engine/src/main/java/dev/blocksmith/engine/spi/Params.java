package dev.blocksmith.engine.spi;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Path;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A node's param values with the spec's defaults filled in. Immutable.
 *
 * <p>Blocks read values only through typed {@link Param} keys ({@link #get}, {@link #isSet}, {@link
 * #path}); there is no getter by string name. A key the spec does not declare throws {@link
 * IllegalArgumentException}, so a param missing from {@code SPEC} is caught by the block's first
 * test. {@link #values()} is for the engine (signatures, the editor's forms).
 */
public final class Params {
  private final NodeSpec spec;
  private final Map<String, JsonNode> values;

  private Params(NodeSpec spec, Map<String, JsonNode> values) {
    this.spec = spec;
    this.values = values;
  }

  /** Returns the params of a node: the given values over the spec's defaults. */
  public static Params of(NodeSpec spec, Map<String, JsonNode> given) {
    Map<String, JsonNode> merged = new LinkedHashMap<>();
    for (ParamSpec p : spec.params()) {
      JsonNode v = given.get(p.name());
      merged.put(p.name(), v == null || v.isNull() ? p.defaultValue() : v);
    }
    return new Params(spec, Collections.unmodifiableMap(merged));
  }

  /** Returns all values by name, in spec order. */
  public Map<String, JsonNode> values() {
    return values;
  }

  private JsonNode json(Param<?> param) {
    String name = param.name();
    if (!values.containsKey(name)) {
      throw new IllegalArgumentException(spec.id() + " has no param named " + name);
    }
    if (!spec.param(name).orElseThrow().equals(param.spec())) {
      throw new IllegalArgumentException(
          "param " + name + " is not the one declared by block " + spec.id());
    }
    return values.get(name);
  }

  /** Returns the value of a typed param (its default when the graph does not set it). */
  public <T> T get(Param<T> param) {
    return param.read(json(param));
  }

  /** Returns whether a typed param has a (non-null, non-empty) value. */
  public boolean isSet(Param<?> param) {
    JsonNode v = json(param);
    return v != null && !v.isNull() && !(v.isTextual() && v.asText().isEmpty());
  }

  /** Returns whether a typed param holds its spec's default (numbers compared by value). */
  public boolean isDefault(Param<?> param) {
    JsonNode v = json(param);
    JsonNode d = param.spec().defaultValue();
    return v.isNumber() && d.isNumber() ? v.asDouble() == d.asDouble() : v.equals(d);
  }

  /** Returns a typed path param resolved against the graph's folder when it is relative. */
  public Path path(Param<String> param, Path baseDir) {
    Path p = Path.of(get(param));
    return p.isAbsolute() || baseDir == null ? p : baseDir.resolve(p).normalize();
  }
}
