package dev.blocksmith.nodes.output;

import dev.blocksmith.engine.model.IncompatibleModelException;
import dev.blocksmith.engine.model.ModelBundle;
import dev.blocksmith.engine.model.Quantization;
import dev.blocksmith.engine.model.TrainedModel;
import dev.blocksmith.engine.model.TrainedModel.Storage;
import dev.blocksmith.engine.model.Weights;
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
import java.io.IOException;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The "Quantize" block: stores a model's weights in fewer bits (int8 per output channel, or
 * float16) so its file is about 4× (or 2×) smaller, and reports the size and the score before and
 * after on the data given.
 */
public final class Quantize implements NodeType {

  /** The model to shrink. */
  public static final Port<TrainedModel> MODEL_IN =
      Port.of(
          "model",
          PortType.MODEL,
          TrainedModel.class,
          "Model",
          "The trained model to make smaller.");

  /** Examples to measure the score on. */
  public static final Port<Dataset> DATA =
      Port.optional(
          "data",
          PortType.DATA,
          Dataset.class,
          "Data",
          "Optional examples with known answers (usually the test part) to compare the score "
              + "before and after.");

  /** The smaller model. */
  public static final Port<TrainedModel> MODEL_OUT =
      Port.of(
          "model",
          PortType.MODEL,
          TrainedModel.class,
          "Model",
          "The same model with its weights rounded to fewer bits; Save model writes it small.");

  /** What changed. */
  public static final Port<Report> REPORT =
      Port.of(
          "report",
          PortType.REPORT,
          Report.class,
          "Report",
          "How much smaller the weights are and how the score changed.");

  /** How many bits. */
  public static final Param<String> PRECISION =
      Param.choice("precision")
          .setLabel("Precision")
          .setHelp(
              "How finely each weight is stored. 8-bit integers make the weights about 4× "
                  + "smaller and usually cost well under a point of accuracy; 16-bit floats halve "
                  + "the size and almost never change a prediction.")
          .addChoice("int8", "8-bit integers, about 4× smaller (int8 quantization)")
          .addChoice("float16", "16-bit floats, 2× smaller (half precision)")
          .optDefault("int8")
          .build();

  private static final NodeSpec SPEC =
      NodeSpec.builder("output.quantize")
          .setDisplayName("Quantize")
          .setCategory(Category.OUTPUT)
          .setSummary("Make a trained model about 4× smaller for phones and small devices.")
          .setWhatItDoes(
              "Rounds every weight to one of 255 levels, with a separate scale for each "
                  + "output of each layer (int8 per-channel symmetric quantization), or to 16-bit "
                  + "floats. No training is needed. With test data connected it reports the score "
                  + "before and after.")
          .optWhyItMatters(
              "Smaller models download faster and fit on small devices; most models "
                  + "lose almost nothing.")
          .optWatchOutFor(
              "Always check the score after quantizing on data the model did not "
                  + "train on. Very small models lose more.")
          .addInput(MODEL_IN)
          .addInput(DATA)
          .addOutput(MODEL_OUT)
          .addOutput(REPORT)
          .addParam(PRECISION)
          .build();

  @Override
  public NodeSpec spec() {
    return SPEC;
  }

  @Override
  public Map<String, Object> execute(Inputs inputs, Params params, NodeContext ctx)
      throws NodeException {
    TrainedModel model = inputs.get(MODEL_IN);
    Dataset data = inputs.optional(DATA).orElse(null);
    Storage storage = params.get(PRECISION).equals("float16") ? Storage.FLOAT16 : Storage.INT8;
    TrainedModel small;
    long before;
    long after;
    double moved;
    try {
      List<Weights.Tensor> tensors = Weights.read(model);
      List<Weights.Tensor> rounded = Quantization.round(tensors, storage);
      moved = Quantization.maxError(tensors, rounded);
      small =
          new TrainedModel(
              model.arch(),
              Weights.toDjlBytes(model.arch(), rounded),
              model.parameters(),
              model.preprocessing(),
              model.history(),
              model.provenance(),
              storage);
      before = ModelBundle.weightBytes(model).length;
      after = ModelBundle.weightBytes(small).length;
    } catch (IncompatibleModelException | IOException e) {
      throw NodeException.atPort(
          ctx.nodeId(),
          MODEL_IN.name(),
          e.getMessage(),
          "Train the model again, or open its model file again.");
    }
    double ratio = (double) before / after;
    ctx.log(
        String.format(
            Locale.ROOT,
            "Stored as %s: weights %,d → %,d bytes (%.1f× smaller); "
                + "largest change of a weight %.2g.",
            storage.name().toLowerCase(Locale.ROOT),
            before,
            after,
            ratio,
            moved));
    Report report = QuantizeReport.build(model, small, data, before, after, storage, ctx);
    return Outputs.builder().put(MODEL_OUT, small).put(REPORT, report).build();
  }
}
