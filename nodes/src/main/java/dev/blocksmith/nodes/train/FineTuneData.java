package dev.blocksmith.nodes.train;

import dev.blocksmith.engine.model.ArchSpec;
import dev.blocksmith.engine.model.Featurizer;
import dev.blocksmith.engine.model.Preprocessing;
import dev.blocksmith.engine.model.TrainedModel;
import dev.blocksmith.engine.spi.NodeContext;
import dev.blocksmith.engine.spi.NodeException;
import dev.blocksmith.engine.value.Column;
import dev.blocksmith.engine.value.Dataset;
import dev.blocksmith.engine.value.ImageSet;
import dev.blocksmith.engine.value.Table;
import java.util.List;

/**
 * Checks that new examples fit a pretrained model (same kind, image size and channels, or the same
 * columns) and returns the model's preprocessing with the class names of the new examples.
 */
final class FineTuneData {
  private FineTuneData() {}

  static Preprocessing preprocessing(TrainedModel base, Dataset train, NodeContext ctx)
      throws NodeException {
    Preprocessing pre = base.preprocessing();
    String node = ctx.nodeId();
    if (train.size() == 0) {
      throw NodeException.atPort(
          node,
          "train",
          "The training data has no rows.",
          "Check the blocks before this one: did a filter or split leave nothing?");
    }
    List<String> classes;
    if (pre.input() == Preprocessing.Input.IMAGES) {
      if (!(train instanceof ImageSet images)) {
        throw NodeException.atPort(
            node,
            "train",
            "The pretrained model works on images, but the training data is a table.",
            "Connect images, or start from a model trained on tables.");
      }
      List<Integer> shape = List.of(images.channels(), images.height(), images.width());
      // A picture network resizes and converts pictures itself.
      if (pre.pictureNetwork() == null && !shape.equals(pre.imageShape())) {
        throw NodeException.atPort(
            node,
            "train",
            "The pretrained model was trained on images of "
                + describe(pre.imageShape())
                + ", but these images are "
                + describe(shape)
                + ". A model cannot change the "
                + "size of picture it looks at.",
            "Load or resize the images to " + describe(pre.imageShape()) + ".");
      }
      classes = images.classNames();
    } else {
      if (!(train instanceof Table table)) {
        throw NodeException.atPort(
            node,
            "train",
            "The pretrained model works on table rows, but the training data is a set of images.",
            "Connect a table with the columns the model was trained on.");
      }
      for (Preprocessing.ColumnStep s : pre.steps()) {
        if (table.column(s.column()).isEmpty()) {
          throw NodeException.atPort(
              node,
              "train",
              "The pretrained model needs column \""
                  + s.column()
                  + "\", which the training "
                  + "data lacks. It has: "
                  + String.join(", ", table.columnNames())
                  + ".",
              "Use data with the same columns as the model's training data.");
        }
      }
      Column label =
          table
              .column(pre.labelColumn())
              .orElseThrow(
                  () ->
                      NodeException.atPort(
                          node,
                          "train",
                          "The pretrained model predicts column \""
                              + pre.labelColumn()
                              + "\", which the "
                              + "training data lacks.",
                          "Name the answer column \"" + pre.labelColumn() + "\" in the new data."));
      classes = pre.task() == ArchSpec.Task.REGRESSION ? List.of() : Featurizer.classNames(label);
    }
    if (pre.task() == ArchSpec.Task.CLASSIFICATION && classes.size() < 2) {
      throw NodeException.atPort(
          node,
          "train",
          "The training data has fewer than two classes; there is nothing to tell apart.",
          "Add examples of at least two classes.");
    }
    return new Preprocessing(
        pre.version(),
        pre.input(),
        pre.steps(),
        pre.imageShape(),
        pre.labelColumn(),
        pre.task(),
        classes,
        pre.ignoredColumns(),
        pre.labelCenter(),
        pre.labelScale());
  }

  private static String describe(List<Integer> chw) {
    return chw.get(2)
        + "×"
        + chw.get(1)
        + " pixels with "
        + chw.get(0)
        + (chw.get(0) == 1 ? " channel (grayscale)" : " channels (colour)");
  }
}
