package dev.blocksmith.engine.djl;

/**
 * Settings of one training run.
 *
 * @param epochs passes over the training data (at most)
 * @param batchSize examples per step
 * @param learningRate step size of the optimizer
 * @param optimizer how weights are updated
 * @param loss what is minimised
 * @param patience stop after this many epochs without improvement and keep the best weights; 0
 *     trains all epochs and keeps the last weights
 * @param seed seed for weight initialisation and shuffling
 */
public record TrainConfig(
    int epochs,
    int batchSize,
    double learningRate,
    Optimizer optimizer,
    Loss loss,
    int patience,
    long seed) {

  /** How weights are updated. */
  public enum Optimizer {
    /** Adam: adapts the step per weight; a good default. */
    ADAM,
    /** Plain stochastic gradient descent. */
    SGD
  }

  /** What is minimised. */
  public enum Loss {
    /** Softmax cross-entropy, for classification. */
    SOFTMAX_CROSS_ENTROPY,
    /** Squared error, for regression. */
    L2
  }

  /** Validates the values. */
  public TrainConfig {
    if (epochs < 1 || batchSize < 1 || patience < 0) {
      throw new IllegalArgumentException("epochs and batch size must be at least 1");
    }
    if (!(learningRate > 0) || Double.isInfinite(learningRate)) {
      throw new IllegalArgumentException("the learning rate must be a positive number");
    }
  }
}
