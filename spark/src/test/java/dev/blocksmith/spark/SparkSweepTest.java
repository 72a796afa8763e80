package dev.blocksmith.spark;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import dev.blocksmith.engine.exec.RunOptions;
import dev.blocksmith.engine.exec.RunResult;
import dev.blocksmith.engine.graph.Edge;
import dev.blocksmith.engine.graph.Graph;
import dev.blocksmith.engine.graph.Layout;
import dev.blocksmith.engine.graph.Node;
import dev.blocksmith.engine.registry.NodeRegistry;
import dev.blocksmith.engine.session.EngineSession;
import dev.blocksmith.engine.spi.Params;
import dev.blocksmith.engine.value.Report;
import dev.blocksmith.nodes.train.Sweep;
import dev.blocksmith.nodes.train.SweepTrial;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A 6-trial sweep as Spark tasks picks the same best trial, with the same scores, as locally. */
class SparkSweepTest {
  private static final JsonNodeFactory F = JsonNodeFactory.instance;

  static Graph sweepGraph() {
    return new Graph(
        "sweep",
        "",
        List.of(
            new Node(
                "sample",
                "data.sample",
                1,
                null,
                Map.of("dataset", F.textNode("spirals"), "size", F.numberNode(400))),
            new Node("split", "prepare.split", 1, null, Map.of()),
            new Node(
                "sweep",
                "train.sweep",
                1,
                null,
                Map.of(
                    "architecture",
                    F.textNode("mlp"),
                    "grid",
                    F.textNode("learningRate = 0.03, 0.003; hiddenSizes = [8], [16], [32, 32]"),
                    "epochs",
                    F.numberNode(4),
                    "patience",
                    F.numberNode(0)))),
        List.of(
            Edge.of("sample.data", "split.data"),
            Edge.of("split.train", "sweep.train"),
            Edge.of("split.validation", "sweep.validation")),
        Layout.EMPTY,
        Map.of());
  }

  @Test
  void sixTrialsAsSparkTasksMatchTheLocalSweep(@TempDir Path dir) throws Exception {
    NodeRegistry registry = NodeRegistry.loadInstalled();
    Graph g = sweepGraph();
    Report local;
    try (EngineSession s = new EngineSession(registry, dir.resolve("runs"))) {
      RunResult r = s.start(g, dir, RunOptions.DEFAULTS, e -> {}).result().get();
      assertThat(r.success()).as(r.messages().toString()).isTrue();
      local = (Report) r.output("sweep", "report");
    }
    assertThat(local.metrics().get("trials")).isEqualTo(6.0);

    SparkSession spark = SparkRunner.session("local[2]");
    long jobsBefore = spark.sparkContext().statusTracker().getJobIdsForGroup(null).length;
    Params p = Params.of(new Sweep().spec(), g.node("sweep").orElseThrow().params());
    SparkSweep.Result onSpark = SparkSweep.run(spark, g, dir, "sweep", p, RunOptions.DEFAULT_SEED);
    assertThat(spark.sparkContext().statusTracker().getJobIdsForGroup(null).length)
        .isGreaterThan((int) jobsBefore);
    assertThat(onSpark.trials()).hasSize(6);
    SweepTrial best = onSpark.best();
    assertThat(best.index() + 1.0).isEqualTo(local.metrics().get("best trial"));
    assertThat(best.loss()).isEqualTo(local.metrics().get("best loss"));
    assertThat(best.accuracy()).isEqualTo(local.metrics().get("best accuracy"));
    // Every trial, not only the best, scored the same as its local twin.
    Report sparkReport = SweepTrial.comparison(onSpark.trials(), "as Spark tasks");
    assertThat(sparkReport.findings().subList(0, 6).stream().map(f -> f.message()).toList())
        .isEqualTo(local.findings().subList(0, 6).stream().map(f -> f.message()).toList());
  }
}
