package dev.blocksmith.engine.model;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Activation;
import ai.djl.nn.Blocks;
import ai.djl.nn.LambdaBlock;
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
    return assemble(spec, true);
  }

  /**
   * Returns the same network made of DJL's stock blocks only, as a DJL user would write it (and as
   * {@link #build} did before it laid convolution outputs out channels-last): the same weights file
   * and outputs, slower. For comparisons in tests and benchmarks.
   */
  public static SequentialBlock stock(ArchSpec spec) {
    return assemble(spec, false);
  }

  private static SequentialBlock assemble(ArchSpec spec, boolean channelsLast) {
    SequentialBlock net = channelsLast ? new Network() : new SequentialBlock();
    if (spec.kind() == ArchSpec.Kind.CNN) {
      for (int filters : spec.convChannels()) {
        net.add(
            Conv2d.builder()
                .setKernelShape(new Shape(3, 3))
                .optPadding(new Shape(1, 1))
                .setFilters(filters)
                .build());
        // Channels-last from here on: PyTorch's max pooling (forward and backward) and the
        // element-wise ReLU are vectorised for that layout only, and oneDNN's next convolution
        // keeps it. The values are the same; a plain ReLU block would have the same bytes.
        net.add(
            channelsLast
                ? LambdaBlock.singleton(x -> Activation.relu(channelsLast(x)), "ReLU")
                : Activation.reluBlock());
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

  /**
   * Returns {@code x} (N × C × H × W) with the same shape and values, laid out channels-last in
   * memory (what PyTorch calls {@code channels_last}). A view when it already is, or when C is 1;
   * one copy otherwise.
   */
  public static NDArray channelsLast(NDArray x) {
    Shape s = x.getShape();
    long n = s.get(0);
    long c = s.get(1);
    long h = s.get(2);
    long w = s.get(3);
    return x.transpose(0, 2, 3, 1).reshape(n, h * w * c).reshape(n, h, w, c).transpose(0, 3, 1, 2);
  }

  /**
   * Returns a batch of examples in the layout the networks here run fastest on: a batch of
   * one-channel pictures channels-last (a view, nothing copied), anything else as it is.
   */
  public static NDArray batchLayout(NDArray batch) {
    Shape s = batch.getShape();
    return s.dimension() == 4 && s.get(1) == 1 && s.get(0) > 0 ? channelsLast(batch) : batch;
  }

  /** Returns a new output layer with {@code outputs} units, for {@code replaceLastBlock}. */
  public static Linear head(int outputs) {
    return Linear.builder().setUnits(outputs).build();
  }
}
