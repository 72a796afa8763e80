package dev.blocksmith.nodes.graphs;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import dev.blocksmith.engine.graph.Edge;
import dev.blocksmith.engine.graph.Graph;
import dev.blocksmith.engine.graph.GraphJson;
import dev.blocksmith.engine.graph.Layout;
import dev.blocksmith.engine.graph.Node;
import dev.blocksmith.engine.graph.Position;
import java.io.IOException;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The example pipelines that start from the shipped CSV files: Load CSV → Clean → Encode →
 * Normalize → Split → Train → Evaluate. Run {@link #main} (from {@code nodes}) to rewrite them.
 */
public final class DataGraphs {
  private static final JsonNodeFactory JSON = new JsonNodeFactory(true);

  /** The graphs by file name. */
  public static Map<String, Graph> expected() {
    Map<String, Graph> out = new LinkedHashMap<>();
    out.put(
        "house-prices.json",
        pipeline(
            "House prices",
            "Predict a house's price from its size, rooms, age and neighbourhood (regression).",
            "data/house-prices.csv",
            "price",
            Map.of("missing", text("drop-rows"), "dropDuplicates", JSON.booleanNode(true))));
    out.put(
        "clean-sensor-readings.json",
        pipeline(
            "Clean sensor readings",
            "Sensor readings with missing values, repeated rows and glitches: clean them, then"
                + " learn to tell ok machines from faulty ones.",
            "data/sensor-readings.csv",
            "status",
            Map.of(
                "missing",
                text("median"),
                "dropDuplicates",
                JSON.booleanNode(true),
                "outliers",
                text("iqr"),
                "outlierAction",
                text("drop"))));
    return out;
  }

  private static Graph pipeline(
      String name, String description, String file, String label, Map<String, JsonNode> clean) {
    List<Node> nodes = new ArrayList<>();
    nodes.add(node("load", "data.load-csv", Map.of("file", text(file), "label", text(label))));
    nodes.add(node("clean", "prepare.clean", new java.util.TreeMap<>(clean)));
    nodes.add(node("encode", "prepare.encode", Map.of("method", text("one-hot"))));
    nodes.add(node("normalize", "prepare.normalize", Map.of("method", text("standardize"))));
    nodes.add(
        node(
            "split",
            "prepare.split",
            Map.of(
                "trainShare",
                number("0.7"),
                "validationShare",
                number("0.15"),
                "testShare",
                number("0.15"),
                "seed",
                JSON.numberNode(42))));
    nodes.add(node("train", "train.train", Map.of()));
    nodes.add(node("evaluate", "evaluate.evaluate", Map.of()));
    List<Edge> edges =
        List.of(
            Edge.of("load.table", "clean.table"),
            Edge.of("clean.table", "encode.table"),
            Edge.of("encode.table", "normalize.table"),
            Edge.of("normalize.table", "split.data"),
            Edge.of("split.train", "train.train"),
            Edge.of("split.validation", "train.validation"),
            Edge.of("train.model", "evaluate.model"),
            Edge.of("split.test", "evaluate.data"));
    Map<String, Position> positions = new LinkedHashMap<>();
    for (int i = 0; i < nodes.size(); i++) {
      positions.put(nodes.get(i).id(), new Position(40 + 220 * i, 120));
    }
    return new Graph(name, description, nodes, edges, new Layout(positions, List.of()), Map.of());
  }

  private static Node node(String id, String type, Map<String, JsonNode> params) {
    Node n = Node.of(id, type);
    for (Map.Entry<String, JsonNode> e : new java.util.TreeMap<>(params).entrySet()) {
      n = n.withParam(e.getKey(), e.getValue());
    }
    return n;
  }

  private static JsonNode text(String s) {
    return JSON.textNode(s);
  }

  private static JsonNode number(String s) {
    return JSON.numberNode(new BigDecimal(s));
  }

  /** Returns the graphs folder, seen from the {@code nodes} module. */
  public static Path folder() {
    return Path.of("..", "graphs");
  }

  /** Writes the graphs into {@code graphs/}. */
  public static void main(String[] args) throws IOException {
    for (Map.Entry<String, Graph> e : expected().entrySet()) {
      Files.writeString(
          folder().resolve(e.getKey()), GraphJson.write(e.getValue()), StandardCharsets.UTF_8);
    }
  }
}
