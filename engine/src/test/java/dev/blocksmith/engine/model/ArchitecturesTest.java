package dev.blocksmith.engine.model;

import static org.assertj.core.api.Assertions.assertThat;

import ai.djl.Device;
import ai.djl.Model;
import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.SequentialBlock;
import ai.djl.training.ParameterStore;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.util.List;
import org.assertj.core.data.Offset;
import org.junit.jupiter.api.Test;

/**
 * The convolutional network lays its activations out channels-last for speed; that must change
 * neither the values it computes nor the bytes of its weights file.
 */
class ArchitecturesTest {

  @Test
  void channelsLastKeepsShapeAndValues() {
    try (NDManager m = NDManager.newBaseManager(Device.cpu())) {
      for (long channels : new long[] {1, 3}) {
        NDArray x = m.randomUniform(-1, 1, new Shape(4, channels, 5, 6));
        NDArray last = Architectures.channelsLast(x);
        assertThat(last.getShape()).isEqualTo(x.getShape());
        assertThat(last.toFloatArray()).containsExactly(x.toFloatArray());
        NDArray batch = Architectures.batchLayout(x);
        assertThat(batch.toFloatArray()).containsExactly(x.toFloatArray());
      }
      NDArray rows = m.randomUniform(-1, 1, new Shape(4, 7));
      assertThat(Architectures.batchLayout(rows)).isSameAs(rows);
    }
  }

  @Test
  void convolutionalNetworkComputesWhatStockDjlBlocksComputeFromTheSameWeightsFile()
      throws Exception {
    for (List<Integer> picture : List.of(List.of(1, 28, 28), List.of(3, 16, 12))) {
      ArchSpec spec =
          new ArchSpec(
              ArchSpec.CURRENT_VERSION,
              ArchSpec.Kind.CNN,
              picture,
              List.of(8),
              List.of(4, 6),
              0,
              3,
              ArchSpec.Task.CLASSIFICATION);
      Engine.getInstance().setRandomSeed(11);
      try (Model ours = Model.newInstance("ours", Device.cpu());
          Model stock = Model.newInstance("stock", Device.cpu());
          NDManager m = NDManager.newBaseManager(Device.cpu())) {
        Shape one = new Shape(1, picture.get(0), picture.get(1), picture.get(2));
        ours.setBlock(Architectures.build(spec));
        ours.getBlock().initialize(ours.getNDManager(), ai.djl.ndarray.types.DataType.FLOAT32, one);
        SequentialBlock plain = Architectures.stock(spec);
        stock.setBlock(plain);
        plain.initialize(stock.getNDManager(), ai.djl.ndarray.types.DataType.FLOAT32, one);
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (DataOutputStream out = new DataOutputStream(bytes)) {
          ours.getBlock().saveParameters(out);
        }
        plain.loadParameters(
            stock.getNDManager(),
            new DataInputStream(new ByteArrayInputStream(bytes.toByteArray())));
        ByteArrayOutputStream again = new ByteArrayOutputStream();
        try (DataOutputStream out = new DataOutputStream(again)) {
          plain.saveParameters(out);
        }
        assertThat(again.toByteArray()).as("weights file").isEqualTo(bytes.toByteArray());

        NDArray x =
            m.randomUniform(0, 1, new Shape(5, picture.get(0), picture.get(1), picture.get(2)));
        float[] want =
            plain.forward(new ParameterStore(m, false), new NDList(x), false).head().toFloatArray();
        float[] got =
            ours.getBlock()
                .forward(
                    new ParameterStore(m, false), new NDList(Architectures.batchLayout(x)), false)
                .head()
                .toFloatArray();
        assertThat(got).hasSameSizeAs(want);
        for (int i = 0; i < want.length; i++) {
          assertThat(got[i])
              .as("output %d of %s", i, picture)
              .isCloseTo(want[i], Offset.offset(1e-5f));
        }
      }
    }
  }
}
