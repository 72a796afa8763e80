package dev.blocksmith.nodes;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.TextNode;
import dev.blocksmith.engine.graph.Graph;
import dev.blocksmith.engine.graph.GraphJson;
import dev.blocksmith.engine.model.TrainedModel;
import dev.blocksmith.engine.onnx.OnnxExport;
import dev.blocksmith.engine.onnx.OnnxExport.Precision;
import dev.blocksmith.engine.onnx.OnnxFeeds;
import dev.blocksmith.engine.onnx.OnnxRun;
import dev.blocksmith.engine.value.Dataset;
import dev.blocksmith.nodes.data.csv.Cells;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.stream.IntStream;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every example pipeline that trains, fine-tunes or quantizes (small settings) gives models that
 * export to ONNX, float32 and int8, and answer in ONNX Runtime like Blocksmith on the pipeline's
 * own raw data: float32 to 1e-4 with 100 % the same classes; int8 exactly like the model Blocksmith
 * quantizes itself, and close to the float model (bound printed and asserted). A LoRA variant of
 * the fine-tuning pipeline covers merged adapters. Python's onnx checker accepts every file.
 */
class OnnxExamplesTest {
  private static final Path GRAPHS = Path.of("..", "graphs");
  private static final Set<String> MAKERS =
      Set.of("train.train", "train.fine-tune", "output.quantize");
  private static final List<Path> WRITTEN = new java.util.concurrent.CopyOnWriteArrayList<>();

  @TempDir static Path out;

  static Stream<String> modelGraphs() throws Exception {
    List<String> names = new ArrayList<>();
    try (Stream<Path> s = Files.walk(GRAPHS)) {
      for (Path p : s.filter(f -> f.toString().endsWith(".json")).sorted().toList()) {
        Graph g = GraphJson.read(p);
        // Text features (a language model or word counts) are not exported to ONNX yet; the
        // exporter refuses such models with a plain message.
        boolean text = g.nodes().stream().anyMatch(n -> n.type().equals("prepare.text-features"));
        if (!text && g.nodes().stream().anyMatch(n -> MAKERS.contains(n.type()))) {
          names.add(GRAPHS.relativize(p).toString());
        }
      }
    }
    names.add("fine-tune-digits.json#lora");
    return names.stream();
  }

  @Test
  void everyTrainingExampleIsCovered() throws Exception {
    assertThat(modelGraphs().toList())
        .contains(
            "first-model.json",
            "house-prices.json",
            "first-image-model.json",
            "fine-tune-digits.json",
            "quantize-for-small-devices.json",
            "fine-tune-digits.json#lora");
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("modelGraphs")
  void exportedModelsAnswerLikeBlocksmith(String name) throws Exception {
    Path file = GRAPHS.resolve(name.replace("#lora", ""));
    Graph graph = GraphJson.read(file);
    if (name.endsWith("#lora")) {
      graph = graph.withParam("tune", "strategy", TextNode.valueOf("lora"));
    }
    Map<String, Object> outputs =
        GraphRunner.run(
            AllGraphsTest.outputsTo(AllGraphsTest.small(graph), out),
            file.getParent(),
            dev.blocksmith.engine.validate.PathPolicy.standard().allowFolders(List.of(out)));
    Map<String, TrainedModel> models = new LinkedHashMap<>();
    outputs.forEach(
        (k, v) -> {
          if (v instanceof TrainedModel m) {
            models.putIfAbsent(k.substring(0, k.indexOf('.')), m);
          }
        });
    assertThat(models).isNotEmpty();
    for (var e : models.entrySet()) {
      TrainedModel model = e.getValue();
      Dataset data = dataFor(model, outputs);
      for (Precision p : Precision.values()) {
        Path onnx =
            out.resolve(
                name.replaceAll("[^A-Za-z0-9]", "_") + "-" + e.getKey() + "-" + p + ".onnx");
        OnnxExport.write(model, p, onnx);
        WRITTEN.add(onnx);
        byte[] bytes = Files.readAllBytes(onnx);
        OnnxRun.Comparison c = OnnxRun.compare(bytes, model, data);
        System.out.printf(
            Locale.ROOT,
            "%s %s %s (%s): %d examples, max |Δ| %.2e, same class " + "%.4f, %,d bytes%n",
            name,
            e.getKey(),
            p,
            model.storage(),
            data.size(),
            c.maxDiff(),
            c.argmaxAgreement(),
            bytes.length);
        if (p == Precision.FLOAT32 || model.storage() == TrainedModel.Storage.INT8) {
          assertThat(c.maxDiff()).as(e.getKey() + " " + p).isLessThanOrEqualTo(1e-4);
          assertThat(c.argmaxAgreement()).isEqualTo(1.0);
        } else {
          OnnxRun.Comparison q = OnnxRun.compare(bytes, OnnxRun.quantized(model), data);
          assertThat(q.maxDiff()).as("int8 vs Blocksmith's int8").isLessThanOrEqualTo(1e-4);
          assertThat(q.argmaxAgreement()).isEqualTo(1.0);
          // Against the float model: the rounding of the weights shows, within these bounds. The
          // scores move by at most 0.15 (0.02-0.09 measured); which answers flip then depends on
          // how many examples the small test models (2 epochs) hold close to a tie: 0-3 of 90-300.
          assertThat(c.maxDiff()).as("int8 vs float").isLessThanOrEqualTo(0.15);
          assertThat(c.argmaxAgreement()).as("int8 vs float").isGreaterThanOrEqualTo(0.95);
        }
      }
    }
  }

  /** Returns raw examples the model can take from the run's outputs, test parts first. */
  private static Dataset dataFor(TrainedModel model, Map<String, Object> outputs) {
    List<Map.Entry<String, Object>> candidates = new ArrayList<>(outputs.entrySet());
    candidates.sort(
        (a, b) -> Boolean.compare(!a.getKey().contains("test"), !b.getKey().contains("test")));
    for (var c : candidates) {
      if (c.getValue() instanceof Dataset d && d.size() > 0) {
        try {
          model.preprocessing().transform(d);
          OnnxFeeds.of(model.preprocessing(), d);
        } catch (IllegalArgumentException wrongKind) {
          continue;
        }
        return d.size() <= 400 ? d : d.subset(IntStream.range(0, 400).toArray());
      }
    }
    throw new AssertionError("no data for the model among " + outputs.keySet());
  }

  @Test
  void categoryMissingMarkersAreTheCsvReadersOnes() {
    for (String m : Cells.MISSING_MARKERS) {
      assertThat(Cells.isMissing(m)).isTrue();
    }
    assertThat(OnnxFeeds.MISSING_MARKERS)
        .containsExactlyInAnyOrderElementsOf(Cells.MISSING_MARKERS);
  }

  @AfterAll
  static void pythonCheckerAcceptsEveryFile() throws Exception {
    String check = OnnxRun.pythonCheck(WRITTEN);
    System.out.println(
        "python3 onnx.checker (full_check) on " + WRITTEN.size() + " files: " + check);
    if (check != null) {
      assertThat(check).isEqualTo("ok");
    }
  }
}
