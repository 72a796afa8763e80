package dev.blocksmith.engine.spi;

import java.util.Objects;

/**
 * A typed input or output of a block: its {@link PortSpec} plus the Java type of the value that
 * flows through it, so that blocks read and write values without string names or casts.
 *
 * <p>Declare one constant per port: {@code static final Port<Dataset> DATA = Port.of("data",
 * PortType.DATA, Dataset.class, "Data", "The examples to divide.");}
 *
 * @param <T> the Java type of the value
 */
public final class Port<T> {
  private final PortSpec spec;
  private final Class<T> valueType;

  private Port(PortSpec spec, Class<T> valueType) {
    this.spec = Objects.requireNonNull(spec, "spec");
    this.valueType = Objects.requireNonNull(valueType, "valueType");
  }

  /** Returns a required port. */
  public static <T> Port<T> of(
      String name, PortType type, Class<T> valueType, String label, String description) {
    return new Port<>(PortSpec.of(name, type, label, description), valueType);
  }

  /** Returns an optional input port (may be left unconnected). */
  public static <T> Port<T> optional(
      String name, PortType type, Class<T> valueType, String label, String description) {
    return new Port<>(PortSpec.optional(name, type, label, description), valueType);
  }

  /** Returns the untyped description used by validation, the editor and the docs. */
  public PortSpec spec() {
    return spec;
  }

  /** Returns the stable port name used in edges. */
  public String name() {
    return spec.name();
  }

  /** Returns the port's value type on the canvas. */
  public PortType type() {
    return spec.type();
  }

  /** Returns the Java type of the values that flow here. */
  public Class<T> valueType() {
    return valueType;
  }

  @Override
  public String toString() {
    return "Port(" + spec.name() + ": " + valueType.getSimpleName() + ")";
  }
}
