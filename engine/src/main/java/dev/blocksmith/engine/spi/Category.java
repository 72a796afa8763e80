package dev.blocksmith.engine.spi;

/** The palette group a block belongs to, in pipeline order. */
public enum Category {
  /** Blocks that bring data in. */
  DATA("Data"),
  /** Blocks that clean and shape data. */
  PREPARE("Prepare"),
  /** Blocks that provide a model to start from. */
  MODEL("Model"),
  /** Blocks that train or fine-tune. */
  TRAIN("Train"),
  /** Blocks that measure a model. */
  EVALUATE("Evaluate"),
  /** Blocks that save or use a model. */
  OUTPUT("Output");

  private final String label;

  Category(String label) {
    this.label = label;
  }

  /** Returns the name shown in the palette. */
  public String label() {
    return label;
  }
}
