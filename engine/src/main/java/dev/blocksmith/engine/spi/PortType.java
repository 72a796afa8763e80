package dev.blocksmith.engine.spi;

import java.util.Set;

/**
 * The type of value that flows through a port. Edges may only join an output to an input whose type
 * {@link #accepts(PortType) accepts} it.
 *
 * @param id stable id used in files and messages ("table")
 * @param label what the user sees ("Table")
 * @param description one plain-language sentence
 * @param alsoAccepts ids of other types this (input) type accepts
 */
public record PortType(String id, String label, String description, Set<String> alsoAccepts) {

  /** Rows and typed columns, like a spreadsheet. */
  public static final PortType TABLE =
      new PortType("table", "Table", "Rows and columns of data, like a spreadsheet.", Set.of());

  /** A labelled set of images. */
  public static final PortType IMAGES =
      new PortType("images", "Images", "A set of pictures, each with a label.", Set.of());

  /** Either a table or an image set: anything with rows to learn from. */
  public static final PortType DATA =
      new PortType(
          "data",
          "Data",
          "Examples to learn from: a table or a set of images.",
          Set.of("table", "images"));

  /** A trained model with its recipe. */
  public static final PortType MODEL =
      new PortType("model", "Model", "A trained model together with how it was made.", Set.of());

  /** Metrics, charts and plain-language findings. */
  public static final PortType REPORT =
      new PortType("report", "Report", "Scores, charts and findings about a model.", Set.of());

  /** Returns whether an output of type {@code other} may be connected to an input of this type. */
  public boolean accepts(PortType other) {
    if (id.equals(other.id) || alsoAccepts.contains(other.id)) {
      return true;
    }
    // An output that is only known to be "data" (its kind decided at run time) may feed a table or
    // image input; the block checks the actual value when it runs.
    return other.id.equals("data") && DATA.alsoAccepts.contains(id);
  }
}
