package dev.blocksmith.engine.spi;

import java.util.Map;
import java.util.Optional;

/**
 * The values arriving on a node's connected inputs. Blocks read them only through typed {@link
 * Port} keys: there is no getter by string name.
 */
public final class Inputs {
  private final String nodeId;
  private final Map<String, Object> values;

  /**
   * Creates the inputs of one node.
   *
   * @param nodeId the node receiving them, for messages
   * @param values the values by input port name; unconnected optional inputs are absent
   */
  public Inputs(String nodeId, Map<String, Object> values) {
    this.nodeId = nodeId;
    this.values = Map.copyOf(values);
  }

  /** Returns the id of the node receiving these inputs. */
  public String nodeId() {
    return nodeId;
  }

  /**
   * Returns the value on a required typed input, checking its Java type.
   *
   * @throws NodeException when it is missing or of another kind
   */
  public <T> T get(Port<T> port) throws NodeException {
    String name = port.name();
    Class<T> type = port.valueType();
    Object v = values.get(name);
    if (v == null) {
      throw NodeException.atPort(
          nodeId,
          name,
          "Nothing arrived on input '" + name + "'.",
          "Connect a block to the '" + name + "' input.");
    }
    if (!type.isInstance(v)) {
      throw NodeException.atPort(
          nodeId,
          name,
          "Input '"
              + name
              + "' got "
              + Values.describe(v)
              + " but needs "
              + Values.describe(type)
              + ".",
          "Connect a block that produces " + Values.describe(type) + ".");
    }
    return type.cast(v);
  }

  /** Returns the value on an optional typed input, if connected. */
  public <T> Optional<T> optional(Port<T> port) throws NodeException {
    return values.containsKey(port.name()) ? Optional.of(get(port)) : Optional.empty();
  }

  /** Returns whether something is connected to (and arrived on) this input. */
  public boolean has(Port<?> port) {
    return values.containsKey(port.name());
  }
}
