package dev.blocksmith.engine.djl;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.nn.Block;
import ai.djl.nn.Parameter;
import ai.djl.training.Trainer;
import ai.djl.training.optimizer.Optimizer;
import ai.djl.util.Pair;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Adam applied straight to the model's parameters. DJL's own Adam step cost 4–5× PyTorch's on a
 * 784-256-128-10 MLP (measured, see BENCHMARKS.md): its parameter server copies every gradient
 * before the update. This one keeps the moments resident and calls libtorch's Adam update once per
 * parameter, which also zeroes the gradient: one native call instead of a dozen small NDArray
 * operations with their scalar tensors, which in a short run cost the JIT more than they cost to
 * run. Same arithmetic as DJL's Adam (bias-corrected step, epsilon outside the square root);
 * decoupled weight decay as {@code torch.optim.AdamW}, none when the decay is 0.
 */
final class FusedAdam extends Optimizer {
  private final float learningRate;
  private final float beta1 = 0.9f;
  private final float beta2 = 0.999f;
  private final float epsilon = 1e-8f;
  private final float decay;
  private final Map<String, NDArray[]> moments = new HashMap<>();
  private final Map<String, Integer> steps = new HashMap<>();
  private Block listed;
  private List<Parameter> params = List.of();

  /** Returns an Adam with a fixed learning rate and decoupled weight decay (0 for none). */
  FusedAdam(float learningRate, float weightDecay) {
    super(Optimizer.adam());
    this.learningRate = learningRate;
    this.decay = weightDecay;
  }

  /**
   * Updates every trainable parameter of the trainer's model from its gradient and zeroes the
   * gradient, instead of {@link Trainer#step()}.
   */
  void step(Trainer trainer) {
    // In-place updates of leaf weights must not be recorded: PyTorch threads start with grad
    // mode on, and DJL's gradient collector restores that mode when it closes.
    boolean recording = NoGrad.stop();
    try {
      for (Parameter p : parameters(trainer.getModel().getBlock())) {
        if (!p.requiresGradient()) {
          continue;
        }
        NDArray weight = p.getArray();
        try (NDArray grad = weight.getGradient()) {
          update(p.getId(), weight, grad);
        }
      }
    } finally {
      NoGrad.restore(recording);
    }
  }

  /**
   * Returns the block's parameters, listed once per block: walking the block tree every step built
   * new lists each time, and in a short run compiling that walk cost the JIT more CPU than the
   * training step itself (measured, BENCHMARKS.md).
   */
  private List<Parameter> parameters(Block block) {
    if (block != listed) {
      List<Parameter> all = new ArrayList<>();
      for (Pair<String, Parameter> pair : block.getParameters()) {
        all.add(pair.getValue());
      }
      params = all;
      listed = block;
    }
    return params;
  }

  /** Updates {@code weight} from {@code grad} and zeroes the parameter's gradient. */
  @Override
  public void update(String parameterId, NDArray weight, NDArray grad) {
    int t = steps.merge(parameterId, 1, Integer::sum);
    NDArray[] mv =
        moments.computeIfAbsent(
            parameterId, k -> new NDArray[] {weight.zerosLike(), weight.zerosLike()});
    float step =
        (float) (learningRate * Math.sqrt(1 - Math.pow(beta2, t)) / (1 - Math.pow(beta1, t)));
    weight
        .getNDArrayInternal()
        .adamUpdate(
            new NDList(weight, grad, mv[0], mv[1]),
            new NDList(weight),
            learningRate,
            step,
            decay,
            1f,
            -1f,
            beta1,
            beta2,
            epsilon,
            false,
            decay != 0);
  }
}
