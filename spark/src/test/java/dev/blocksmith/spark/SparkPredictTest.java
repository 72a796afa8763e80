package dev.blocksmith.spark;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import dev.blocksmith.engine.exec.RunOptions;
import dev.blocksmith.engine.exec.RunResult;
import dev.blocksmith.engine.graph.Edge;
import dev.blocksmith.engine.graph.Graph;
import dev.blocksmith.engine.graph.Node;
import dev.blocksmith.engine.model.TrainedModel;
import dev.blocksmith.engine.registry.NodeRegistry;
import dev.blocksmith.engine.session.EngineSession;
import dev.blocksmith.engine.spi.Inputs;
import dev.blocksmith.engine.spi.NodeType;
import dev.blocksmith.engine.spi.Params;
import dev.blocksmith.engine.testing.TestContext;
import dev.blocksmith.engine.value.CategoryColumn;
import dev.blocksmith.engine.value.NumberColumn;
import dev.blocksmith.engine.value.Table;
import java.io.BufferedWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Predict over a generated 1,000,000-row CSV gives the same answers on Spark as locally. */
class SparkPredictTest {
  static final JsonNodeFactory F = JsonNodeFactory.instance;

  /** Trains a small classifier on 1,000 rows shaped like the big file. */
  static TrainedModel trainSmall(Path dir, NodeRegistry registry) throws Exception {
    Path small = dir.resolve("small.csv");
    write(small, 1_000, 7);
    Graph g =
        new Graph(
            "t",
            "",
            List.of(
                new Node(
                    "load",
                    "data.load-csv",
                    1,
                    null,
                    Map.of("file", F.textNode("small.csv"), "label", F.textNode("kind"))),
                new Node("split", "prepare.split", 1, null, Map.of()),
                new Node(
                    "train",
                    "train.train",
                    1,
                    null,
                    Map.of("epochs", F.numberNode(3), "hiddenSizes", F.arrayNode().add(16)))),
            List.of(
                Edge.of("load.table", "split.data"),
                Edge.of("split.train", "train.train"),
                Edge.of("split.validation", "train.validation")),
            dev.blocksmith.engine.graph.Layout.EMPTY,
            Map.of());
    try (EngineSession s = new EngineSession(registry, dir.resolve("runs"))) {
      RunResult r =
          s.start(g, dir, RunOptions.DEFAULTS.withTargets(Set.of("train")), e -> {}).result().get();
      assertThat(r.success()).as(r.messages().toString()).isTrue();
      return (TrainedModel) r.output("train", "model");
    }
  }

  /** Writes rows of two numbers, a colour category, a yes/no column and a class label. */
  static void write(Path file, int rows, long seed) throws Exception {
    Random r = new Random(seed);
    String[] colours = {"red", "green", "blue"};
    try (BufferedWriter w = Files.newBufferedWriter(file)) {
      w.write("x,y,colour,big,kind\n");
      for (int i = 0; i < rows; i++) {
        double x = Math.round(r.nextGaussian() * 1000) / 100.0;
        double y = Math.round(r.nextGaussian() * 1000) / 100.0;
        String c = colours[r.nextInt(3)];
        boolean big = r.nextBoolean();
        String kind = (x * y > 0) == big ? "a" : (c.equals("red") ? "b" : "c");
        w.write(
            x
                + ","
                + (i % 997 == 0 ? "NA" : String.valueOf(y))
                + ","
                + c
                + ","
                + (big ? "yes" : "no")
                + ","
                + kind
                + "\n");
      }
    }
  }

  @Test
  void millionRowsPredictTheSameOnSparkAsLocally(@TempDir Path dir) throws Exception {
    NodeRegistry registry = NodeRegistry.loadInstalled();
    long t0 = System.nanoTime();
    TrainedModel model = trainSmall(dir, registry);
    Path big = dir.resolve("big.csv");
    write(big, 1_000_000, 11);
    System.out.printf("trained and wrote in %.1f s%n", (System.nanoTime() - t0) / 1e9);

    NodeType loadCsv = registry.find("data.load-csv").orElseThrow();
    NodeType predict = registry.find("output.predict").orElseThrow();
    Table local;
    try (TestContext ctx = new TestContext("predict")) {
      Table data =
          (Table)
              loadCsv
                  .execute(
                      new Inputs("load", Map.of()),
                      Params.of(loadCsv.spec(), Map.of("file", F.textNode(big.toString()))),
                      ctx.withBaseDir(dir))
                  .get("table");
      local =
          (Table)
              predict
                  .execute(
                      new Inputs("predict", Map.of("model", model, "data", data)),
                      Params.of(predict.spec(), Map.of()),
                      ctx)
                  .get("table");
    }
    System.out.printf("local load+predict done at %.1f s%n", (System.nanoTime() - t0) / 1e9);
    CategoryColumn predicted = (CategoryColumn) local.column("predicted").orElseThrow();
    NumberColumn confidence = (NumberColumn) local.column("confidence").orElseThrow();

    SparkSession spark = SparkRunner.session("local[2]");
    SparkFrame frame =
        SparkLoad.load(
            spark,
            "load",
            big.toString(),
            dir,
            "",
            "",
            "",
            "",
            "",
            false,
            "auto",
            "auto",
            "auto",
            s -> {});
    // An unshuffled frame's partitions come back in file order; the row numbers prove it.
    Iterator<Row> rows =
        SparkPredict.predict(spark, model, frame)
            .select("predicted", "confidence", SparkFrame.ROW)
            .toLocalIterator();
    long previous = -1;
    int n = 0;
    int sameLabel = 0;
    double worst = 0;
    while (rows.hasNext()) {
      Row r = rows.next();
      assertThat(r.getLong(2)).isGreaterThan(previous);
      previous = r.getLong(2);
      sameLabel += r.getString(0).equals(predicted.get(n)) ? 1 : 0;
      worst = Math.max(worst, Math.abs(r.getDouble(1) - confidence.get(n)));
      n++;
    }
    System.out.printf("spark done at %.1f s%n", (System.nanoTime() - t0) / 1e9);
    assertThat(n).isEqualTo(1_000_000);
    assertThat(sameLabel).isEqualTo(1_000_000);
    assertThat(worst).isLessThan(1e-6);
    assertThat(java.util.Arrays.stream(predicted.counts()).max().getAsInt()).isLessThan(1_000_000);
  }
}
