package dev.blocksmith.nodes.evaluate;

import dev.blocksmith.engine.model.ArchSpec;
import dev.blocksmith.engine.model.IncompatibleModelException;
import dev.blocksmith.engine.model.Preprocessing;
import dev.blocksmith.engine.model.Preprocessing.Encoded;
import dev.blocksmith.engine.model.TrainedModel;
import dev.blocksmith.engine.spi.Category;
import dev.blocksmith.engine.spi.Inputs;
import dev.blocksmith.engine.spi.NodeContext;
import dev.blocksmith.engine.spi.NodeException;
import dev.blocksmith.engine.spi.NodeSpec;
import dev.blocksmith.engine.spi.NodeType;
import dev.blocksmith.engine.spi.Outputs;
import dev.blocksmith.engine.spi.Param;
import dev.blocksmith.engine.spi.Params;
import dev.blocksmith.engine.spi.Port;
import dev.blocksmith.engine.spi.PortType;
import dev.blocksmith.engine.value.Dataset;
import dev.blocksmith.engine.value.Report;
import java.util.Map;

/**
 * The "Explain" block: shows what a model leans on. For table models, how much the score drops when
 * each column is shuffled (permutation importance); for image models, which parts of example
 * pictures change its answer when covered (occlusion saliency).
 */
public final class Explain implements NodeType {

  /** The model to explain. */
  public static final Port<TrainedModel> MODEL =
      Port.of(
          "model", PortType.MODEL, TrainedModel.class, "Model", "The trained model to explain.");

  /** The examples to explain it on. */
  public static final Port<Dataset> DATA =
      Port.of(
          "data",
          PortType.DATA,
          Dataset.class,
          "Data",
          "Examples with known answers, usually the test part.");

  /** The explanation. */
  public static final Port<Report> REPORT =
      Port.of(
          "report",
          PortType.REPORT,
          Report.class,
          "Explanation",
          "Which columns the model leans on (with a chart), or saliency maps over pictures.");

  /** How often each column is shuffled. */
  public static final Param<Integer> REPEATS =
      Param.integer("repeats")
          .setLabel("Shuffles per column")
          .setHelp(
              "How many times each column is shuffled. More shuffles give a steadier answer "
                  + "and show how much it varies (the spread), but take longer.")
          .optDefault(5)
          .optRange(1, 50)
          .build();

  /** Rows used at most. */
  public static final Param<Integer> ROWS =
      Param.integer("rows")
          .setLabel("Rows used")
          .setHelp("At most this many examples are used, so that big tables stay quick.")
          .optDefault(2000)
          .optRange(10, 1_000_000)
          .optAdvanced(true)
          .build();

  /** Pictures explained. */
  public static final Param<Integer> PICTURES =
      Param.integer("pictures")
          .setLabel("Pictures")
          .setHelp(
              "For image models: how many example pictures get a saliency map (one per class "
                  + "in turn).")
          .optDefault(6)
          .optRange(1, 24)
          .build();

  /** Size of the covering square. */
  public static final Param<Integer> PATCH =
      Param.integer("patch")
          .setLabel("Cover size")
          .setHelp(
              "For image models: the side, in pixels, of the grey square slid over each "
                  + "picture. Smaller squares give a finer map but take longer.")
          .optDefault(4)
          .optRange(1, 64)
          .optAdvanced(true)
          .build();

  /** The random seed. */
  public static final Param<Integer> SEED =
      Param.integer("seed")
          .setLabel("Seed")
          .setHelp("Any whole number. The same seed shuffles the same way every time.")
          .optDefault(1)
          .optAdvanced(true)
          .build();

  private static final NodeSpec SPEC =
      NodeSpec.builder("evaluate.explain")
          .setDisplayName("Explain")
          .setCategory(Category.EVALUATE)
          .setSummary("Show what the model leans on to decide.")
          .setWhatItDoes(
              "For a table model, shuffles one column at a time and measures how much "
                  + "the score drops: a big drop means the model relies on that column. For an "
                  + "image model, slides a grey square over example pictures and marks where "
                  + "covering the picture makes the model unsure.")
          .optWhyItMatters(
              "A model that scores well for the wrong reason (an id column, a "
                  + "watermark in the corner) fails on new data. Looking at what it uses catches "
                  + "that early.")
          .optWatchOutFor(
              "Two columns that carry the same information share the credit: "
                  + "shuffling one of them barely hurts, because the model can use the other.")
          .addInput(MODEL)
          .addInput(DATA)
          .addOutput(REPORT)
          .addParam(REPEATS)
          .addParam(ROWS)
          .addParam(PICTURES)
          .addParam(PATCH)
          .addParam(SEED)
          .build();

  @Override
  public NodeSpec spec() {
    return SPEC;
  }

  @Override
  public Map<String, Object> execute(Inputs inputs, Params params, NodeContext ctx)
      throws NodeException {
    TrainedModel model = inputs.get(MODEL);
    Preprocessing pre = model.preprocessing();
    Encoded e;
    try {
      e = pre.transform(inputs.get(DATA)).labelledOnly();
    } catch (IllegalArgumentException ex) {
      throw NodeException.atPort(
          ctx.nodeId(),
          DATA.name(),
          ex.getMessage(),
          "Explain the model on data shaped like its training data.");
    }
    if (e.rows() == 0) {
      throw NodeException.atPort(
          ctx.nodeId(),
          DATA.name(),
          "None of the examples has an answer the model knows, so nothing can be explained.",
          "Connect examples with known answers, such as the test part of Split.");
    }
    try {
      Report report;
      if (pre.input() == Preprocessing.Input.IMAGES) {
        if (pre.task() == ArchSpec.Task.REGRESSION) {
          throw NodeException.atPort(
              ctx.nodeId(),
              MODEL.name(),
              "Saliency maps are made for image models that predict classes.",
              "Connect a model that sorts pictures into classes.");
        }
        if (pre.pictureNetwork() != null) {
          throw NodeException.atPort(
              ctx.nodeId(),
              MODEL.name(),
              "This model sees pictures through a picture network of its own ("
                  + pre.pictureNetwork().backbone().name()
                  + "); saliency maps for such models are not made yet.",
              "Use Evaluate to see its mistakes, or explain a model trained by Train.");
        }
        report = Explanations.pictures(model, e, params.get(PICTURES), params.get(PATCH), ctx);
      } else {
        Encoded rows = Explanations.sample(e, params.get(ROWS), params.get(SEED));
        report = Explanations.columns(model, rows, params.get(REPEATS), params.get(SEED), ctx);
      }
      report.findings().forEach(f -> ctx.log(f.message()));
      return Outputs.of(REPORT, report);
    } catch (IncompatibleModelException ex) {
      throw NodeException.atPort(
          ctx.nodeId(),
          MODEL.name(),
          ex.getMessage(),
          "Train the model again, or connect the model file it came with.");
    }
  }
}
