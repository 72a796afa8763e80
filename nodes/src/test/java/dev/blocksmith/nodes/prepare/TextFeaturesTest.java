package dev.blocksmith.nodes.prepare;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.blocksmith.engine.cli.Cli;
import dev.blocksmith.engine.embed.SentenceEmbedder;
import dev.blocksmith.engine.embed.WordCounts;
import dev.blocksmith.engine.model.ModelBundle;
import dev.blocksmith.engine.model.Preprocessing;
import dev.blocksmith.engine.model.TrainedModel;
import dev.blocksmith.engine.registry.NodeRegistry;
import dev.blocksmith.engine.spi.NodeException;
import dev.blocksmith.engine.testing.TestContext;
import dev.blocksmith.engine.value.Column;
import dev.blocksmith.engine.value.Dataset;
import dev.blocksmith.engine.value.Report;
import dev.blocksmith.engine.value.Table;
import dev.blocksmith.engine.value.TextColumn;
import dev.blocksmith.nodes.Run;
import dev.blocksmith.nodes.data.LoadCsv;
import dev.blocksmith.nodes.evaluate.Evaluate;
import dev.blocksmith.nodes.output.Predict;
import dev.blocksmith.nodes.train.Train;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The text pipeline end to end on the shipped man-page summaries, with small settings. */
class TextFeaturesTest {
  private static final Path CSV = Path.of("..", "graphs", "data", "man-summaries.csv");
  private static Table table;

  @BeforeAll
  static void load() throws Exception {
    try (TestContext ctx = new TestContext("load")) {
      table =
          (Table)
              Run.block(
                      new LoadCsv(),
                      Map.of(),
                      ctx,
                      "file",
                      CSV.toAbsolutePath().toString(),
                      "label",
                      "section")
                  .get("table");
    }
  }

  private static Map<String, Object> textFeatures(String method) throws Exception {
    try (TestContext ctx = new TestContext("text")) {
      return Run.block(new TextFeatures(), Map.of("table", table), ctx, "method", method);
    }
  }

  private static Dataset[] split(Table t) throws Exception {
    try (TestContext ctx = new TestContext("split")) {
      Map<String, Object> parts =
          Run.block(
              new Split(),
              Map.of("data", t),
              ctx,
              "trainShare",
              0.6,
              "validationShare",
              0.2,
              "testShare",
              0.2,
              "seed",
              5);
      return new Dataset[] {
        (Dataset) parts.get("train"), (Dataset) parts.get("validation"), (Dataset) parts.get("test")
      };
    }
  }

  private static TrainedModel train(Dataset[] parts) throws Exception {
    try (TestContext ctx = new TestContext("train")) {
      return (TrainedModel)
          Run.block(
                  new Train(),
                  Map.of("train", parts[0], "validation", parts[1]),
                  ctx,
                  "hiddenSizes",
                  List.of(32),
                  "epochs",
                  25,
                  "patience",
                  5,
                  "learningRate",
                  0.003)
              .get("model");
    }
  }

  private static double accuracy(TrainedModel m, Dataset test) throws Exception {
    try (TestContext ctx = new TestContext("evaluate")) {
      Report r =
          (Report) Run.block(new Evaluate(), Map.of("model", m, "data", test), ctx).get("report");
      return r.metrics().get("accuracy");
    }
  }

  private static Table predict(TrainedModel m, Table raw) throws Exception {
    try (TestContext ctx = new TestContext("predict")) {
      return (Table) Run.block(new Predict(), Map.of("model", m, "data", raw), ctx).get("table");
    }
  }

  @Test
  void meaningTrainsAHeadThatReadsRawTextAfterSavingAndRecordsItsBackbone(@TempDir Path dir)
      throws Exception {
    Map<String, Object> out = textFeatures("meaning");
    Table prepared = (Table) out.get("table");
    assertThat(prepared.recipe().text()).containsKey("summary");
    Dataset[] parts = split(prepared);
    TrainedModel model = train(parts);
    Preprocessing.ColumnStep step = model.preprocessing().steps().get(0);
    assertThat(step.op()).isEqualTo(Preprocessing.Op.TEXT_MEANING);
    assertThat(model.preprocessing().exampleShape()).containsExactly(384);
    assertThat(step.backbone().sha256())
        .isEqualTo(SentenceEmbedder.shared().backbone().sha256())
        .hasSize(64);
    assertThat(step.backbone().licence()).isEqualTo("Apache-2.0");
    // Five classes: chance is 20 %. Sentence meaning with a small head does far better.
    assertThat(accuracy(model, parts[2])).isGreaterThan(0.5);

    Path file = dir.resolve("text.bsmodel");
    ModelBundle.write(model, file);
    TrainedModel back = ModelBundle.read(file);
    assertThat(back.preprocessing()).isEqualTo(model.preprocessing());
    Table raw =
        Table.of(
            List.of(
                new TextColumn(
                    "summary",
                    new String[] {
                      "remove files or directories from the disk",
                      "get the current time of day in seconds",
                      "format of the password file"
                    })));
    Table before = predict(model, raw);
    assertThat(predict(back, raw)).isEqualTo(before);
    assertThat(before.column("predicted").orElseThrow().format(0)).isNotBlank();

    Path texts = dir.resolve("texts.csv");
    Files.writeString(texts, "summary\n\"remove files or directories\"\nlist directory contents\n");
    ByteArrayOutputStream o = new ByteArrayOutputStream();
    ByteArrayOutputStream e = new ByteArrayOutputStream();
    int code =
        Cli.execute(
            NodeRegistry.loadDefault(),
            new PrintStream(o, true),
            new PrintStream(e, true),
            "predict",
            file.toString(),
            texts.toString(),
            "--out",
            dir.resolve("out.csv").toString());
    assertThat(code).as(e.toString()).isZero();
    List<String> lines = Files.readAllLines(dir.resolve("out.csv"));
    assertThat(lines.get(0)).isEqualTo("summary,predicted,confidence");
    assertThat(lines).hasSize(3);
  }

  @Test
  void wordCountsLearnTheirWordsFromTheTrainingRowsOnly() throws Exception {
    Table prepared = (Table) textFeatures("words").get("table");
    Dataset[] parts = split(prepared);
    TrainedModel model = train(parts);
    Preprocessing.ColumnStep step = model.preprocessing().steps().get(0);
    assertThat(step.op()).isEqualTo(Preprocessing.Op.TEXT_WORDS);
    Column train = ((Table) parts[0]).column("summary").orElseThrow();
    List<String> texts = new ArrayList<>();
    for (int r = 0; r < train.size(); r++) {
      texts.add(train.format(r));
    }
    assertThat(step.levels()).isEqualTo(WordCounts.fit(texts, 2000, 2).words());
    Column all = table.column("summary").orElseThrow();
    List<String> allTexts = new ArrayList<>();
    for (int r = 0; r < all.size(); r++) {
      allTexts.add(all.format(r));
    }
    assertThat(WordCounts.fit(allTexts, 2000, 2).words()).isNotEqualTo(step.levels());
    assertThat(accuracy(model, parts[2])).isGreaterThan(0.3);
  }

  @Test
  void aTableWithoutTextIsRefusedWithTheColumnsNamed() {
    Table numbers =
        Table.of(List.of(new dev.blocksmith.engine.value.NumberColumn("x", new double[] {1, 2})));
    assertThatThrownBy(
            () -> {
              try (TestContext ctx = new TestContext("text")) {
                Run.block(new TextFeatures(), Map.of("table", numbers), ctx);
              }
            })
        .isInstanceOf(NodeException.class)
        .hasMessageContaining("no text column")
        .hasMessageContaining("x");
  }
}
