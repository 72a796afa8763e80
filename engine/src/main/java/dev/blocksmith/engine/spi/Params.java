package dev.blocksmith.engine.spi;

import com.fasterxml.jackson.databind.JsonNode;
import dev.blocksmith.engine.json.StrictJson;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A node's param values with the spec's defaults filled in. Immutable.
 *
 * <p>Getters throw {@link IllegalArgumentException} for names the spec does not declare, so a typo in
 * a block is caught by its first test.
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

  /** Returns the raw JSON value of a param. */
  public JsonNode json(String name) {
    if (!values.containsKey(name)) {
      throw new IllegalArgumentException(spec.id() + " has no param named " + name);
    }
    return values.get(name);
  }

  /** Returns the value of a typed param (its default when the graph does not set it). */
  public <T> T get(Param<T> param) {
    return param.read(json(param.name()));
  }

  /** Returns whether a typed param has a (non-null, non-empty) value. */
  public boolean isSet(Param<?> param) {
    return isSet(param.name());
  }

  /** Returns a typed path param resolved against the graph's folder when it is relative. */
  public Path path(Param<String> param, Path baseDir) {
    return getPath(param.name(), baseDir);
  }

  /** Returns whether a param has a (non-null) value. */
  public boolean isSet(String name) {
    JsonNode v = json(name);
    return v != null && !v.isNull() && !(v.isTextual() && v.asText().isEmpty());
  }

  /** Returns an integer param. */
  public int getInt(String name) {
    return StrictJson.intValue(json(name), "\"" + name + "\"");
  }

  /** Returns a long param. */
  public long getLong(String name) {
    return StrictJson.longValue(json(name), "\"" + name + "\"");
  }

  /** Returns a number param. */
  public double getDouble(String name) {
    return json(name).asDouble();
  }

  /** Returns a boolean param. */
  public boolean getBoolean(String name) {
    return json(name).asBoolean();
  }

  /** Returns a text, choice, column or path param as a string ("" when unset). */
  public String getString(String name) {
    JsonNode v = json(name);
    return v == null || v.isNull() ? "" : v.asText();
  }

  /** Returns a list-of-integers param. */
  public List<Integer> getIntList(String name) {
    List<Integer> out = new ArrayList<>();
    json(name).forEach(n -> out.add(StrictJson.intValue(n, "An item of \"" + name + "\"")));
    return List.copyOf(out);
  }

  /** Returns a path param resolved against the graph's folder when it is relative. */
  public Path getPath(String name, Path baseDir) {
    Path p = Path.of(getString(name));
    return p.isAbsolute() || baseDir == null ? p : baseDir.resolve(p).normalize();
  }
}
