package dev.blocksmith.spark;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import dev.blocksmith.engine.cli.Cli;
import dev.blocksmith.engine.cli.ClusterRunner;
import dev.blocksmith.engine.exec.RunOptions;
import dev.blocksmith.engine.exec.RunResult;
import dev.blocksmith.engine.graph.Edge;
import dev.blocksmith.engine.graph.Graph;
import dev.blocksmith.engine.graph.Layout;
import dev.blocksmith.engine.graph.Node;
import dev.blocksmith.engine.plan.PlanStep;
import dev.blocksmith.engine.plan.Planner;
import dev.blocksmith.engine.registry.NodeRegistry;
import dev.blocksmith.engine.session.EngineSession;
import dev.blocksmith.engine.value.Table;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Load CSV, Clean, Encode, Normalize and Split on Spark give the local blocks' tables. */
class SparkDataBlocksTest {
  private static final JsonNodeFactory F = JsonNodeFactory.instance;

  /** A messy file: repeated rows, gaps, NA markers, categories, yes/no, an id, decimal text. */
  static void write(Path file) throws Exception {
    Random r = new Random(3);
    StringBuilder sb = new StringBuilder("patient, age ,city,smoker,score,note,outcome\n");
    String[] cities = {"Lyon", "Paris", "Nice", "Lille"};
    for (int i = 0; i < 600; i++) {
      String age = i % 37 == 0 ? "NA" : String.valueOf(20 + r.nextInt(60));
      String city = i % 41 == 0 ? "" : cities[r.nextInt(4)];
      String smoker = i % 53 == 0 ? "?" : r.nextBoolean() ? "yes" : "no";
      String score = String.format(java.util.Locale.ROOT, "%.2f", r.nextGaussian() * 3);
      String line =
          "p"
              + (i / 3)
              + ","
              + age
              + ","
              + city
              + ","
              + smoker
              + ","
              + score
              + ",free text "
              + i
              + ","
              + (r.nextInt(3) == 0 ? "sick" : "well")
              + "\n";
      sb.append(line);
      if (i % 29 == 0) {
        sb.append(line); // an exact repeat
      }
    }
    Files.writeString(file, sb.toString());
  }

  static Graph graph(String missing) {
    return new Graph(
        "data",
        "",
        List.of(
            new Node(
                "load",
                "data.load-csv",
                1,
                null,
                Map.of(
                    "file",
                    F.textNode("messy.csv"),
                    "label",
                    F.textNode("outcome"),
                    "idColumns",
                    F.textNode("patient"))),
            new Node(
                "clean",
                "prepare.clean",
                1,
                null,
                Map.of("dropDuplicates", F.booleanNode(true), "missing", F.textNode(missing))),
            new Node("encode", "prepare.encode", 1, null, Map.of()),
            new Node(
                "normalize", "prepare.normalize", 1, null, Map.of("method", F.textNode("min-max"))),
            new Node("split", "prepare.split", 1, null, Map.of("seed", F.numberNode(5)))),
        List.of(
            Edge.of("load.table", "clean.table"),
            Edge.of("clean.table", "encode.table"),
            Edge.of("encode.table", "normalize.table"),
            Edge.of("normalize.table", "split.data")),
        Layout.EMPTY,
        Map.of());
  }

  @Test
  void dataBlocksOnSparkMatchTheLocalBlocks(@TempDir Path dir) throws Exception {
    write(dir.resolve("messy.csv"));
    NodeRegistry registry = NodeRegistry.loadInstalled();
    SparkSession spark = SparkRunner.session("local[2]");
    for (String missing : List.of("median", "most-frequent", "drop-rows")) {
      Graph g = graph(missing);
      RunResult local;
      try (EngineSession s = new EngineSession(registry, dir.resolve("runs"))) {
        local = s.start(g, dir, RunOptions.DEFAULTS, e -> {}).result().get();
        assertThat(local.success()).as(local.messages().toString()).isTrue();
      }
      Map<String, Map<String, Object>> outs = new LinkedHashMap<>();
      ClusterRunner.Request req =
          new ClusterRunner.Request(
              g,
              dir.resolve("g.json"),
              dir,
              "local[2]",
              RunOptions.DEFAULTS,
              dir.resolve("runs"),
              List.of(),
              false);
      for (PlanStep step : Planner.plan(g, registry, dir, Set.of(), 42L).steps()) {
        Map<String, Object> in = new LinkedHashMap<>();
        step.inputs().forEach((port, ref) -> in.put(port, outs.get(ref.node()).get(ref.port())));
        try (LocalContext ctx =
            new LocalContext(step.id(), ai.djl.Device.cpu(), 42L, dir, null, line -> {})) {
          outs.put(step.id(), SparkRunner.runStep(spark, req, step, in, ctx, null, 42L));
        }
      }
      for (String part : List.of("train", "validation", "test")) {
        Table expected = (Table) local.output("split", part);
        Table actual = ((SparkFrame) outs.get("split").get(part)).toTable();
        assertThat(actual.rowCount()).as(missing + " " + part).isEqualTo(expected.rowCount());
        assertThat(actual.columns())
            .as(missing + " " + part + ": " + firstDifference(actual, expected))
            .isEqualTo(expected.columns());
        assertThat(actual.roles()).isEqualTo(expected.roles());
        assertThat(actual.recipe()).isEqualTo(expected.recipe());
        assertThat(actual).isEqualTo(expected);
      }
    }
  }

  @Test
  void loadOnSparkHonoursAlwaysLearnFromAndLeaveOut(@TempDir Path dir) throws Exception {
    write(dir.resolve("messy.csv"));
    SparkSession spark = SparkRunner.session("local[2]");
    List<String> log = new java.util.ArrayList<>();
    Table plain =
        SparkLoad.load(
                spark,
                "load",
                "messy.csv",
                dir,
                "outcome",
                "",
                "",
                "",
                "",
                false,
                "auto",
                "auto",
                "auto",
                s -> {})
            .schema();
    assertThat(plain.role("note")).isEqualTo(dev.blocksmith.engine.value.ColumnRole.IGNORE);
    assertThat(plain.role("score")).isEqualTo(dev.blocksmith.engine.value.ColumnRole.FEATURE);
    Table chosen =
        SparkLoad.load(
                spark,
                "load",
                "messy.csv",
                dir,
                "outcome",
                "",
                "",
                "note",
                "score, city",
                false,
                "auto",
                "auto",
                "auto",
                log::add)
            .schema();
    // "Always learn from": the free-text note is not left out; "Leave out": score and city are.
    assertThat(chosen.role("note")).isEqualTo(dev.blocksmith.engine.value.ColumnRole.FEATURE);
    assertThat(chosen.role("score")).isEqualTo(dev.blocksmith.engine.value.ColumnRole.IGNORE);
    assertThat(chosen.role("city")).isEqualTo(dev.blocksmith.engine.value.ColumnRole.IGNORE);
    assertThat(chosen.role("outcome")).isEqualTo(dev.blocksmith.engine.value.ColumnRole.LABEL);
    assertThat(log).noneMatch(l -> l.contains("\"note\" holds free text"));
    for (String[] bad : List.of(new String[] {"", "weight"}, new String[] {"weight", ""})) {
      org.assertj.core.api.Assertions.assertThatThrownBy(
              () ->
                  SparkLoad.load(
                      spark,
                      "load",
                      "messy.csv",
                      dir,
                      "outcome",
                      "",
                      "",
                      bad[0],
                      bad[1],
                      false,
                      "auto",
                      "auto",
                      "auto",
                      s -> {}))
          .isInstanceOfSatisfying(
              dev.blocksmith.engine.spi.NodeException.class,
              e -> {
                assertThat(e.param())
                    .isEqualTo(bad[0].isEmpty() ? "ignoreColumns" : "featureColumns");
                assertThat(e.getMessage()).contains("\"weight\"").contains("Its columns are");
              });
    }
  }

  /** Names the first column and row where two tables differ, for the failure message. */
  static String firstDifference(Table a, Table b) {
    for (int j = 0; j < a.columns().size(); j++) {
      var x = a.columns().get(j);
      var y = b.columns().get(j);
      if (!x.equals(y)) {
        String kinds = x.getClass().getSimpleName() + " vs " + y.getClass().getSimpleName();
        if (x instanceof dev.blocksmith.engine.value.CategoryColumn cx
            && y instanceof dev.blocksmith.engine.value.CategoryColumn cy) {
          kinds += " levels " + cx.levels() + " vs " + cy.levels();
        }
        for (int r = 0; r < Math.min(x.size(), y.size()); r++) {
          if (x instanceof dev.blocksmith.engine.value.NumberColumn nx
              && y instanceof dev.blocksmith.engine.value.NumberColumn ny
              && Double.compare(nx.get(r), ny.get(r)) != 0) {
            return x.name() + " row " + r + ": " + nx.get(r) + " vs " + ny.get(r);
          }
          if (!x.name().equals(y.name())) {
            return "names [" + x.name() + "] vs [" + y.name() + "]";
          }
          if (!x.format(r).equals(y.format(r))) {
            return x.name()
                + " row "
                + r
                + ": "
                + x.format(r)
                + " vs "
                + y.format(r)
                + " ("
                + kinds
                + ")";
          }
        }
        return x.name() + " (" + kinds + ")";
      }
    }
    return "none";
  }

  @Test
  void housePricesRunsEndToEndFromTheCommandLine(@TempDir Path dir) throws Exception {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    Path graph = Path.of("../graphs/house-prices.json").toAbsolutePath().normalize();
    int code =
        Cli.execute(
            NodeRegistry.loadInstalled(),
            new PrintStream(out, true, "UTF-8"),
            new PrintStream(err, true, "UTF-8"),
            "run",
            graph.toString(),
            "--spark",
            "local[2]",
            "--set",
            "train.epochs=3",
            "--runs",
            dir.toString());
    String text = out.toString(StandardCharsets.UTF_8);
    assertThat(code).as(text + err.toString(StandardCharsets.UTF_8)).isZero();
    assertThat(text).contains("Running on Spark").contains("== evaluate ==");
    try (var runs = Files.list(dir)) {
      Path run = runs.findFirst().orElseThrow();
      assertThat(Files.readString(run.resolve("run.json"))).contains("\"engine\" : \"spark\"");
    }
  }
}
