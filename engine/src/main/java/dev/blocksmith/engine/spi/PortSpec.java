package dev.blocksmith.engine.spi;

import java.util.Objects;

/**
 * A named, typed input or output of a block.
 *
 * @param name stable name used in edges ("table", "train")
 * @param type the value type
 * @param label what the user sees
 * @param description one plain-language sentence about what flows here
 * @param optional whether an input may be left unconnected
 */
public record PortSpec(
    String name, PortType type, String label, String description, boolean optional) {

  /** Validates the fields. */
  public PortSpec {
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(type, "type");
    Objects.requireNonNull(label, "label");
    Objects.requireNonNull(description, "description");
  }

  /** Returns a required port. */
  public static PortSpec of(String name, PortType type, String label, String description) {
    return new PortSpec(name, type, label, description, false);
  }

  /** Returns an optional input port. */
  public static PortSpec optional(String name, PortType type, String label, String description) {
    return new PortSpec(name, type, label, description, true);
  }
}
