package dev.blocksmith.engine.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.SequentialBlock;
import dev.blocksmith.engine.value.Curve;
import java.io.ByteArrayInputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ModelBundleTest {
  private static final Preprocessing PRE =
      new Preprocessing(
          1,
          Preprocessing.Input.IMAGES,
          List.of(),
          List.of(1, 8, 8),
          null,
          ArchSpec.Task.CLASSIFICATION,
          List.of("a", "b", "c"),
          List.of(),
          0,
          1);
  private static final Provenance PROV =
      new Provenance(7, "cpu()", "0.35.1", "2.7.1", "abc", 3, 2, "{\"nodes\": []}");

  static TrainedModel random(ArchSpec spec, Preprocessing pre, int seed) {
    try (NDManager m = NDManager.newBaseManager()) {
      Engine.getInstance().setRandomSeed(seed);
      SequentialBlock block = Architectures.build(spec);
      block.initialize(m, DataType.FLOAT32, new Shape(spec.batchShape(1)));
      return TrainedModel.capture(
          spec, block, pre, List.of(new Curve("train loss", List.of(1.0, 0.5))), PROV);
    }
  }

  private static TrainedModel cnn() {
    return random(ArchSpec.cnn(1, 8, 8, 3, ArchSpec.Task.CLASSIFICATION), PRE, 3);
  }

  @Test
  void savedModelReloadsWithIdenticalWeightsAndRecipe(@TempDir Path dir) throws Exception {
    TrainedModel model = cnn();
    Path file = dir.resolve("m" + ModelBundle.EXTENSION);
    ModelBundle.write(model, file);
    TrainedModel back = ModelBundle.read(file);
    assertThat(back.weights()).isEqualTo(model.weights());
    assertThat(back.arch()).isEqualTo(model.arch());
    assertThat(back.preprocessing()).isEqualTo(model.preprocessing());
    assertThat(back.history()).isEqualTo(model.history());
    assertThat(back.provenance()).isEqualTo(model.provenance());
    assertThat(back.parameters()).isEqualTo(model.parameters());
    assertThat(ModelBundle.toBytes(back)).isEqualTo(Files.readAllBytes(file));
    try (var files = Files.list(dir)) {
      assertThat(files).hasSize(1); // no temp file left behind
    }
  }

  @Test
  void int8StorageRoundTripsExactlyAndIsAboutFourTimesSmaller() throws Exception {
    ArchSpec spec = ArchSpec.mlp(List.of(256), List.of(128), 3, ArchSpec.Task.CLASSIFICATION);
    Preprocessing pre =
        new Preprocessing(
            1,
            Preprocessing.Input.TABLE,
            List.of(),
            List.of(),
            "y",
            ArchSpec.Task.CLASSIFICATION,
            List.of("a", "b", "c"),
            List.of(),
            0,
            1);
    TrainedModel model = random(spec, tablePre(256), 5);
    List<Weights.Tensor> rounded =
        Quantization.round(Weights.read(model), TrainedModel.Storage.INT8);
    TrainedModel q =
        new TrainedModel(
            spec,
            Weights.toDjlBytes(spec, rounded),
            model.parameters(),
            model.preprocessing(),
            model.history(),
            model.provenance(),
            TrainedModel.Storage.INT8);
    TrainedModel back = ModelBundle.read(ModelBundle.toBytes(q), "q.bsmodel");
    assertThat(back.storage()).isEqualTo(TrainedModel.Storage.INT8);
    assertThat(back.weights()).isEqualTo(q.weights());
    double ratio =
        (double) ModelBundle.weightBytes(model).length / ModelBundle.weightBytes(q).length;
    assertThat(ratio).isGreaterThan(3.5);
    assertThat(Quantization.maxError(Weights.read(model), rounded))
        .isGreaterThan(0)
        .isLessThan(0.01);
    assertThat(pre.classNames()).isEqualTo(back.labelNames());
  }

  static Preprocessing tablePre(int features) {
    List<Preprocessing.ColumnStep> steps = new java.util.ArrayList<>();
    for (int i = 0; i < features; i++) {
      steps.add(
          new Preprocessing.ColumnStep("f" + i, Preprocessing.Op.SCALE, 0, 0, 1, List.of(), false));
    }
    return new Preprocessing(
        1,
        Preprocessing.Input.TABLE,
        steps,
        List.of(),
        "y",
        ArchSpec.Task.CLASSIFICATION,
        List.of("a", "b", "c"),
        List.of(),
        0,
        1);
  }

  @Test
  void weightsOfAnotherArchitectureAreRefusedInPlainWords() throws Exception {
    Preprocessing pre = tablePre(2);
    TrainedModel wide =
        random(ArchSpec.mlp(List.of(2), List.of(64), 3, ArchSpec.Task.CLASSIFICATION), pre, 1);
    ArchSpec narrow = ArchSpec.mlp(List.of(2), List.of(32), 3, ArchSpec.Task.CLASSIFICATION);
    Map<String, byte[]> parts = parts(ModelBundle.toBytes(wide));
    parts.put("arch.json", narrow.toJson().getBytes(java.nio.charset.StandardCharsets.UTF_8));
    byte[] edited = ModelFileTrustTest.resealed(parts); // checksums fit: the shape check must act
    assertThatThrownBy(() -> ModelBundle.read(edited, "edited.bsmodel"))
        .isInstanceOf(IncompatibleModelException.class)
        .hasMessage(
            "This model file's weights do not match its architecture (layer "
                + "'01Linear_weight' has shape [64, 2] but the architecture needs [32, 2]); the file "
                + "is damaged or was edited.");
  }

  @Test
  void unexpectedOrTraversingPartsAreRefused() throws Exception {
    Map<String, byte[]> parts = parts(ModelBundle.toBytes(cnn()));
    parts.put("../../evil.sh", new byte[] {1});
    byte[] evil = BundleZip.write(parts, Set.of());
    assertThatThrownBy(() -> ModelBundle.read(evil, "evil.bsmodel"))
        .isInstanceOf(ModelFileException.class)
        .hasMessageContaining("unexpected part \"../../evil.sh\"");
    assertThatThrownBy(() -> ModelBundle.read("hello".getBytes(), "notes.txt"))
        .isInstanceOf(ModelFileException.class)
        .hasMessageContaining("notes.txt is not a Blocksmith model file");
  }

  @Test
  void missingFileIsNamed(@TempDir Path dir) {
    assertThatThrownBy(() -> ModelBundle.read(dir.resolve("nope.bsmodel")))
        .isInstanceOf(ModelFileException.class)
        .hasMessageContaining("There is no model file at");
  }

  private static Map<String, byte[]> parts(byte[] zip) throws Exception {
    return new LinkedHashMap<>(
        BundleZip.read(
            new ByteArrayInputStream(zip),
            Set.of(
                "bundle.json",
                "arch.json",
                "weights.params",
                "weights.safetensors",
                "parameters.json",
                "labels.json",
                "preprocessing.json",
                "history.json",
                "provenance.json"),
            "x"));
  }
}
