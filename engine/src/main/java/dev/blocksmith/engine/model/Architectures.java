package dev.blocksmith.engine.model;

import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Activation;
import ai.djl.nn.Blocks;
import ai.djl.nn.SequentialBlock;
import ai.djl.nn.convolutional.Conv2d;
import ai.djl.nn.core.Linear;
import ai.djl.nn.norm.Dropout;
import ai.djl.nn.pooling.Pool;

/**
 * Turns an {@link ArchSpec} into a DJL network. The output layer is always the <em>last direct
 * child</em> of the returned {@link SequentialBlock}, so a new head can be put in with {@link
 * SequentialBlock#replaceLastBlock}.
 */
public final class Architectures {
  private Architectures() {}

  /** Returns a fresh, uninitialised network for the spec. */
  public static SequentialBlock build(ArchSpec spec) {
    SequentialBlock net = new SequentialBlock();
    if (spec.kind() == ArchSpec.Kind.CNN) {
      for (int filters : spec.convChannels()) {
        net.add(
            Conv2d.builder()
                .setKernelShape(new Shape(3, 3))
                .optPadding(new Shape(1, 1))
                .setFilters(filters)
                .build());
        net.add(Activation.reluBlock());
        net.add(Pool.maxPool2dBlock(new Shape(2, 2), new Shape(2, 2)));
      }
    }
    if (spec.isImage()) {
      net.add(Blocks.batchFlattenBlock());
    }
    if (spec.kind() != ArchSpec.Kind.LINEAR) {
      for (int units : spec.hidden()) {
        net.add(Linear.builder().setUnits(units).build());
        net.add(Activation.reluBlock());
        if (spec.dropout() > 0) {
          net.add(Dropout.builder().optRate((float) spec.dropout()).build());
        }
      }
    }
    net.add(head(spec.outputs()));
    return net;
  }

  /** Returns a new output layer with {@code outputs} units, for {@code replaceLastBlock}. */
  public static Linear head(int outputs) {
    return Linear.builder().setUnits(outputs).build();
  }
}
