package dev.blocksmith.nodes.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.blocksmith.engine.model.ModelBundle;
import dev.blocksmith.engine.model.TrainedModel;
import dev.blocksmith.engine.spi.NodeException;
import dev.blocksmith.engine.testing.TestContext;
import dev.blocksmith.nodes.Run;
import dev.blocksmith.nodes.Score;
import dev.blocksmith.nodes.data.SampleData;
import dev.blocksmith.nodes.prepare.FilterClasses;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PretrainedModelTest {

  @Test
  void shippedBaseModelIsSmallAndReadsDigitsZeroToFour() throws Exception {
    try (TestContext ctx = new TestContext("base")) {
      TrainedModel base =
          (TrainedModel) Run.block(new PretrainedModel(), Map.of(), ctx).get("model");
      assertThat(base.labelNames()).containsExactly("0", "1", "2", "3", "4");
      Object fresh =
          Run.block(new SampleData(), Map.of(), ctx, "dataset", "digits", "size", 600, "seed", 99)
              .get("data");
      Object test =
          Run.block(new FilterClasses(), Map.of("data", fresh), ctx, "classes", "0,1,2,3,4")
              .get("data");
      assertThat(Score.accuracy(base, test)).isGreaterThan(0.9);
      assertThat(ModelBundle.toBytes(base).length).isLessThan(2 * 1024 * 1024);
    }
  }

  @Test
  void zooRequestOfflineFailsQuicklyInPlainWords() {
    assertThat(Boolean.getBoolean("ai.djl.offline")).isTrue();
    try (TestContext ctx = new TestContext("zoo")) {
      long start = System.nanoTime();
      assertThatThrownBy(
              () ->
                  Run.block(
                      new PretrainedModel(),
                      Map.of(),
                      ctx,
                      "source",
                      "zoo",
                      "zooUrl",
                      "djl://ai.djl.pytorch/resnet"))
          .isInstanceOf(NodeException.class)
          .hasMessageStartingWith(
              "Blocksmith could not reach the internet to download "
                  + "djl://ai.djl.pytorch/resnet")
          .satisfies(
              e ->
                  assertThat(((NodeException) e).fix())
                      .isEqualTo(
                          "Choose a shipped base model or a model file on this computer instead."));
      assertThat((System.nanoTime() - start) / 1e9).isLessThan(3);
    }
  }

  @Test
  void savedFileOpensAndMissingFilesAreNamed(@TempDir Path dir) throws Exception {
    try (TestContext ctx = new TestContext("open")) {
      TrainedModel base = BaseModels.load(BaseModels.ALL.get(0));
      Path file = dir.resolve("copy.bsmodel");
      ModelBundle.write(base, file);
      TrainedModel back =
          (TrainedModel)
              Run.block(
                      new PretrainedModel(),
                      Map.of(),
                      ctx,
                      "source",
                      "file",
                      "file",
                      file.toString())
                  .get("model");
      assertThat(back.weights()).isEqualTo(base.weights());
      assertThatThrownBy(
              () ->
                  Run.block(
                      new PretrainedModel(),
                      Map.of(),
                      ctx,
                      "source",
                      "torchscript",
                      "file",
                      dir.resolve("net.pt").toString()))
          .hasMessageContaining("There is no TorchScript file at");
      Files.write(dir.resolve("net.pt"), new byte[] {1, 2, 3});
      assertThatThrownBy(
              () ->
                  Run.block(
                      new PretrainedModel(),
                      Map.of(),
                      ctx,
                      "source",
                      "torchscript",
                      "file",
                      dir.resolve("net.pt").toString()))
          .hasMessageContaining("needs net.json beside it");
    }
  }
}
