package dev.blocksmith.engine.spi;

import java.util.Map;
import java.util.Optional;

/**
 * The values arriving on a node's connected inputs, by port name.
 *
 * @param nodeId the node receiving them, for messages
 * @param values the values; unconnected optional inputs are absent
 */
public record Inputs(String nodeId, Map<String, Object> values) {

  /** Copies the map. */
  public Inputs {
    values = Map.copyOf(values);
  }

  /**
   * Returns the value on a required input, checking its Java type.
   *
   * @throws NodeException when it is missing or of another kind
   */
  public <T> T get(String port, Class<T> type) throws NodeException {
    Object v = values.get(port);
    if (v == null) {
      throw NodeException.atPort(nodeId, port, "Nothing arrived on input '" + port + "'.",
          "Connect a block to the '" + port + "' input.");
    }
    if (!type.isInstance(v)) {
      throw NodeException.atPort(nodeId, port,
          "Input '" + port + "' got " + Values.describe(v) + " but needs " + Values.describe(type)
              + ".",
          "Connect a block that produces " + Values.describe(type) + ".");
    }
    return type.cast(v);
  }

  /** Returns the value on a required typed input. */
  public <T> T get(Port<T> port) throws NodeException {
    return get(port.name(), port.valueType());
  }

  /** Returns the value on an optional typed input, if connected. */
  public <T> Optional<T> optional(Port<T> port) throws NodeException {
    return optional(port.name(), port.valueType());
  }

  /** Returns the value on an optional input, if connected. */
  public <T> Optional<T> optional(String port, Class<T> type) throws NodeException {
    return values.containsKey(port) ? Optional.of(get(port, type)) : Optional.empty();
  }
}
