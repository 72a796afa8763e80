package dev.blocksmith.engine.spi;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Builds the map a block returns from {@link NodeType#execute}, keyed by typed ports so that a
 * value of the wrong kind fails at once, naming the port.
 */
public final class Outputs {
  private final Map<String, Object> values = new LinkedHashMap<>();

  private Outputs() {}

  /** Returns an empty builder. */
  public static Outputs builder() {
    return new Outputs();
  }

  /** Returns the outputs of a block with a single output port. */
  public static <T> Map<String, Object> of(Port<T> port, T value) {
    return builder().put(port, value).build();
  }

  /** Adds the value of one output port. */
  public <T> Outputs put(Port<T> port, T value) {
    if (value == null) {
      throw new IllegalArgumentException("output '" + port.name() + "' is null");
    }
    if (!port.valueType().isInstance(value)) {
      throw new IllegalArgumentException(
          "output '"
              + port.name()
              + "' needs "
              + port.valueType().getSimpleName()
              + " but got "
              + value.getClass().getSimpleName());
    }
    values.put(port.name(), value);
    return this;
  }

  /** Returns the outputs by port name, in the order they were added. */
  public Map<String, Object> build() {
    return Map.copyOf(values);
  }
}
