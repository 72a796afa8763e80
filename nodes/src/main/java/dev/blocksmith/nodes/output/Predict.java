package dev.blocksmith.nodes.output;

import dev.blocksmith.engine.djl.Inference;
import dev.blocksmith.engine.model.ArchSpec;
import dev.blocksmith.engine.model.IncompatibleModelException;
import dev.blocksmith.engine.model.Preprocessing;
import dev.blocksmith.engine.model.TrainedModel;
import dev.blocksmith.engine.spi.Category;
import dev.blocksmith.engine.spi.Inputs;
import dev.blocksmith.engine.spi.NodeContext;
import dev.blocksmith.engine.spi.NodeException;
import dev.blocksmith.engine.spi.NodeSpec;
import dev.blocksmith.engine.spi.NodeType;
import dev.blocksmith.engine.spi.Outputs;
import dev.blocksmith.engine.spi.Params;
import dev.blocksmith.engine.spi.Port;
import dev.blocksmith.engine.spi.PortType;
import dev.blocksmith.engine.value.CategoryColumn;
import dev.blocksmith.engine.value.Column;
import dev.blocksmith.engine.value.Dataset;
import dev.blocksmith.engine.value.ImageSet;
import dev.blocksmith.engine.value.NumberColumn;
import dev.blocksmith.engine.value.Table;
import dev.blocksmith.engine.value.TextColumn;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The "Predict" block: lets a model answer for new, raw examples — table rows or images — applying
 * the preprocessing stored in the model, and returns a table with the original columns (or the
 * image names) plus the predicted answer and, for classes, how confident the model is.
 */
public final class Predict implements NodeType {
  private static final int BATCH = 256;

  /** The model. */
  public static final Port<TrainedModel> MODEL =
      Port.of("model", PortType.MODEL, TrainedModel.class, "Model", "The trained model to ask.");

  /** The new examples. */
  public static final Port<Dataset> DATA =
      Port.of(
          "data",
          PortType.DATA,
          Dataset.class,
          "Data",
          "New examples, raw as loaded: rows with the same columns as the training data (the "
              + "answer column may be missing), or images.");

  /** The answers. */
  public static final Port<Table> TABLE =
      Port.of(
          "table",
          PortType.TABLE,
          Table.class,
          "Predictions",
          "The examples with two added columns: predicted (the answer) and confidence (0–1).");

  private static final NodeSpec SPEC =
      NodeSpec.builder("output.predict")
          .setDisplayName("Predict")
          .setCategory(Category.OUTPUT)
          .setSummary("Use a model to answer for new examples.")
          .setWhatItDoes(
              "Prepares each new example exactly like the training data (the same "
                  + "scaling and encoding, stored in the model), asks the model, and adds its answer "
                  + "and its confidence to every row.")
          .optWhyItMatters("This is what a model is for: answers for data it has never seen.")
          .optWatchOutFor(
              "Confidence is the model's own estimate, not a guarantee: a model can be "
                  + "confidently wrong, especially on examples unlike its training data.")
          .addInput(MODEL)
          .addInput(DATA)
          .addOutput(TABLE)
          .build();

  @Override
  public NodeSpec spec() {
    return SPEC;
  }

  @Override
  public Map<String, Object> execute(Inputs inputs, Params params, NodeContext ctx)
      throws NodeException {
    TrainedModel model = inputs.get(MODEL);
    Dataset data = inputs.get(DATA);
    Preprocessing pre = model.preprocessing();
    Preprocessing.Encoded e;
    try {
      e = pre.transform(data);
    } catch (IllegalArgumentException ex) {
      throw NodeException.atPort(
          ctx.nodeId(),
          DATA.name(),
          ex.getMessage(),
          "Give the model data shaped like its training data.");
    }
    float[] out;
    try {
      out = Inference.outputs(model, e, ctx, Inference.batchRows(e.exampleSize(), BATCH));
    } catch (IncompatibleModelException ex) {
      throw NodeException.atPort(
          ctx.nodeId(),
          MODEL.name(),
          ex.getMessage(),
          "Train the model again, or open its model file again.");
    }
    List<Column> columns = new ArrayList<>(base(data));
    List<String> names = columns.stream().map(Column::name).toList();
    String predicted = fresh("predicted", names);
    if (pre.task() == ArchSpec.Task.REGRESSION) {
      double[] values = new double[e.rows()];
      for (int i = 0; i < values.length; i++) {
        values[i] = pre.rawLabel(out[i]);
      }
      columns.add(new NumberColumn(predicted, values));
    } else {
      int k = pre.classNames().size();
      int[] best = Inference.argMax(out, k);
      double[] confidence = new double[e.rows()];
      for (int r = 0; r < best.length; r++) {
        double sum = 0;
        for (int c = 0; c < k; c++) {
          sum += Math.exp(out[r * k + c] - out[r * k + best[r]]);
        }
        confidence[r] = 1 / sum;
      }
      columns.add(new CategoryColumn(predicted, pre.classNames(), best));
      columns.add(new NumberColumn(fresh("confidence", names), confidence));
    }
    Table table = Table.of(columns);
    ctx.log("Predicted " + e.rows() + " examples with " + model.headline() + ".");
    return Outputs.of(TABLE, table);
  }

  /** Returns the columns to keep: the table's own, or each image's source and folder label. */
  private static List<Column> base(Dataset data) {
    if (data instanceof Table t) {
      return t.columns();
    }
    ImageSet images = (ImageSet) data;
    return List.of(
        new TextColumn("source", images.sources().toArray(String[]::new)),
        new CategoryColumn("label", images.classNames(), images.labels()));
  }

  private static String fresh(String name, List<String> taken) {
    String n = name;
    for (int i = 2; taken.contains(n); i++) {
      n = name + "_" + i;
    }
    return n;
  }
}
