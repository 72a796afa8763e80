package dev.blocksmith.nodes.evaluate;

import dev.blocksmith.engine.model.ArchSpec;
import dev.blocksmith.engine.model.TrainedModel;
import dev.blocksmith.engine.value.Dataset;
import dev.blocksmith.engine.value.Finding;
import dev.blocksmith.engine.value.Finding.Level;
import dev.blocksmith.engine.value.Fix;
import java.util.List;
import java.util.Locale;

/** Coach rule: too few training examples for the number of weights the model learns. */
final class DataSizeRule {
  /** Learnable weights per training example above which the coach warns. */
  static final int WEIGHTS_PER_EXAMPLE = 20;

  private DataSizeRule() {}

  /** Returns a finding when the training part is small for the model's size. */
  static List<Finding> check(TrainedModel model, Dataset train) {
    if (train == null || train.size() == 0) {
      return List.of();
    }
    long weights = model.trainableParameters();
    if (weights <= (long) WEIGHTS_PER_EXAMPLE * train.size()) {
      return List.of();
    }
    boolean images = model.arch().kind() == ArchSpec.Kind.CNN;
    return List.of(
        new Finding(
            Level.WARNING,
            "Too little data for this model's size",
            String.format(
                Locale.ROOT,
                "The model learns %,d weights from only %,d examples (%,d "
                    + "per example). It can memorise them all instead of finding the pattern.",
                weights,
                train.size(),
                weights / train.size()),
            images
                ? "Start from a pretrained model (Fine-tune), or collect more pictures."
                : "Use a smaller model, or collect more examples.",
            images
                ? Fix.instruction("replace Train with Fine-tune on a pretrained model")
                : Fix.set(
                    "train.train",
                    "hiddenSizes",
                    "[16]",
                    "use one small hidden layer of 16 in Train")));
  }
}
