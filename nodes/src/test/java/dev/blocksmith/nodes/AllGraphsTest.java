package dev.blocksmith.nodes;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.IntNode;
import dev.blocksmith.engine.exec.NodeStatus;
import dev.blocksmith.engine.exec.RunEvent;
import dev.blocksmith.engine.exec.RunOptions;
import dev.blocksmith.engine.exec.RunResult;
import dev.blocksmith.engine.graph.Graph;
import dev.blocksmith.engine.graph.GraphJson;
import dev.blocksmith.engine.graph.Node;
import dev.blocksmith.engine.registry.NodeRegistry;
import dev.blocksmith.engine.session.EngineSession;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every pipeline in {@code graphs/} loads, validates without a single problem, round-trips byte for
 * byte, and runs to the end through the real engine (with small settings: at most 2 epochs, one
 * candidate of the automatic model choice, small samples). The accuracy of the full settings is
 * asserted by {@link ExampleGraphsTest}.
 */
class AllGraphsTest {
  private static final Path GRAPHS = Path.of("..", "graphs");
  private static EngineSession session;

  @TempDir static Path runs;

  @BeforeAll
  static void open() {
    session = new EngineSession(NodeRegistry.loadDefault(), runs);
  }

  @AfterAll
  static void close() {
    session.close();
  }

  static Stream<Path> graphFiles() throws Exception {
    try (Stream<Path> s = Files.walk(GRAPHS)) {
      return s.filter(p -> p.toString().endsWith(".json")).sorted().toList().stream();
    }
  }

  @Test
  void theExamplesAreThere() throws Exception {
    assertThat(graphFiles().map(p -> p.getFileName().toString()))
        .contains("first-model.json", "first-image-model.json");
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("graphFiles")
  void loadsValidatesRoundTripsAndRuns(Path file) throws Exception {
    String text = Files.readString(file, StandardCharsets.UTF_8);
    Graph graph = GraphJson.read(file);
    assertThat(GraphJson.write(graph)).as("read-then-write gives the same bytes").isEqualTo(text);

    Path base = file.toAbsolutePath().getParent();
    assertThat(session.validate(graph, base)).as("problems").isEmpty();
    org.junit.jupiter.api.Assumptions.assumeTrue(
        dev.blocksmith.nodes.data.samples.FashionMnist.installed()
            || !text.contains("\"dataset\": \"fashion\""),
        "needs Debian's dataset-fashion-mnist (the training photos do not ship)");

    Path outputs = Files.createTempDirectory(runs, "outputs");
    RunResult result =
        session
            .start(
                outputsTo(small(graph), outputs),
                base,
                new RunOptions(null, "cpu", null, false),
                e -> {},
                dev.blocksmith.engine.validate.PathPolicy.standard()
                    .allowFolders(java.util.List.of(outputs)))
            .result()
            .get(5, TimeUnit.MINUTES);
    assertThat(result.messages()).isEmpty();
    assertThat(result.success()).isTrue();
    assertThat(result.statuses().values())
        .allMatch(s -> s == NodeStatus.DONE || s == NodeStatus.CACHED);
  }

  @Test
  void rerunningAfterADownstreamChangeTakesUpstreamFromTheCache() throws Exception {
    Path file = GRAPHS.resolve("first-model.json");
    Graph graph = small(GraphJson.read(file));
    Path base = file.toAbsolutePath().getParent();
    try (EngineSession fresh = new EngineSession(NodeRegistry.loadDefault(), runs)) {
      RunOptions cpu = new RunOptions(null, "cpu", null, false);
      assertThat(fresh.start(graph, base, cpu, e -> {}).result().get(5, TimeUnit.MINUTES).success())
          .isTrue();

      // Same graph again: nothing runs.
      Map<String, String> seen = new ConcurrentHashMap<>();
      assertThat(
              fresh
                  .start(graph, base, cpu, e -> record(e, seen))
                  .result()
                  .get(5, TimeUnit.MINUTES)
                  .success())
          .isTrue();
      assertThat(seen)
          .containsOnly(
              Map.entry("sample", "cached"),
              Map.entry("split", "cached"),
              Map.entry("train", "cached"),
              Map.entry("evaluate", "cached"));

      // Change only Train's epochs: Sample data and Split come from the cache, the rest runs.
      seen.clear();
      Graph changed = graph.withParam("train", "epochs", IntNode.valueOf(1));
      assertThat(
              fresh
                  .start(changed, base, cpu, e -> record(e, seen))
                  .result()
                  .get(5, TimeUnit.MINUTES)
                  .success())
          .isTrue();
      assertThat(seen)
          .containsOnly(
              Map.entry("sample", "cached"),
              Map.entry("split", "cached"),
              Map.entry("train", "ran"),
              Map.entry("evaluate", "ran"));
    }
  }

  private static void record(RunEvent e, Map<String, String> seen) {
    if (e instanceof RunEvent.NodeCached c) {
      seen.put(c.nodeId(), "cached");
    } else if (e instanceof RunEvent.NodeStarted s) {
      seen.put(s.nodeId(), "ran");
    }
  }

  /** Returns the graph with small settings, so that every pipeline runs in seconds. */
  /**
   * Points every file an output block writes (Save model, exports) into {@code dir}, so that
   * running the examples never writes into the source tree.
   */
  static Graph outputsTo(Graph g, Path dir) {
    NodeRegistry registry = NodeRegistry.loadDefault();
    for (Node n : g.nodes()) {
      var spec = registry.find(n.type()).map(t -> t.spec()).orElse(null);
      if (spec == null || spec.category() != dev.blocksmith.engine.spi.Category.OUTPUT) {
        continue;
      }
      for (var p : spec.params()) {
        JsonNode v = n.params().get(p.name());
        if ((p.type() == dev.blocksmith.engine.spi.ParamType.FILE
                || p.type() == dev.blocksmith.engine.spi.ParamType.FOLDER)
            && v != null
            && v.isTextual()
            && !v.asText().isBlank()) {
          String name = Path.of(v.asText()).getFileName().toString();
          g =
              g.withParam(
                  n.id(),
                  p.name(),
                  com.fasterxml.jackson.databind.node.TextNode.valueOf(
                      dir.resolve(n.id() + "-" + name).toString()));
        }
      }
    }
    return g;
  }

  static Graph small(Graph g) {
    for (Node n : g.nodes()) {
      for (Map.Entry<String, JsonNode> p : n.params().entrySet()) {
        if (p.getKey().equals("epochs") && p.getValue().asInt() > 2) {
          g = g.withParam(n.id(), "epochs", IntNode.valueOf(2));
        }
      }
      if (n.type().equals("train.train")) {
        // The automatic model choice stops after its first candidate.
        g = g.withParam(n.id(), "searchSeconds", IntNode.valueOf(1));
      }
      if (n.type().equals("data.sample")
          && n.params().getOrDefault("size", IntNode.valueOf(0)).asInt() > 600) {
        g = g.withParam(n.id(), "size", IntNode.valueOf(600));
      }
    }
    return g;
  }
}
