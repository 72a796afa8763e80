package dev.blocksmith.nodes;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import dev.blocksmith.engine.graph.Edge;
import dev.blocksmith.engine.graph.Graph;
import dev.blocksmith.engine.graph.GraphJson;
import dev.blocksmith.engine.graph.Layout;
import dev.blocksmith.engine.graph.Node;
import dev.blocksmith.engine.graph.Position;
import dev.blocksmith.engine.model.TrainedModel;
import dev.blocksmith.engine.spi.Inputs;
import dev.blocksmith.engine.spi.NodeType;
import dev.blocksmith.engine.spi.Params;
import dev.blocksmith.engine.testing.TestContext;
import dev.blocksmith.engine.value.Report;
import dev.blocksmith.nodes.data.SampleData;
import dev.blocksmith.nodes.evaluate.Evaluate;
import dev.blocksmith.nodes.prepare.Split;
import dev.blocksmith.nodes.train.Train;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The example graphs in {@code graphs/}: they are what {@link #firstModel()} and {@link
 * #firstImageModel()} build, round-trip byte for byte, and reach 90 % test accuracy when their
 * blocks run in order with the file's params. Run with {@code -Dblocksmith.writeGraphs=true} to
 * rewrite the files from the builders.
 */
class ExampleGraphsTest {
  private static final Path GRAPHS = Path.of("..", "graphs");
  private static final JsonNodeFactory F = JsonNodeFactory.instance;

  static Graph firstModel() {
    return chain(
        "My first model",
        "Two interleaved spirals: a curved border that a straight line cannot draw. A small "
            + "multi-layer perceptron learns it.",
        Map.of(
            "dataset",
            F.textNode("spirals"),
            "size",
            F.numberNode(2000),
            "noise",
            F.numberNode(new BigDecimal("0.1"))),
        Map.of(
            "architecture",
            F.textNode("mlp"),
            "hiddenSizes",
            F.arrayNode().add(64).add(64),
            "epochs",
            F.numberNode(60),
            "learningRate",
            F.numberNode(new BigDecimal("0.01")),
            "patience",
            F.numberNode(10)));
  }

  static Graph firstImageModel() {
    return chain(
        "My first image model",
        "Pictures of the digits 0 to 9. A small convolutional network learns to read them.",
        Map.of(
            "dataset",
            F.textNode("digits"),
            "size",
            F.numberNode(2000),
            "noise",
            F.numberNode(new BigDecimal("0.1"))),
        Map.of(
            "architecture",
            F.textNode("cnn"),
            "epochs",
            F.numberNode(8),
            "learningRate",
            F.numberNode(new BigDecimal("0.003")),
            "patience",
            F.numberNode(3)));
  }

  private static Graph chain(
      String name, String description, Map<String, JsonNode> sample, Map<String, JsonNode> train) {
    List<Node> nodes =
        List.of(
            new Node("sample", "data.sample", 1, null, new java.util.TreeMap<>(sample)),
            new Node("split", "prepare.split", 1, null, Map.of()),
            new Node("train", "train.train", 1, null, new java.util.TreeMap<>(train)),
            new Node("evaluate", "evaluate.evaluate", 1, null, Map.of()));
    List<Edge> edges =
        List.of(
            Edge.of("sample.data", "split.data"),
            Edge.of("split.train", "train.train"),
            Edge.of("split.validation", "train.validation"),
            Edge.of("train.model", "evaluate.model"),
            Edge.of("split.test", "evaluate.data"));
    Map<String, Position> at = new LinkedHashMap<>();
    for (int i = 0; i < nodes.size(); i++) {
      at.put(nodes.get(i).id(), new Position(40 + 220 * i, 120));
    }
    return new Graph(name, description, nodes, edges, new Layout(at, List.of()), Map.of());
  }

  private static void check(String file, Graph built) throws Exception {
    Path path = GRAPHS.resolve(file);
    if (Boolean.getBoolean("blocksmith.writeGraphs")) {
      Files.writeString(path, GraphJson.write(built), StandardCharsets.UTF_8);
    }
    String text = Files.readString(path, StandardCharsets.UTF_8);
    assertThat(text).isEqualTo(GraphJson.write(built));
    assertThat(GraphJson.write(GraphJson.read(path))).isEqualTo(text);
  }

  @Test
  void filesMatchTheirBuildersAndRoundTrip() throws Exception {
    check("first-model.json", firstModel());
    check("first-image-model.json", firstImageModel());
  }

  @Test
  void firstModelReachesNinetyPercent() throws Exception {
    assertThat(run(GraphJson.read(GRAPHS.resolve("first-model.json")))).isGreaterThanOrEqualTo(0.9);
  }

  @Test
  void firstImageModelReachesNinetyPercent() throws Exception {
    assertThat(run(GraphJson.read(GRAPHS.resolve("first-image-model.json"))))
        .isGreaterThanOrEqualTo(0.9);
  }

  /** Runs the graph's nodes in file order (they are topologically ordered) and returns accuracy. */
  static double run(Graph graph) throws Exception {
    Map<String, NodeType> types =
        Map.of(
            "data.sample",
            new SampleData(),
            "prepare.split",
            new Split(),
            "train.train",
            new Train(),
            "evaluate.evaluate",
            new Evaluate());
    Map<String, Object> outputs = new HashMap<>();
    long start = System.nanoTime();
    try (TestContext ctx = new TestContext("graph")) {
      for (Node node : graph.nodes()) {
        NodeType type = types.get(node.type());
        Map<String, Object> in = new HashMap<>();
        for (Edge e : graph.edgesInto(node.id())) {
          in.put(e.to().port(), outputs.get(e.from().toString()));
        }
        Map<String, Object> out =
            type.execute(new Inputs(node.id(), in), Params.of(type.spec(), node.params()), ctx);
        out.forEach((port, v) -> outputs.put(node.id() + "." + port, v));
      }
      Report report = (Report) outputs.get("evaluate.report");
      System.out.printf(
          "%s: %s, %s in %.1f s%n",
          graph.name(),
          ((TrainedModel) outputs.get("train.model")).headline(),
          report.headline(),
          (System.nanoTime() - start) / 1e9);
      ctx.logs().forEach(System.out::println);
      return report.metrics().get("accuracy");
    }
  }
}
