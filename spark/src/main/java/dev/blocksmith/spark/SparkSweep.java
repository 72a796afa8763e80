package dev.blocksmith.spark;

import com.fasterxml.jackson.databind.JsonNode;
import dev.blocksmith.engine.exec.RunOptions;
import dev.blocksmith.engine.exec.RunResult;
import dev.blocksmith.engine.graph.Edge;
import dev.blocksmith.engine.graph.Graph;
import dev.blocksmith.engine.graph.GraphJson;
import dev.blocksmith.engine.graph.Node;
import dev.blocksmith.engine.model.ModelBundle;
import dev.blocksmith.engine.model.TrainedModel;
import dev.blocksmith.engine.registry.NodeRegistry;
import dev.blocksmith.engine.session.EngineSession;
import dev.blocksmith.engine.spi.Params;
import dev.blocksmith.nodes.train.Sweep;
import dev.blocksmith.nodes.train.SweepTrial;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.IntStream;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.sql.SparkSession;
import scala.Tuple2;

/**
 * A Sweep whose trials are Spark tasks. Each task receives the pipeline with the Sweep replaced by
 * a Train carrying that trial's settings, runs the Sweep's upstream blocks and the Train in its
 * executor with the local engine (so a trial trains exactly as it would in the local Sweep: the
 * same data, seed and code) and sends back the model file's bytes; the driver scores and compares
 * them. A single trial trains on one machine; the trials spread over the executors. In one JVM
 * (local mode) the engine's one-training-at-a-time lock makes trials take turns.
 */
final class SparkSweep {
  private static EngineSession session;

  private SparkSweep() {}

  /** The finished sweep. */
  record Result(List<SweepTrial> trials, SweepTrial best) {}

  static Result run(
      SparkSession spark, Graph graph, Path baseDir, String sweepId, Params params, long seed)
      throws Exception {
    List<Map<String, JsonNode>> plan = Sweep.plan(params);
    List<String> graphs = new ArrayList<>();
    for (Map<String, JsonNode> trial : plan) {
      graphs.add(GraphJson.write(asTrain(graph, sweepId, trial)));
    }
    String base = baseDir.toAbsolutePath().toString();
    JavaSparkContext jsc = JavaSparkContext.fromSparkContext(spark.sparkContext());
    List<Integer> indexes = IntStream.range(0, plan.size()).boxed().toList();
    List<Tuple2<Integer, byte[]>> done =
        jsc.parallelize(indexes, plan.size())
            .map(i -> new Tuple2<>(i, trial(graphs.get(i), base, sweepId, seed)))
            .collect();
    List<SweepTrial> trials = new ArrayList<>();
    for (Tuple2<Integer, byte[]> d : done) {
      TrainedModel m = ModelBundle.read(d._2(), "trial " + (d._1() + 1));
      trials.add(SweepTrial.of(d._1(), Sweep.changed(plan.get(d._1()), params), m));
    }
    trials.sort(java.util.Comparator.comparingInt(SweepTrial::index));
    return new Result(trials, SweepTrial.best(trials));
  }

  /** Returns the pipeline with the Sweep node replaced by a Train node with a trial's settings. */
  static Graph asTrain(Graph graph, String sweepId, Map<String, JsonNode> trial) {
    Node sweep = graph.node(sweepId).orElseThrow();
    Node train = new Node(sweepId, "train.train", 1, sweep.label(), trial);
    List<Node> nodes = new ArrayList<>();
    for (Node n : graph.nodes()) {
      nodes.add(n.id().equals(sweepId) ? train : n);
    }
    List<Edge> edges =
        graph.edges().stream().filter(e -> !e.from().node().equals(sweepId)).toList();
    return new Graph(
        graph.name(), graph.description(), nodes, edges, graph.layout(), graph.extras());
  }

  /** Runs in the executor: trains one trial and returns its model file's bytes. */
  static byte[] trial(String graphJson, String baseDir, String trainId, long seed)
      throws Exception {
    Graph g = GraphJson.read(graphJson);
    RunResult r =
        session()
            .start(
                g, Path.of(baseDir), new RunOptions(Set.of(trainId), "cpu", seed, false), e -> {})
            .result()
            .get();
    if (!r.success()) {
      throw new IllegalStateException("Trial failed: " + r.messages());
    }
    return ModelBundle.toBytes((TrainedModel) r.output(trainId, "model"));
  }

  private static synchronized EngineSession session() throws java.io.IOException {
    if (session == null) {
      session =
          new EngineSession(
              NodeRegistry.loadInstalled(), Files.createTempDirectory("blocksmith-trials"));
    }
    return session;
  }
}
