package dev.blocksmith.engine.value;

import java.util.List;

/**
 * A series of values over epochs, such as the training loss.
 *
 * @param name what is measured ("train loss", "validation accuracy")
 * @param values one value per epoch
 */
public record Curve(String name, List<Double> values) {

  /** Copies the values. */
  public Curve {
    values = List.copyOf(values);
  }
}
