package dev.blocksmith.nodes.train;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.blocksmith.engine.model.TrainedModel;
import dev.blocksmith.engine.model.Weights;
import dev.blocksmith.engine.spi.NodeException;
import dev.blocksmith.engine.testing.TestContext;
import dev.blocksmith.engine.value.Dataset;
import dev.blocksmith.engine.value.ImageSet;
import dev.blocksmith.nodes.Run;
import dev.blocksmith.nodes.Score;
import dev.blocksmith.nodes.data.SampleData;
import dev.blocksmith.nodes.model.PretrainedModel;
import dev.blocksmith.nodes.prepare.FilterClasses;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Few-shot transfer on digits: the shipped base model knows 0–4 and learns 5–9 from 5 each. */
class FineTuneTest {
  private static TrainedModel base;
  private static Dataset fewShot;
  private static Dataset test;

  @BeforeAll
  static void data() throws Exception {
    try (TestContext ctx = new TestContext("setup")) {
      base =
          (TrainedModel)
              Run.block(
                      new PretrainedModel(),
                      Map.of(),
                      ctx,
                      "source",
                      "shipped",
                      "base",
                      "digits-0-4")
                  .get("model");
      Object pool =
          Run.block(new SampleData(), Map.of(), ctx, "dataset", "digits", "size", 1000, "seed", 11)
              .get("data");
      fewShot =
          (Dataset)
              Run.block(
                      new FilterClasses(),
                      Map.of("data", pool),
                      ctx,
                      "classes",
                      "5,6,7,8,9",
                      "perClass",
                      5)
                  .get("data");
      Object fresh =
          Run.block(new SampleData(), Map.of(), ctx, "dataset", "digits", "size", 1000, "seed", 12)
              .get("data");
      test =
          (Dataset)
              Run.block(new FilterClasses(), Map.of("data", fresh), ctx, "classes", "5,6,7,8,9")
                  .get("data");
    }
  }

  @Test
  void retrainingTheLastLayerBeatsTrainingFromScratchAndKeepsTheBackbone() throws Exception {
    TrainedModel tuned;
    TrainedModel scratch;
    try (TestContext ctx = new TestContext("tune")) {
      tuned =
          (TrainedModel)
              Run.block(
                      new FineTune(),
                      Map.of("model", base, "train", fewShot),
                      ctx,
                      "strategy",
                      "head",
                      "epochs",
                      40,
                      "learningRate",
                      0.01)
                  .get("model");
      ctx.logs().forEach(System.out::println);
      int head = 128 * 5 + 5; // the new last layer: 128 features → 5 classes, plus biases
      assertThat(ctx.logText())
          .contains("Head only: everything the base model learned stays " + "frozen")
          .contains(
              String.format(
                  java.util.Locale.ROOT, "Here that is %,d weights " + "that learn", head));
      scratch =
          (TrainedModel)
              Run.block(
                      new Train(),
                      Map.of("train", fewShot),
                      ctx,
                      "architecture",
                      "cnn",
                      "hiddenSizes",
                      List.of(128),
                      "epochs",
                      40,
                      "learningRate",
                      0.01,
                      "patience",
                      0)
                  .get("model");
    }
    double a = Score.accuracy(tuned, test);
    double b = Score.accuracy(scratch, test);
    System.out.printf("few-shot 5-9: fine-tuned %.3f, from scratch %.3f%n", a, b);
    assertThat(tuned.labelNames()).containsExactly("5", "6", "7", "8", "9");
    assertThat(a).isGreaterThan(b + 0.05);
    List<Weights.Tensor> before = Weights.read(base);
    List<Weights.Tensor> after = Weights.read(tuned);
    for (int i = 0; i < before.size() - 2; i++) { // all but the new head's weight and bias
      assertThat(after.get(i).data())
          .as(before.get(i).name())
          .containsExactly(before.get(i).data());
    }
    assertThat(tuned.trainableParameters())
        .isEqualTo(
            after.get(after.size() - 1).data().length + after.get(after.size() - 2).data().length);
  }

  @Test
  void imagesOfAnotherSizeAreRefusedClearly() {
    ImageSet small =
        new ImageSet(
            8,
            8,
            1,
            List.of("a", "b"),
            new int[] {0, 1},
            new byte[128],
            List.of("x", "y"),
            List.of());
    try (TestContext ctx = new TestContext("tune")) {
      assertThatThrownBy(
              () -> Run.block(new FineTune(), Map.of("model", base, "train", small), ctx))
          .isInstanceOf(NodeException.class)
          .hasMessageContaining(
              "images of 28×28 pixels with 1 channel (grayscale), but these "
                  + "images are 8×8 pixels");
    }
  }

  @Test
  void lastLayersRetrainsTheDenseLayerAndTheHeadAndKeepsTheConvolutions() throws Exception {
    TrainedModel tuned;
    try (TestContext ctx = new TestContext("tune")) {
      tuned =
          (TrainedModel)
              Run.block(
                      new FineTune(),
                      Map.of("model", base, "train", fewShot),
                      ctx,
                      "strategy",
                      "last",
                      "layers",
                      2,
                      "epochs",
                      5,
                      "learningRate",
                      0.01)
                  .get("model");
      assertThat(ctx.logText()).contains("Last layers: the first layers");
    }
    List<Weights.Tensor> before = Weights.read(base);
    List<Weights.Tensor> after = Weights.read(tuned);
    for (int i = 0; i < 4; i++) { // two convolutions: weight and bias each
      assertThat(after.get(i).data())
          .as(before.get(i).name())
          .containsExactly(before.get(i).data());
    }
    assertThat(after.get(4).name()).isEqualTo(before.get(4).name());
    assertThat(java.util.Arrays.equals(after.get(4).data(), before.get(4).data()))
        .as("the dense layer before the head learns")
        .isFalse();
    int dense = 128 * 32 * 7 * 7 + 128;
    assertThat(tuned.trainableParameters()).isEqualTo(dense + 128 * 5 + 5);
  }
}
