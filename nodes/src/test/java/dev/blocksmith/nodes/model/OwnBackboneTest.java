package dev.blocksmith.nodes.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.blocksmith.engine.embed.Backbone;
import dev.blocksmith.engine.model.ModelBundle;
import dev.blocksmith.engine.model.Preprocessing;
import dev.blocksmith.engine.model.TrainedModel;
import dev.blocksmith.engine.onnx.TinyBackbones;
import dev.blocksmith.engine.spi.NodeException;
import dev.blocksmith.engine.testing.TestContext;
import dev.blocksmith.engine.value.Dataset;
import dev.blocksmith.engine.value.Table;
import dev.blocksmith.nodes.Run;
import dev.blocksmith.nodes.Score;
import dev.blocksmith.nodes.data.SampleData;
import dev.blocksmith.nodes.output.Predict;
import dev.blocksmith.nodes.prepare.FilterClasses;
import dev.blocksmith.nodes.train.FineTune;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A user's own picture network as a frozen feature extractor: an ONNX file the test writes and a
 * TorchScript file made by the committed {@code make_tiny_backbone.py} each open, get a trained
 * head on grey digits (resized to 8×8 and repeated into three channels), predict, and save and
 * reload with the network inside the model file.
 */
class OwnBackboneTest {
  @TempDir static Path dir;
  private static Dataset train;
  private static Dataset test;

  @BeforeAll
  static void data() throws Exception {
    try (TestContext ctx = new TestContext("setup")) {
      Object pool =
          Run.block(new SampleData(), Map.of(), ctx, "dataset", "digits", "size", 300, "seed", 3)
              .get("data");
      train =
          (Dataset)
              Run.block(new FilterClasses(), Map.of("data", pool), ctx, "classes", "0,1,7")
                  .get("data");
      Object fresh =
          Run.block(new SampleData(), Map.of(), ctx, "dataset", "digits", "size", 300, "seed", 4)
              .get("data");
      test =
          (Dataset)
              Run.block(new FilterClasses(), Map.of("data", fresh), ctx, "classes", "0,1,7")
                  .get("data");
    }
  }

  private static TrainedModel open(String source, Path file, int size) throws Exception {
    try (TestContext ctx = new TestContext("base")) {
      TrainedModel m =
          (TrainedModel)
              Run.block(
                      new PretrainedModel(),
                      Map.of(),
                      ctx,
                      "source",
                      source,
                      "file",
                      file.toString(),
                      "inputSize",
                      size,
                      "mean",
                      "0.5, 0.5, 0.5",
                      "std",
                      "0.25, 0.25, 0.25")
                  .get("model");
      assertThat(ctx.logText()).contains("stays frozen");
      return m;
    }
  }

  private static TrainedModel tune(TrainedModel base) throws Exception {
    return tune(base, "head");
  }

  private static TrainedModel tune(TrainedModel base, String strategy) throws Exception {
    try (TestContext ctx = new TestContext("tune")) {
      return (TrainedModel)
          Run.block(
                  new FineTune(),
                  Map.of("model", base, "train", train),
                  ctx,
                  "strategy",
                  strategy,
                  "epochs",
                  30,
                  "learningRate",
                  0.01)
              .get("model");
    }
  }

  private static void trainsPredictsSavesAndReloads(TrainedModel base, String name)
      throws Exception {
    Backbone b = base.preprocessing().pictureNetwork().backbone();
    assertThat(b.name()).isEqualTo(name);
    assertThat(b.sha256()).hasSize(64);
    assertThat(b.image().size()).isEqualTo(8);
    TrainedModel tuned = tune(base);
    assertThat(tuned.labelNames()).containsExactly("0", "1", "7");
    double accuracy = Score.accuracy(tuned, test);
    System.out.printf(
        "%s backbone + trained head: accuracy %.3f on 3 digit classes%n", name, accuracy);
    assertThat(accuracy).isGreaterThan(0.7); // chance is 0.33
    Path file = dir.resolve(name + ".bsmodel");
    ModelBundle.write(tuned, file);
    TrainedModel back = ModelBundle.read(file);
    assertThat(back.preprocessing().pictureNetwork().backbone()).isEqualTo(b);
    assertThat(back.preprocessing().version()).isEqualTo(Preprocessing.PICTURE_VERSION);
    assertThat(predictions(back)).isEqualTo(predictions(tuned));
    // The file carries the network: damaging its bytes is caught by the checksums.
    byte[] bytes = Files.readAllBytes(file);
    assertThat(ModelBundle.read(bytes, "copy").preprocessing().pictureNetwork()).isNotNull();
  }

  private static java.util.List<String> predictions(TrainedModel model) throws Exception {
    try (TestContext ctx = new TestContext("predict")) {
      Table t =
          (Table) Run.block(new Predict(), Map.of("model", model, "data", test), ctx).get("table");
      var predicted = t.column("predicted").orElseThrow();
      var confidence = t.column("confidence").orElseThrow();
      java.util.List<String> out = new java.util.ArrayList<>();
      for (int r = 0; r < t.rowCount(); r++) {
        out.add(predicted.format(r) + " " + confidence.format(r));
      }
      return out;
    }
  }

  @Test
  void anOnnxNetworkWrittenByTheTestsGetsAHeadThatLearns() throws Exception {
    Path onnx = dir.resolve("tiny.onnx");
    Files.write(onnx, TinyBackbones.onnx(3, 8, 48, 5));
    TrainedModel base = open("onnx-network", onnx, 8);
    assertThat(base.preprocessing().pictureNetwork().backbone().dimensions()).isEqualTo(48);
    trainsPredictsSavesAndReloads(base, "tiny.onnx");
  }

  @Test
  void aTorchScriptNetworkGetsAHeadThatLearns() throws Exception {
    Path pt = dir.resolve("tiny-backbone.pt");
    try (InputStream in = getClass().getResourceAsStream("tiny-backbone.pt")) {
      Files.copy(in, pt);
    }
    TrainedModel base = open("torchscript-network", pt, 8);
    assertThat(base.preprocessing().pictureNetwork().backbone().dimensions()).isEqualTo(32);
    trainsPredictsSavesAndReloads(base, "tiny-backbone.pt");
  }

  @Test
  void aNetworkThatCannotReadTheDeclaredSizeIsRefusedInPlainWords() throws Exception {
    Path onnx = dir.resolve("small.onnx");
    Files.write(onnx, TinyBackbones.onnx(3, 8, 16, 5));
    assertThatThrownBy(() -> open("onnx-network", onnx, 12))
        .isInstanceOf(NodeException.class)
        .hasMessageContaining("could not open the model")
        .hasMessageContaining("3×12×12 pictures")
        .hasMessageContaining("Check the input size");
    Path junk = dir.resolve("junk.onnx");
    Files.writeString(junk, "not a network");
    assertThatThrownBy(() -> open("onnx-network", junk, 8))
        .isInstanceOf(NodeException.class)
        .hasMessageContaining("could not be opened as an ONNX network");
  }

  @Test
  void aTorchScriptNetworkCanBeFineTunedWholeAndAnOnnxOneCannot() throws Exception {
    Path pt = dir.resolve("whole.pt");
    try (InputStream in = getClass().getResourceAsStream("tiny-backbone.pt")) {
      Files.copy(in, pt);
    }
    TrainedModel base = open("torchscript-network", pt, 8);
    Backbone original = base.preprocessing().pictureNetwork().backbone();
    TrainedModel tuned = tune(base, "gentle");
    Backbone after = tuned.preprocessing().pictureNetwork().backbone();
    assertThat(after.sha256())
        .as("the network's own weights changed")
        .isNotEqualTo(original.sha256());
    assertThat(after.version()).contains(original.sha256().substring(0, 12));
    double accuracy = Score.accuracy(tuned, test);
    System.out.printf("whole TorchScript network fine-tuned: accuracy %.3f%n", accuracy);
    assertThat(accuracy).isGreaterThan(0.7);
    Path file = dir.resolve("whole.bsmodel");
    ModelBundle.write(tuned, file);
    assertThat(predictions(ModelBundle.read(file))).isEqualTo(predictions(tuned));
    Path onnx = dir.resolve("frozen.onnx");
    Files.write(onnx, TinyBackbones.onnx(3, 8, 16, 5));
    TrainedModel frozen = open("onnx-network", onnx, 8);
    assertThatThrownBy(() -> tune(frozen, "gentle"))
        .isInstanceOf(NodeException.class)
        .hasMessageContaining("ONNX picture network cannot learn");
  }
}
