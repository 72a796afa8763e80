package dev.blocksmith.nodes.model;

import dev.blocksmith.engine.model.IncompatibleModelException;
import dev.blocksmith.engine.model.ModelBundle;
import dev.blocksmith.engine.model.TrainedModel;
import java.io.IOException;
import java.io.InputStream;
import java.util.List;
import java.util.Optional;

/**
 * The base models shipped inside Blocksmith, each made by a pipeline in {@code graphs/} and stored
 * as a model file under {@code dev/blocksmith/nodes/model/base/}.
 */
public final class BaseModels {

  /**
   * One shipped model.
   *
   * @param id stable id stored in graph files
   * @param label plain-language name for the choice list
   * @param graph the pipeline in {@code graphs/} that makes it
   */
  public record Base(String id, String label, String graph) {

    /** Returns the resource path of its model file. */
    public String resource() {
      return "/dev/blocksmith/nodes/model/base/" + id + ModelBundle.EXTENSION;
    }
  }

  /** Every shipped base model; the first is the default. */
  public static final List<Base> ALL =
      List.of(
          new Base(
              "digits-0-4",
              "Digits 0–4 reader (small CNN for 28×28 grayscale digits, knows 0, 1, 2, 3, 4)",
              "make-base-digits.json"),
          new Base(
              "clothing-0-4",
              "Clothing photos reader (small CNN pretrained on 10,000 real 28×28 photos from "
                  + "Fashion-MNIST, MIT licence; knows T-shirt, trouser, pullover, dress, coat)",
              "make-base-clothing.json"));

  private BaseModels() {}

  /** Returns the shipped model with this id, if any. */
  public static Optional<Base> byId(String id) {
    return ALL.stream().filter(b -> b.id().equals(id)).findFirst();
  }

  /** Returns the shipped model, read from inside Blocksmith. */
  public static TrainedModel load(Base base) throws IOException, IncompatibleModelException {
    try (InputStream in = BaseModels.class.getResourceAsStream(base.resource())) {
      if (in == null) {
        throw new IOException(
            "The shipped model "
                + base.id()
                + " is missing from this build of "
                + "Blocksmith; run graphs/"
                + base.graph()
                + " to make it.");
      }
      return ModelBundle.read(in, base.id() + ModelBundle.EXTENSION);
    }
  }
}
