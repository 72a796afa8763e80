package dev.blocksmith.nodes.model;

import ai.djl.Device;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Block;
import dev.blocksmith.engine.embed.Backbone;
import dev.blocksmith.engine.embed.ImageBackbones;
import dev.blocksmith.engine.model.ArchSpec;
import dev.blocksmith.engine.model.Architectures;
import dev.blocksmith.engine.model.Preprocessing;
import dev.blocksmith.engine.model.TrainedModel;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Turns a user's own picture network (an ONNX or TorchScript file) into a model to fine-tune: the
 * network stays frozen and turns every picture into numbers (a feature extractor), and a new
 * trainable output layer on those numbers learns the classes. Its input size and normalisation come
 * from the block's params and are recorded in the model.
 */
final class BackboneImport {
  private BackboneImport() {}

  /**
   * Returns a model whose preprocessing runs the network and whose one output layer is untrained
   * (Fine-tune replaces it with one output per class).
   *
   * @param format "onnx" or "torchscript"
   * @param mean per channel, one value (grayscale) or three (colour)
   * @throws IOException in plain words, when the file or the settings do not work
   */
  static TrainedModel load(Path file, String format, int size, String mean, String std)
      throws IOException {
    if (!Files.isRegularFile(file)) {
      throw new IOException("There is no network file at " + file + ".");
    }
    List<Double> means = numbers("mean", mean);
    List<Double> stds = numbers("std", std);
    Backbone.ImageInput input;
    try {
      input = new Backbone.ImageInput(format, means.size(), size, means, stds);
    } catch (IllegalArgumentException e) {
      throw new IOException("The picture settings do not work: " + e.getMessage() + ".");
    }
    Backbone backbone = ImageBackbones.open(file, input);
    Preprocessing.ColumnStep step =
        new Preprocessing.ColumnStep(
            "picture",
            Preprocessing.Op.IMAGE_FEATURES,
            0,
            0,
            1,
            List.of(),
            false,
            List.of(),
            backbone);
    Preprocessing pre =
        new Preprocessing(
            Preprocessing.PICTURE_VERSION,
            Preprocessing.Input.IMAGES,
            List.of(step),
            List.of(input.channels(), size, size),
            null,
            ArchSpec.Task.CLASSIFICATION,
            List.of(),
            List.of(),
            0,
            1);
    ArchSpec head =
        ArchSpec.mlp(List.of(backbone.dimensions()), List.of(), 1, ArchSpec.Task.CLASSIFICATION);
    try (NDManager manager = NDManager.newBaseManager(Device.cpu())) {
      Block block = Architectures.build(head);
      block.initialize(manager, DataType.FLOAT32, new Shape(head.batchShape(1)));
      return TrainedModel.capture(head, block, pre, List.of(), null);
    }
  }

  private static List<Double> numbers(String what, String text) throws IOException {
    List<Double> out = new ArrayList<>();
    for (String part : text.split(",")) {
      if (part.isBlank()) {
        continue;
      }
      try {
        out.add(Double.parseDouble(part.trim()));
      } catch (NumberFormatException e) {
        throw new IOException(
            "The " + what + " \"" + text + "\" is not a list of numbers separated by commas.");
      }
    }
    if (out.size() != 1 && out.size() != 3) {
      throw new IOException(
          "Give one "
              + what
              + " for grayscale pictures or three (red, green, blue) for colour, not "
              + out.size()
              + ".");
    }
    return out;
  }
}
