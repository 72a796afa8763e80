package dev.blocksmith.engine.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ai.djl.Device;
import ai.djl.Model;
import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.SequentialBlock;
import ai.djl.training.ParameterStore;
import java.util.List;
import org.junit.jupiter.api.Test;

class TrainedModelTest {
  private static final Preprocessing PRE =
      new Preprocessing(
          1,
          Preprocessing.Input.TABLE,
          List.of(),
          List.of(),
          "y",
          ArchSpec.Task.CLASSIFICATION,
          List.of("a", "b"),
          List.of(),
          0,
          1);
  private static final Provenance PROV =
      new Provenance(1, "cpu()", "0.35.1", "2.7.1", "abc", 1, 1, null);

  private static TrainedModel captured(ArchSpec spec, NDManager manager) {
    Engine.getInstance().setRandomSeed(7);
    SequentialBlock block = Architectures.build(spec);
    block.initialize(manager, DataType.FLOAT32, new Shape(spec.batchShape(1)));
    return TrainedModel.capture(spec, block, PRE, List.of(), PROV);
  }

  @Test
  void headlineCountsParameters() {
    try (NDManager m = NDManager.newBaseManager()) {
      TrainedModel model =
          captured(ArchSpec.mlp(List.of(2), List.of(64, 64), 2, ArchSpec.Task.CLASSIFICATION), m);
      assertThat(model.headline()).isEqualTo("MLP 2→64→64→2 · 4,482 parameters");
      assertThat(model.trainableParameters()).isEqualTo(4482);
    }
  }

  @Test
  void weightsRoundTripToTheSamePredictions() throws Exception {
    ArchSpec spec = ArchSpec.cnn(1, 8, 8, 3, ArchSpec.Task.CLASSIFICATION);
    try (NDManager m = NDManager.newBaseManager()) {
      SequentialBlock block = Architectures.build(spec);
      block.initialize(m, DataType.FLOAT32, new Shape(spec.batchShape(1)));
      TrainedModel model = TrainedModel.capture(spec, block, PRE, List.of(), PROV);
      NDArray x = m.randomUniform(0, 1, new Shape(spec.batchShape(4)));
      float[] before =
          block.forward(new ParameterStore(m, false), new NDList(x), false).head().toFloatArray();
      try (Model loaded = model.toModel(Device.cpu())) {
        NDArray x2 = loaded.getNDManager().create(x.toFloatArray(), x.getShape());
        float[] after =
            loaded
                .getBlock()
                .forward(new ParameterStore(loaded.getNDManager(), false), new NDList(x2), false)
                .head()
                .toFloatArray();
        assertThat(after).containsExactly(before);
      }
    }
  }

  @Test
  void weightsOfAnotherArchitectureAreRefused() {
    try (NDManager m = NDManager.newBaseManager()) {
      TrainedModel small =
          captured(ArchSpec.mlp(List.of(2), List.of(8), 2, ArchSpec.Task.CLASSIFICATION), m);
      ArchSpec bigger = ArchSpec.mlp(List.of(2), List.of(16), 2, ArchSpec.Task.CLASSIFICATION);
      TrainedModel lying =
          new TrainedModel(bigger, small.weights(), small.parameters(), PRE, List.of(), PROV);
      assertThatThrownBy(() -> lying.toModel(Device.cpu()).close())
          .isInstanceOf(IncompatibleModelException.class)
          .hasMessageContaining("do not fit the architecture MLP 2→16→2");
      // Even with a manifest that claims the right shapes, the bytes themselves are checked.
      TrainedModel big = captured(bigger, m);
      TrainedModel forged =
          new TrainedModel(bigger, small.weights(), big.parameters(), PRE, List.of(), PROV);
      assertThatThrownBy(() -> forged.toModel(Device.cpu()).close())
          .isInstanceOf(IncompatibleModelException.class);
    }
  }

  @Test
  void archSpecRoundTripsThroughJson() {
    ArchSpec spec = ArchSpec.cnn(1, 28, 28, 10, ArchSpec.Task.CLASSIFICATION).withDropout(0.25);
    String json = spec.toJson();
    assertThat(json).contains("\"kind\":\"cnn\"").contains("\"task\":\"classification\"");
    assertThat(ArchSpec.fromJson(json)).isEqualTo(spec);
    assertThat(spec.describe()).isEqualTo("CNN 1×28×28→[16, 32]→64→10");
  }
}
