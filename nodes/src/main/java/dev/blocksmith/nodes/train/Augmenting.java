package dev.blocksmith.nodes.train;

import dev.blocksmith.engine.model.Augmenter;
import dev.blocksmith.engine.model.Preprocessing;
import dev.blocksmith.engine.spi.NodeContext;
import dev.blocksmith.engine.value.Augmentation;
import dev.blocksmith.engine.value.Dataset;
import dev.blocksmith.engine.value.ImageSet;
import java.util.function.IntFunction;

/**
 * Turns the augmentation recipe that an <em>Augment images</em> block attached to the training
 * pictures into the training features of each epoch. Only Train and Fine-tune call it, and only for
 * their training part: validation pictures are encoded once, as they are.
 */
final class Augmenting {
  private Augmenting() {}

  /**
   * Returns the training features of each epoch, or null when the training data carries no recipe
   * (then the loop trains on the pictures as they are).
   *
   * @param train the training part as it arrived
   * @param pre the preprocessing the model uses
   * @param ctx where the recipe is logged
   */
  static IntFunction<float[]> epochs(Dataset train, Preprocessing pre, NodeContext ctx) {
    if (!(train instanceof ImageSet images)) {
      return null;
    }
    Augmentation recipe = images.augmentation().orElse(null);
    if (recipe == null || !recipe.changesAnything()) {
      return null;
    }
    ctx.log(
        "Every epoch the training pictures are varied at random ("
            + recipe.describe()
            + ", seed "
            + recipe.seed()
            + "); validation pictures stay as they are.");
    return epoch -> pre.transform(Augmenter.apply(images, recipe, epoch)).labelledOnly().features();
  }
}
