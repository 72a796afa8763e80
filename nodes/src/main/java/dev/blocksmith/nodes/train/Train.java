package dev.blocksmith.nodes.train;

import static dev.blocksmith.nodes.train.TrainParams.ARCHITECTURE;
import static dev.blocksmith.nodes.train.TrainParams.BATCH_SIZE;
import static dev.blocksmith.nodes.train.TrainParams.DROPOUT;
import static dev.blocksmith.nodes.train.TrainParams.EPOCHS;
import static dev.blocksmith.nodes.train.TrainParams.HIDDEN;
import static dev.blocksmith.nodes.train.TrainParams.LABEL;
import static dev.blocksmith.nodes.train.TrainParams.LEARNING_RATE;
import static dev.blocksmith.nodes.train.TrainParams.OPTIMIZER;
import static dev.blocksmith.nodes.train.TrainParams.PATIENCE;
import static dev.blocksmith.nodes.train.TrainParams.TASK;

import ai.djl.Model;
import ai.djl.engine.Engine;
import dev.blocksmith.engine.djl.TrainConfig;
import dev.blocksmith.engine.djl.TrainingLoop;
import dev.blocksmith.engine.model.ArchSpec;
import dev.blocksmith.engine.model.Architectures;
import dev.blocksmith.engine.model.Preprocessing;
import dev.blocksmith.engine.model.Provenance;
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
import dev.blocksmith.engine.value.Dataset;
import java.util.List;
import java.util.Map;

/**
 * The "Train" block: fits the preprocessing on the training part only, builds a network and trains
 * it with early stopping, and outputs the trained model with its recipe and curves.
 */
public final class Train implements NodeType {

  /** The training part. */
  public static final Port<Dataset> TRAIN =
      Port.of("train", PortType.DATA, Dataset.class, "Training data",
          "The examples to learn from, with their answers (labels).");

  /** The validation part. */
  public static final Port<Dataset> VALIDATION =
      Port.optional("validation", PortType.DATA, Dataset.class, "Validation data",
          "Optional examples to check progress on after every epoch; needed for early stopping.");

  /** The trained model. */
  public static final Port<TrainedModel> MODEL =
      Port.of("model", PortType.MODEL, TrainedModel.class, "Model",
          "The trained model, with its preprocessing, training curves and how it was made.");

  private static final NodeSpec SPEC = spec(
      NodeSpec.builder("train.train")
          .setDisplayName("Train")
          .setCategory(Category.TRAIN)
          .setSummary("Teach a new model from labelled examples.")
          .setWhatItDoes("Turns the training examples into numbers (scaling and encoding learned "
              + "from the training part only), builds a neural network and adjusts its weights "
              + "epoch by epoch to predict the labels, watching the validation part to stop at "
              + "the best moment.")
          .optWhyItMatters("This is where the learning happens; everything before prepares "
              + "for it and everything after checks it.")
          .optWatchOutFor("A training score far above the validation score means the model is "
              + "memorising (overfitting). If training becomes unstable, lower the learning "
              + "rate.")
          .addInput(TRAIN)
          .addInput(VALIDATION)
          .addOutput(MODEL)
          .addParam(LABEL)
          .addParam(ARCHITECTURE)
          .addParam(HIDDEN)
          .addParam(EPOCHS)
          .addParam(LEARNING_RATE)
          .addParam(BATCH_SIZE)
          .addParam(OPTIMIZER)
          .addParam(PATIENCE)
          .addParam(DROPOUT)
          .addParam(TASK)
          .optHeavy(true));

  private static NodeSpec spec(NodeSpec.Builder b) {
    TrainParams.presets().forEach(b::addPreset);
    return b.build();
  }

  @Override
  public NodeSpec spec() {
    return SPEC;
  }

  @Override
  public Map<String, Object> execute(Inputs inputs, Params params, NodeContext ctx)
      throws NodeException {
    Dataset train = inputs.get(TRAIN);
    Dataset validation = inputs.optional(VALIDATION).orElse(null);
    Preprocessing pre = Labels.fit(train, params, ctx);
    Preprocessing.Encoded tr = Labels.encode(pre, train, TRAIN.name(), ctx);
    Preprocessing.Encoded va =
        validation == null ? null : Labels.encode(pre, validation, VALIDATION.name(), ctx);
    if (va != null && va.rows() == 0) {
      va = null;
    }
    if (va == null && params.get(PATIENCE) > 0) {
      ctx.log("No validation data: early stopping watches the training loss instead.");
    }
    ArchSpec arch = architecture(pre, params, ctx);
    boolean regression = pre.task() == ArchSpec.Task.REGRESSION;
    TrainConfig config =
        new TrainConfig(
            params.get(EPOCHS), params.get(BATCH_SIZE),
            params.get(LEARNING_RATE),
            params.get(OPTIMIZER).equals("sgd")
                ? TrainConfig.Optimizer.SGD
                : TrainConfig.Optimizer.ADAM,
            regression ? TrainConfig.Loss.L2 : TrainConfig.Loss.SOFTMAX_CROSS_ENTROPY,
            params.get(PATIENCE), ctx.seed());
    ctx.log("Training " + arch.describe() + " on " + tr.rows() + " examples ("
        + (regression ? "predicting a number" : pre.classNames().size() + " classes")
        + ") on " + ctx.device() + ".");
    try (Model model = Model.newInstance(ctx.nodeId(), ctx.device())) {
      model.setBlock(Architectures.build(arch));
      TrainingLoop.Result r = TrainingLoop.run(model, tr, va, config, ctx);
      Provenance provenance =
          new Provenance(ctx.seed(), ctx.device().toString(), Engine.getDjlVersion(),
              Engine.getInstance().getVersion(), tr.fingerprint(), r.epochsRun(), r.bestEpoch(),
              null);
      TrainedModel trained =
          TrainedModel.capture(arch, model.getBlock(), pre, r.history(), provenance);
      ctx.log("Trained " + trained.headline() + " for " + r.epochsRun() + " epochs; kept epoch "
          + r.bestEpoch() + ".");
      return Outputs.of(MODEL, trained);
    }
  }

  private static ArchSpec architecture(Preprocessing pre, Params params, NodeContext ctx)
      throws NodeException {
    String kind = params.get(ARCHITECTURE);
    boolean images = pre.input() == Preprocessing.Input.IMAGES;
    if (kind.equals("cnn") && !images) {
      throw NodeException.atParam(ctx.nodeId(), ARCHITECTURE.name(),
          "A convolutional network needs images, but the training data is a table.",
          "Choose Automatic or Multi-layer perceptron.");
    }
    List<Integer> hidden = params.get(HIDDEN);
    List<Integer> shape = pre.exampleShape();
    ArchSpec spec;
    if (kind.equals("cnn") || (kind.equals("auto") && images)) {
      List<Integer> dense = hidden.isEmpty() ? List.of(64) : hidden.subList(0, 1);
      spec = new ArchSpec(ArchSpec.CURRENT_VERSION, ArchSpec.Kind.CNN, shape, dense,
          List.of(16, 32), 0, pre.outputs(), pre.task());
    } else {
      spec = ArchSpec.mlp(shape, kind.equals("linear") ? List.of() : hidden, pre.outputs(),
          pre.task());
    }
    return spec.withDropout(params.get(DROPOUT));
  }
}
