package dev.blocksmith.nodes.train;

import ai.djl.nn.Block;
import ai.djl.nn.Parameter;
import ai.djl.nn.SequentialBlock;
import ai.djl.nn.core.Linear;
import ai.djl.util.Pair;
import dev.blocksmith.engine.djl.LoraLinear;
import java.util.ArrayList;
import java.util.List;

/**
 * How {@link FineTune} changes a pretrained network: which weights it freezes, which adapters it
 * adds, and how they are folded back afterwards. Freezing is applied again by {@link #refreeze()}
 * after the trainer is created, because DJL may switch gradients back on when it initialises.
 */
final class Adaptation {

  /** The fine-tuning strategies, by their stable ids. */
  enum Strategy {
    /** Freeze everything but the output layer. */
    HEAD("head"),
    /** Freeze everything but the last few layers that have weights. */
    LAST("last"),
    /** Train everything with a smaller learning rate. */
    GENTLE("gentle"),
    /** Freeze everything, add low-rank adapters to the dense layers. */
    LORA("lora");

    final String id;

    Strategy(String id) {
      this.id = id;
    }

    /** Returns what the strategy does, in plain words, for the log. */
    String plain() {
      return switch (this) {
        case HEAD ->
            "Head only: everything the base model learned stays frozen; only the last "
                + "layer, which turns its features into your classes, learns. Fast and safe with a "
                + "handful of examples, but it can only reuse what the base model already sees.";
        case LAST ->
            "Last layers: the first layers, which see simple shapes, stay frozen; the last "
                + "few layers, which combine them into what matters for your classes, learn. A "
                + "middle way between head only and everything.";
        case GENTLE ->
            "Everything, gently: every weight may change, at a tenth of the learning "
                + "rate, so the model adapts without forgetting at once. Needs more examples than "
                + "head only, or it memorises them.";
        case LORA ->
            "LoRA: the base model's weights stay frozen; small extra matrices beside "
                + "each dense layer learn the change (and the new last layer learns fully). Folded "
                + "into the weights at the end, so the result is an ordinary model.";
      };
    }

    static Strategy of(String id) {
      for (Strategy s : values()) {
        if (s.id.equals(id)) {
          return s;
        }
      }
      throw new IllegalArgumentException("unknown strategy " + id);
    }
  }

  private final SequentialBlock net;
  private final Block trained;
  private final Strategy strategy;
  private final boolean newHead;
  private final List<LoraLinear> adapters;
  private final int lastLayers;

  private Adaptation(
      SequentialBlock net,
      Block trained,
      Strategy strategy,
      boolean newHead,
      List<LoraLinear> adapters,
      int lastLayers) {
    this.net = net;
    this.trained = trained;
    this.strategy = strategy;
    this.newHead = newHead;
    this.adapters = adapters;
    this.lastLayers = lastLayers;
  }

  /**
   * Returns the adaptation of an initialised network whose last child is its output layer.
   *
   * @param newHead whether the output layer is new (always fully trained)
   * @param rank LoRA rank
   * @param alpha LoRA strength
   * @param lastLayers for {@link Strategy#LAST}, how many layers with weights learn (counted from
   *     the output layer)
   */
  static Adaptation of(
      SequentialBlock net,
      Strategy strategy,
      boolean newHead,
      int rank,
      float alpha,
      int lastLayers) {
    if (strategy != Strategy.LORA) {
      return new Adaptation(net, net, strategy, newHead, List.of(), lastLayers);
    }
    SequentialBlock wrapped = new SequentialBlock();
    List<LoraLinear> adapters = new ArrayList<>();
    List<Pair<String, Block>> children = net.getChildren().stream().toList();
    for (int i = 0; i < children.size(); i++) {
      Block child = children.get(i).getValue();
      boolean head = i == children.size() - 1;
      if (child instanceof Linear linear && !(head && newHead)) {
        LoraLinear lora = new LoraLinear(linear, rank, alpha);
        adapters.add(lora);
        wrapped.add(lora);
      } else {
        wrapped.add(child);
      }
    }
    return new Adaptation(net, wrapped, strategy, newHead, adapters, lastLayers);
  }

  /** Returns the block to train: the network itself, or the network with adapters. */
  Block block() {
    return trained;
  }

  /** Freezes what the strategy keeps fixed; call after the block is initialised. */
  void refreeze() {
    switch (strategy) {
      case GENTLE -> net.freezeParameters(false);
      case HEAD -> {
        net.freezeParameters(true);
        lastChild().freezeParameters(false);
      }
      case LAST -> {
        net.freezeParameters(true);
        var children = net.getChildren();
        int left = lastLayers;
        for (int i = children.size() - 1; i >= 0 && left > 0; i--) {
          Block child = children.get(i).getValue();
          if (!child.getParameters().isEmpty()) {
            child.freezeParameters(false);
            left--;
          }
        }
      }
      case LORA -> {
        net.freezeParameters(true);
        if (newHead) {
          lastChild().freezeParameters(false);
        }
        // Only the adapters' own A and B stay trainable.
        adapters.forEach(a -> a.getDirectParameters().values().forEach(p -> p.freeze(false)));
      }
      default -> throw new IllegalStateException(strategy.name());
    }
  }

  /** Folds the adapters into their layers; the network then predicts like the adapted one. */
  void finish() {
    adapters.forEach(LoraLinear::merge);
  }

  /** Returns {trainable, total} parameter counts of the block being trained. */
  long[] counts() {
    long trainable = 0;
    long total = 0;
    for (Pair<String, Parameter> p : trained.getParameters()) {
      long size = p.getValue().getArray().size();
      total += size;
      trainable += p.getValue().requiresGradient() ? size : 0;
    }
    return new long[] {trainable, total};
  }

  private Block lastChild() {
    var children = net.getChildren();
    return children.get(children.size() - 1).getValue();
  }
}
