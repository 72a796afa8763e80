package dev.blocksmith.nodes.output;

import static org.assertj.core.api.Assertions.assertThat;

import dev.blocksmith.engine.cli.Cli;
import dev.blocksmith.engine.model.TrainedModel;
import dev.blocksmith.engine.registry.NodeRegistry;
import dev.blocksmith.engine.testing.TestContext;
import dev.blocksmith.engine.value.CategoryColumn;
import dev.blocksmith.engine.value.Column;
import dev.blocksmith.engine.value.ImageSet;
import dev.blocksmith.engine.value.NumberColumn;
import dev.blocksmith.engine.value.Table;
import dev.blocksmith.nodes.Run;
import dev.blocksmith.nodes.data.SampleData;
import dev.blocksmith.nodes.model.BaseModels;
import dev.blocksmith.nodes.model.PretrainedModel;
import dev.blocksmith.nodes.prepare.FilterClasses;
import dev.blocksmith.nodes.train.Train;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PredictTest {
  private static Table moons;
  private static TrainedModel model;

  @BeforeAll
  static void train() throws Exception {
    try (TestContext ctx = new TestContext("setup")) {
      moons =
          (Table)
              Run.block(new SampleData(), Map.of(), ctx, "dataset", "moons", "size", 600, "seed", 3)
                  .get("data");
      model =
          (TrainedModel)
              Run.block(
                      new Train(),
                      Map.of("train", moons),
                      ctx,
                      "architecture",
                      "mlp",
                      "hiddenSizes",
                      List.of(32, 32),
                      "epochs",
                      30,
                      "patience",
                      0)
                  .get("model");
    }
  }

  private static Table predict(Object m, Object data) throws Exception {
    try (TestContext ctx = new TestContext("predict")) {
      return (Table) Run.block(new Predict(), Map.of("model", m, "data", data), ctx).get("table");
    }
  }

  private static double agreement(Table t, String truth) {
    Column a = t.column(truth).orElseThrow();
    Column b = t.column("predicted").orElseThrow();
    int same = 0;
    for (int r = 0; r < t.rowCount(); r++) {
      same += a.format(r).equals(b.format(r)) ? 1 : 0;
    }
    return (double) same / t.rowCount();
  }

  @Test
  void rawRowsWithoutTheAnswerGetPredictionsAndConfidence() throws Exception {
    Table unlabelled =
        Table.of(List.of(moons.column("x").orElseThrow(), moons.column("y").orElseThrow()));
    Table out = predict(model, unlabelled);
    assertThat(out.columnNames()).containsExactly("x", "y", "predicted", "confidence");
    assertThat(out.rowCount()).isEqualTo(600);
    Table withTruth = out.withColumn(moons.column("class").orElseThrow());
    assertThat(agreement(withTruth, "class")).isGreaterThan(0.9);
    double[] confidence = ((NumberColumn) out.column("confidence").orElseThrow()).toArray();
    assertThat(java.util.Arrays.stream(confidence).allMatch(c -> c >= 0.5 && c <= 1.0)).isTrue();
  }

  @Test
  void imagesGetTheirSourceNamesAndPredictions() throws Exception {
    try (TestContext ctx = new TestContext("images")) {
      TrainedModel base = BaseModels.load(BaseModels.ALL.get(0));
      Object digits =
          Run.block(new SampleData(), Map.of(), ctx, "dataset", "digits", "size", 300, "seed", 8)
              .get("data");
      ImageSet some =
          (ImageSet)
              Run.block(new FilterClasses(), Map.of("data", digits), ctx, "classes", "0,1,2,3,4")
                  .get("data");
      Table out = predict(base, some);
      assertThat(out.columnNames()).containsExactly("source", "label", "predicted", "confidence");
      assertThat(out.column("source").orElseThrow().format(0)).isEqualTo(some.sources().get(0));
      assertThat(agreement(out, "label")).isGreaterThan(0.9);
    }
  }

  @Test
  void aSavedModelReloadsAndPredictsIdentically(@TempDir Path dir) throws Exception {
    try (TestContext ctx = new TestContext("save")) {
      Object passed =
          Run.block(
                  new SaveModel(),
                  Map.of("model", model),
                  ctx,
                  "file",
                  dir.resolve("moons.bsmodel").toString())
              .get("model");
      assertThat(passed).isSameAs(model);
      TrainedModel back =
          (TrainedModel)
              Run.block(
                      new PretrainedModel(),
                      Map.of(),
                      ctx,
                      "source",
                      "file",
                      "file",
                      dir.resolve("moons.bsmodel").toString())
                  .get("model");
      assertThat(predict(back, moons)).isEqualTo(predict(model, moons));
    }
  }

  @Test
  void commandLinePredictsACsvFile(@TempDir Path dir) throws Exception {
    Path modelFile = dir.resolve("moons.bsmodel");
    dev.blocksmith.engine.model.ModelBundle.write(model, modelFile);
    Path csv = dir.resolve("new.csv");
    StringBuilder text = new StringBuilder("x,y\n");
    for (int r = 0; r < 20; r++) {
      text.append(moons.column("x").orElseThrow().format(r))
          .append(',')
          .append(moons.column("y").orElseThrow().format(r))
          .append('\n');
    }
    Files.writeString(csv, text);
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    int code =
        Cli.execute(
            NodeRegistry.loadDefault(),
            new PrintStream(out, true),
            new PrintStream(err, true),
            "predict",
            modelFile.toString(),
            csv.toString(),
            "--out",
            dir.resolve("predicted.csv").toString());
    assertThat(err.toString(StandardCharsets.UTF_8)).isEmpty();
    assertThat(code).isZero();
    List<String> lines = Files.readAllLines(dir.resolve("predicted.csv"));
    assertThat(lines.get(0)).isEqualTo("x,y,predicted,confidence");
    assertThat(lines).hasSize(21);
    CategoryColumn truth = (CategoryColumn) moons.column("class").orElseThrow();
    int right = 0;
    for (int r = 0; r < 20; r++) {
      right += lines.get(r + 1).split(",")[2].equals(truth.format(r)) ? 1 : 0;
    }
    assertThat(right).isGreaterThanOrEqualTo(17);
    assertThat(out.toString(StandardCharsets.UTF_8)).contains("Wrote 20 predictions");
  }

  @Test
  void commandLinePredictsAFolderOfImages(@TempDir Path dir) throws Exception {
    Path modelFile = dir.resolve("digits.bsmodel");
    dev.blocksmith.engine.model.ModelBundle.write(
        BaseModels.load(BaseModels.ALL.get(0)), modelFile);
    ImageSet digits;
    try (TestContext ctx = new TestContext("images")) {
      Object all =
          Run.block(new SampleData(), Map.of(), ctx, "dataset", "digits", "size", 100, "seed", 4)
              .get("data");
      digits =
          (ImageSet)
              Run.block(new FilterClasses(), Map.of("data", all), ctx, "classes", "0,1,2,3,4")
                  .get("data");
    }
    // Load images wants one sub-folder per class (it refuses a single unsorted folder).
    for (int i = 0; i < digits.size(); i++) {
      Path folder = Files.createDirectories(dir.resolve("photos/" + digits.stratumOf(i)));
      var image =
          new java.awt.image.BufferedImage(28, 28, java.awt.image.BufferedImage.TYPE_BYTE_GRAY);
      image.getRaster().setDataElements(0, 0, 28, 28, digits.image(i));
      javax.imageio.ImageIO.write(
          image,
          "png",
          folder.resolve(String.format("%03d-%s.png", i, digits.stratumOf(i))).toFile());
    }
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    int code =
        Cli.execute(
            NodeRegistry.loadDefault(),
            new PrintStream(out, true),
            new PrintStream(err, true),
            "predict",
            modelFile.toString(),
            dir.resolve("photos").toString());
    assertThat(err.toString(StandardCharsets.UTF_8)).isEmpty();
    assertThat(code).isZero();
    List<String> lines = out.toString(StandardCharsets.UTF_8).lines().toList();
    assertThat(lines.get(0)).isEqualTo("source,label,predicted,confidence");
    assertThat(lines).hasSize(digits.size() + 1);
    int right = 0;
    for (String line : lines.subList(1, lines.size())) {
      String[] f = line.split(",");
      assertThat(f[0]).startsWith(f[1] + "/");
      right += f[1].equals(f[2]) ? 1 : 0;
    }
    assertThat(right).isGreaterThanOrEqualTo(digits.size() * 9 / 10);
  }
}
