package dev.blocksmith.nodes;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import dev.blocksmith.engine.graph.Edge;
import dev.blocksmith.engine.graph.Graph;
import dev.blocksmith.engine.graph.Layout;
import dev.blocksmith.engine.graph.Node;
import dev.blocksmith.engine.graph.Position;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Builds the model-lifecycle example pipelines written to {@code graphs/}. */
public final class LifecycleGraphs {
  private static final JsonNodeFactory F = new JsonNodeFactory(true);

  /** Where make-base-digits.json saves its model, relative to {@code graphs/}. */
  public static final String BASE_MODEL_FILE = "models/digits-0-4.bsmodel";

  private LifecycleGraphs() {}

  /** Returns the graphs by file name. */
  public static Map<String, Graph> all() {
    Map<String, Graph> out = new LinkedHashMap<>();
    out.put("make-base-digits.json", makeBaseDigits());
    out.put("fine-tune-digits.json", fineTuneDigits());
    out.put("quantize-for-small-devices.json", quantize());
    out.put("make-base-clothing.json", makeBaseClothing());
    out.put("fine-tune-clothing.json", fineTuneClothing());
    return out;
  }

  static Graph makeBaseDigits() {
    return graph(
        "Make the shipped digits base model",
        "Trains the small CNN shipped as the \"Digits 0–4 reader\" base model: digits 0 to 4 "
            + "only, so that the classes 5 to 9 stay new for fine-tuning lessons.",
        List.of(
            node("sample", "data.sample", "dataset", "digits", "size", 3000, "seed", 1),
            node("keep", "prepare.filter-classes", "classes", "0,1,2,3,4"),
            node("split", "prepare.split"),
            node(
                "train",
                "train.train",
                "architecture",
                "cnn",
                "hiddenSizes",
                List.of(128),
                "dropout",
                0.3,
                "epochs",
                8,
                "learningRate",
                0.003,
                "patience",
                3),
            node("evaluate", "evaluate.evaluate"),
            node("save", "output.save-model", "file", BASE_MODEL_FILE)),
        List.of(
            "sample.data>keep.data",
            "keep.data>split.data",
            "split.train>train.train",
            "split.validation>train.validation",
            "train.model>evaluate.model",
            "split.test>evaluate.data",
            "train.model>save.model"));
  }

  static Graph fineTuneDigits() {
    return graph(
        "Fine-tune a digits model on a few examples",
        "A base model that learned digits 0–4 learns 5–9 from only 5 examples each by "
            + "retraining its last layer, and is compared with the same network trained from "
            + "scratch on the same 25 examples.",
        List.of(
            node("base", "model.pretrained", "source", "shipped", "base", "digits-0-4"),
            node("pool", "data.sample", "dataset", "digits", "size", 1000, "seed", 11),
            node("few", "prepare.filter-classes", "classes", "5,6,7,8,9", "perClass", 5),
            node("fresh", "data.sample", "dataset", "digits", "size", 1000, "seed", 12),
            node("test", "prepare.filter-classes", "classes", "5,6,7,8,9"),
            node("tune", "train.fine-tune", "strategy", "head", "epochs", 40, "learningRate", 0.01),
            node(
                "scratch",
                "train.train",
                "architecture",
                "cnn",
                "hiddenSizes",
                List.of(128),
                "epochs",
                40,
                "learningRate",
                0.01,
                "patience",
                0),
            node("evaluate", "evaluate.evaluate")),
        List.of(
            "pool.data>few.data",
            "fresh.data>test.data",
            "base.model>tune.model",
            "few.data>tune.train",
            "few.data>scratch.train",
            "tune.model>evaluate.model",
            "test.data>evaluate.data",
            "scratch.model>evaluate.compare"));
  }

  /** Where make-base-clothing.json saves its model, relative to {@code graphs/}. */
  public static final String CLOTHING_MODEL_FILE = "models/clothing-0-4.bsmodel";

  /** The Fashion-MNIST classes the clothing base model learns; the other five stay new. */
  public static final String CLOTHING_BASE_CLASSES = "T-shirt,trouser,pullover,dress,coat";

  /** The Fashion-MNIST classes left for fine-tuning. */
  public static final String CLOTHING_NEW_CLASSES = "sandal,shirt,sneaker,bag,ankle boot";

  static Graph makeBaseClothing() {
    return graph(
        "Make the shipped clothing base model",
        "Trains the small CNN shipped as the \"Clothing photos reader\" base model on 10,000 "
            + "real photos (Fashion-MNIST training set, Zalando, MIT licence) of five kinds of "
            + "clothing, so that sandals, shirts, sneakers, bags and ankle boots stay new for "
            + "fine-tuning. Needs Debian's dataset-fashion-mnist package.",
        List.of(
            node(
                "sample",
                "data.sample",
                "dataset",
                "fashion",
                "size",
                20000,
                "seed",
                1,
                "noise",
                0.0),
            node("keep", "prepare.filter-classes", "classes", CLOTHING_BASE_CLASSES),
            node("split", "prepare.split"),
            node(
                "train",
                "train.train",
                "architecture",
                "cnn",
                "hiddenSizes",
                List.of(128),
                "dropout",
                0.3,
                "epochs",
                8,
                "learningRate",
                0.003,
                "patience",
                3),
            node("evaluate", "evaluate.evaluate"),
            node("save", "output.save-model", "file", CLOTHING_MODEL_FILE)),
        List.of(
            "sample.data>keep.data",
            "keep.data>split.data",
            "split.train>train.train",
            "split.validation>train.validation",
            "train.model>evaluate.model",
            "split.test>evaluate.data",
            "train.model>save.model"));
  }

  static Graph fineTuneClothing() {
    return graph(
        "Fine-tune a photo model on a few examples",
        "A base model that learned five kinds of clothing from real photos learns five new "
            + "ones (sandal, shirt, sneaker, bag, ankle boot) from 10 photos each with low-rank "
            + "adapters (LoRA), and is compared with the same network trained from scratch on "
            + "the same 50 photos. The photos come from the Fashion-MNIST test set, which the "
            + "base model never saw. Measured: about the same as from scratch (see "
            + "BENCHMARKS.md): shoes and bags share little with tops and trousers.",
        List.of(
            node("base", "model.pretrained", "source", "shipped", "base", "clothing-0-4"),
            node(
                "photos",
                "data.sample",
                "dataset",
                "fashion-test",
                "size",
                500,
                "seed",
                11,
                "noise",
                0.0),
            node("new", "prepare.filter-classes", "classes", CLOTHING_NEW_CLASSES),
            node(
                "split",
                "prepare.split",
                "trainShare",
                0.2,
                "validationShare",
                0.0,
                "testShare",
                0.8),
            node("tune", "train.fine-tune", "strategy", "lora", "epochs", 40, "learningRate", 0.01),
            node(
                "scratch",
                "train.train",
                "architecture",
                "cnn",
                "hiddenSizes",
                List.of(128),
                "epochs",
                40,
                "learningRate",
                0.01,
                "patience",
                0),
            node("evaluate", "evaluate.evaluate")),
        List.of(
            "photos.data>new.data",
            "new.data>split.data",
            "base.model>tune.model",
            "split.train>tune.train",
            "split.train>scratch.train",
            "tune.model>evaluate.model",
            "split.test>evaluate.data",
            "scratch.model>evaluate.compare"));
  }

  static Graph quantize() {
    return graph(
        "Quantize a model for small devices",
        "Trains a digits CNN, stores its weights as 8-bit integers (about 4× smaller), scores "
            + "both versions side by side and saves the small one.",
        List.of(
            node("sample", "data.sample", "dataset", "digits", "size", 2000, "seed", 3),
            node("split", "prepare.split"),
            node(
                "train",
                "train.train",
                "architecture",
                "cnn",
                "epochs",
                6,
                "learningRate",
                0.003,
                "patience",
                3),
            node("quantize", "output.quantize", "precision", "int8"),
            node("evaluate", "evaluate.evaluate"),
            node("save", "output.save-model", "file", "models/digits-int8.bsmodel")),
        List.of(
            "sample.data>split.data",
            "split.train>train.train",
            "split.validation>train.validation",
            "train.model>quantize.model",
            "split.test>quantize.data",
            "quantize.model>evaluate.model",
            "split.test>evaluate.data",
            "train.model>evaluate.compare",
            "quantize.model>save.model"));
  }

  private static Graph graph(
      String name, String description, List<Node> nodes, List<String> edges) {
    List<Edge> es = new ArrayList<>();
    edges.forEach(e -> es.add(Edge.of(e.split(">")[0], e.split(">")[1])));
    // Layered left to right: a block's column is its depth, rows fill each column in file order.
    Map<String, Integer> column = new java.util.HashMap<>();
    for (int pass = 0; pass < nodes.size(); pass++) {
      for (Node n : nodes) {
        int c = 0;
        for (Edge e : es) {
          if (e.to().node().equals(n.id())) {
            c = Math.max(c, column.getOrDefault(e.from().node(), 0) + 1);
          }
        }
        column.put(n.id(), c);
      }
    }
    Map<Integer, Integer> rows = new java.util.HashMap<>();
    Layout layout = Layout.EMPTY;
    for (Node n : nodes) {
      int c = column.get(n.id());
      int r = rows.merge(c, 1, Integer::sum) - 1;
      layout = layout.withPosition(n.id(), new Position(40 + 250 * c, 60 + 190 * r));
    }
    return new Graph(name, description, nodes, es, layout, Map.of());
  }

  private static Node node(String id, String type, Object... params) {
    Map<String, JsonNode> p = new LinkedHashMap<>();
    for (int i = 0; i < params.length; i += 2) {
      Object v = params[i + 1];
      JsonNode json;
      if (v instanceof List<?> list) {
        var array = F.arrayNode();
        list.forEach(x -> array.add((Integer) x));
        json = array;
      } else {
        json =
            v instanceof String s
                ? F.textNode(s)
                : v instanceof Integer n
                    ? F.numberNode(n)
                    : F.numberNode(BigDecimal.valueOf((Double) v));
      }
      p.put((String) params[i], json);
    }
    return new Node(id, type, 1, null, p);
  }
}
