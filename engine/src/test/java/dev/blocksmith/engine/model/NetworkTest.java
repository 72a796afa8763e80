package dev.blocksmith.engine.model;

import static org.assertj.core.api.Assertions.assertThat;

import ai.djl.Device;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Activation;
import ai.djl.nn.core.Linear;
import ai.djl.training.ParameterStore;
import java.util.List;
import org.junit.jupiter.api.Test;

class NetworkTest {

  @Test
  void remembersThatItIsInitialisedUntilItsBlocksChange() {
    try (NDManager m = NDManager.newBaseManager(Device.cpu())) {
      Network net = new Network();
      net.add(Linear.builder().setUnits(4).build()).add(Activation.reluBlock());
      net.add(Linear.builder().setUnits(2).build());
      assertThat(net.isInitialized()).isFalse();
      net.initialize(m, DataType.FLOAT32, new Shape(1, 3));
      assertThat(net.isInitialized()).isTrue().isTrue();

      net.replaceLastBlock(Linear.builder().setUnits(5).build()); // a new head, not initialised
      assertThat(net.isInitialized()).isFalse();
      ParameterStore ps = new ParameterStore(m, false);
      NDList out = net.forward(ps, new NDList(m.ones(new Shape(2, 3))), true);
      assertThat(out.head().getShape()).isEqualTo(new Shape(2, 5));
      assertThat(net.isInitialized()).isTrue();

      net.add(Linear.builder().setUnits(1).build());
      assertThat(net.isInitialized()).isFalse();
    }
  }

  @Test
  void buildsTheSameBlockTreeAsStockBlocks() {
    ArchSpec spec = ArchSpec.mlp(List.of(3), List.of(4), 2, ArchSpec.Task.CLASSIFICATION);
    assertThat(Architectures.build(spec)).isInstanceOf(Network.class);
    assertThat(Architectures.build(spec).getChildren().keys())
        .isEqualTo(Architectures.stock(spec).getChildren().keys());
  }
}
