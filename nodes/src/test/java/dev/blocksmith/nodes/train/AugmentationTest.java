package dev.blocksmith.nodes.train;

import static org.assertj.core.api.Assertions.assertThat;

import dev.blocksmith.engine.model.Augmenter;
import dev.blocksmith.engine.model.Preprocessing;
import dev.blocksmith.engine.model.TrainedModel;
import dev.blocksmith.engine.testing.TestContext;
import dev.blocksmith.engine.value.Augmentation;
import dev.blocksmith.engine.value.Chart;
import dev.blocksmith.engine.value.Curve;
import dev.blocksmith.engine.value.ImageSet;
import dev.blocksmith.engine.value.Report;
import dev.blocksmith.nodes.Run;
import dev.blocksmith.nodes.Score;
import dev.blocksmith.nodes.data.SampleData;
import dev.blocksmith.nodes.prepare.AugmentImages;
import dev.blocksmith.nodes.prepare.Split;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.function.IntFunction;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Augment images: the recipe travels with the pictures, only the training part of Train is varied
 * (per epoch, seeded), and validation and test pictures reach the model untouched.
 */
class AugmentationTest {
  private static ImageSet digits;

  @BeforeAll
  static void data() throws Exception {
    try (TestContext ctx = new TestContext("setup")) {
      digits =
          (ImageSet)
              Run.block(
                      new SampleData(), Map.of(), ctx, "dataset", "digits", "size", 120, "seed", 5)
                  .get("data");
    }
  }

  private static Map<String, Object> augment(ImageSet images, int seed) throws Exception {
    try (TestContext ctx = new TestContext("augment")) {
      return Run.block(
          new AugmentImages(),
          Map.of("images", images),
          ctx,
          "flip",
          false,
          "rotate",
          15.0,
          "noise",
          0.05,
          "seed",
          seed);
    }
  }

  private static Map<String, Object> split(Object data) throws Exception {
    try (TestContext ctx = new TestContext("split")) {
      return Run.block(new Split(), Map.of("data", data), ctx, "seed", 3);
    }
  }

  @Test
  void theBlockChangesNoPixelAndEveryPartOfASplitKeepsTheRecipe() throws Exception {
    Map<String, Object> out = augment(digits, 1);
    ImageSet augmented = (ImageSet) out.get("images");
    assertThat(augmented.augmentation()).isPresent();
    Map<String, Object> plainParts = split(digits);
    Map<String, Object> parts = split(augmented);
    for (String part : List.of("train", "validation", "test")) {
      ImageSet a = (ImageSet) parts.get(part);
      ImageSet p = (ImageSet) plainParts.get(part);
      assertThat(a.augmentation()).as(part).isPresent();
      assertThat(a.size()).isEqualTo(p.size()).isPositive();
      for (int i = 0; i < a.size(); i++) {
        assertThat(a.image(i)).as(part + " picture " + i).containsExactly(p.image(i));
      }
    }
    // Evaluate and Predict encode through the preprocessing, which ignores the recipe.
    Preprocessing pre = Labels.fit(digits, paramsOfTrain(), new TestContext("fit"));
    ImageSet test = (ImageSet) parts.get("test");
    ImageSet plainTest = (ImageSet) plainParts.get("test");
    assertThat(pre.transform(test).features()).containsExactly(pre.transform(plainTest).features());
  }

  @Test
  void theSameSeedGivesTheSameEpochsAndAnotherSeedOthers() throws Exception {
    Preprocessing pre = Labels.fit(digits, paramsOfTrain(), new TestContext("fit"));
    ImageSet one = (ImageSet) augment(digits, 1).get("images");
    ImageSet again = (ImageSet) augment(digits, 1).get("images");
    ImageSet other = (ImageSet) augment(digits, 2).get("images");
    IntFunction<float[]> a = Augmenting.epochs(one, pre, new TestContext("a"));
    IntFunction<float[]> b = Augmenting.epochs(again, pre, new TestContext("b"));
    IntFunction<float[]> c = Augmenting.epochs(other, pre, new TestContext("c"));
    float[] plain = pre.transform(digits).features();
    float[] epoch1 = a.apply(1);
    assertThat(epoch1).hasSameSizeAs(plain);
    assertThat(Arrays.equals(epoch1, plain)).as("augmented differs from the original").isFalse();
    assertThat(b.apply(1)).containsExactly(epoch1);
    assertThat(b.apply(2)).containsExactly(a.apply(2));
    assertThat(Arrays.equals(a.apply(2), epoch1)).as("epochs differ").isFalse();
    assertThat(Arrays.equals(c.apply(1), epoch1)).as("seeds differ").isFalse();
    // A recipe that changes nothing gives back the pictures, bit for bit.
    Augmentation none = new Augmentation(false, false, 0, 0, 0, 0, 0, 0, 9);
    assertThat(Augmenter.apply(digits, none, 1).image(7)).containsExactly(digits.image(7));
  }

  @Test
  void theReportPreviewsPicturesAsTrainingSeesThem() throws Exception {
    Report report = (Report) augment(digits, 1).get("report");
    Chart chart = report.charts().get(0);
    assertThat(chart.kind()).isEqualTo(Chart.Kind.PICTURES);
    assertThat(chart.pictures()).hasSize(16);
    assertThat(chart.pictures().get(0).caption()).endsWith("as is");
    assertThat(chart.pictures().get(0).pixels()).containsExactly(digits.image(0));
    assertThat(Arrays.equals(chart.pictures().get(1).pixels(), digits.image(0))).isFalse();
    ImageSet epoch1 =
        Augmenter.apply(
            digits, ((ImageSet) augment(digits, 1).get("images")).augmentation().get(), 1);
    assertThat(chart.pictures().get(1).pixels()).containsExactly(epoch1.image(0));
  }

  @Test
  void trainingVariesOnlyTheTrainingPartAndValidationScoresUseThePicturesAsTheyAre()
      throws Exception {
    Map<String, Object> parts = split(augment(digits, 1).get("images"));
    ImageSet validation = (ImageSet) parts.get("validation");
    TrainedModel augmented = train(parts.get("train"), validation);
    ImageSet plainTrain = ((ImageSet) parts.get("train")).withAugmentation(null);
    TrainedModel plain = train(plainTrain, validation);
    List<Double> augmentedLoss = curve(augmented, "train loss");
    assertThat(augmentedLoss).isNotEqualTo(curve(plain, "train loss"));
    // The validation accuracy recorded for the kept epoch is the accuracy on the untouched
    // validation pictures: had training varied them, the two would not agree.
    int best = augmented.provenance().bestEpoch();
    double recorded = curve(augmented, "validation accuracy").get(best - 1);
    assertThat(Score.accuracy(augmented, validation.withAugmentation(null))).isEqualTo(recorded);
  }

  private static TrainedModel train(Object train, ImageSet validation) throws Exception {
    try (TestContext ctx = new TestContext("train")) {
      TrainedModel m =
          (TrainedModel)
              Run.block(
                      new Train(),
                      Map.of("train", train, "validation", validation),
                      ctx,
                      "architecture",
                      "cnn",
                      "epochs",
                      3,
                      "patience",
                      0)
                  .get("model");
      if (train instanceof ImageSet s && s.augmentation().isPresent()) {
        assertThat(ctx.logText()).contains("validation pictures stay as they are");
      }
      return m;
    }
  }

  private static List<Double> curve(TrainedModel m, String name) {
    return m.history().stream()
        .filter(c -> c.name().equals(name))
        .findFirst()
        .map(Curve::values)
        .orElseThrow();
  }

  private static dev.blocksmith.engine.spi.Params paramsOfTrain() {
    return dev.blocksmith.engine.spi.Params.of(new Train().spec(), Map.of());
  }
}
