package dev.blocksmith.nodes.train;

import static dev.blocksmith.nodes.train.TrainParams.ARCHITECTURE;
import static dev.blocksmith.nodes.train.TrainParams.BATCH_SIZE;
import static dev.blocksmith.nodes.train.TrainParams.DROPOUT;
import static dev.blocksmith.nodes.train.TrainParams.EPOCHS;
import static dev.blocksmith.nodes.train.TrainParams.FOLDS;
import static dev.blocksmith.nodes.train.TrainParams.HIDDEN;
import static dev.blocksmith.nodes.train.TrainParams.LABEL;
import static dev.blocksmith.nodes.train.TrainParams.LEARNING_RATE;
import static dev.blocksmith.nodes.train.TrainParams.OPTIMIZER;
import static dev.blocksmith.nodes.train.TrainParams.PATIENCE;
import static dev.blocksmith.nodes.train.TrainParams.SEARCH_SECONDS;
import static dev.blocksmith.nodes.train.TrainParams.TASK;
import static dev.blocksmith.nodes.train.TrainParams.WEIGHT_DECAY;

import dev.blocksmith.engine.djl.TrainConfig;
import dev.blocksmith.engine.djl.TrainingLoop;
import dev.blocksmith.engine.model.ArchSpec;
import dev.blocksmith.engine.model.Preprocessing;
import dev.blocksmith.engine.model.TrainedModel;
import dev.blocksmith.engine.spi.Category;
import dev.blocksmith.engine.spi.Estimable;
import dev.blocksmith.engine.spi.Estimate;
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
import java.util.List;
import java.util.Map;

/**
 * The "Train" block: fits the preprocessing on the training part only, builds a network and trains
 * it with early stopping, and outputs the trained model with its recipe and curves.
 */
public final class Train implements NodeType, Estimable {

  /** The training part. */
  public static final Port<Dataset> TRAIN =
      Port.of(
          "train",
          PortType.DATA,
          Dataset.class,
          "Training data",
          "The examples to learn from, with their answers (labels).");

  /** The validation part. */
  public static final Port<Dataset> VALIDATION =
      Port.optional(
          "validation",
          PortType.DATA,
          Dataset.class,
          "Validation data",
          "Optional examples to check progress on after every epoch; needed for early stopping.");

  /** The trained model. */
  public static final Port<TrainedModel> MODEL =
      Port.of(
          "model",
          PortType.MODEL,
          TrainedModel.class,
          "Model",
          "The trained model, with its preprocessing, training curves and how it was made.");

  private static final NodeSpec SPEC =
      spec(
          NodeSpec.builder("train.train")
              .setDisplayName("Train")
              .setCategory(Category.TRAIN)
              .setSummary("Teach a new model from labelled examples.")
              .setWhatItDoes(
                  "Turns the training examples into numbers (scaling and encoding learned "
                      + "from the training part only), builds a neural network and adjusts its weights "
                      + "epoch by epoch to predict the labels, watching the validation part to stop at "
                      + "the best moment.")
              .optWhyItMatters(
                  "This is where the learning happens; everything before prepares "
                      + "for it and everything after checks it.")
              .optWatchOutFor(
                  "A training score far above the validation score means the model is "
                      + "memorising (overfitting). If training becomes unstable, lower the learning "
                      + "rate.")
              .addInput(TRAIN)
              .addInput(VALIDATION)
              .addOutput(MODEL)
              .addParam(LABEL)
              .addParam(ARCHITECTURE)
              .addParam(FOLDS)
              .addParam(HIDDEN)
              .addParam(EPOCHS)
              .addParam(LEARNING_RATE)
              .addParam(BATCH_SIZE)
              .addParam(OPTIMIZER)
              .addParam(PATIENCE)
              .addParam(DROPOUT)
              .addParam(WEIGHT_DECAY)
              .addParam(SEARCH_SECONDS)
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
    String gaps = GapFilling.describe(pre, train);
    if (gaps != null) {
      ctx.log(gaps);
    }
    Preprocessing.Encoded tr = Labels.encode(pre, train, TRAIN.name(), ctx);
    Preprocessing.Encoded va =
        validation == null ? null : Labels.encode(pre, validation, VALIDATION.name(), ctx);
    if (va != null && va.rows() == 0) {
      va = null;
    }
    if (va == null && params.get(PATIENCE) > 0) {
      ctx.log("No validation data: early stopping watches the training loss instead.");
    }
    boolean regression = pre.task() == ArchSpec.Task.REGRESSION;
    String what = regression ? "predicting a number" : pre.classNames().size() + " classes";
    Fitting.Fitted fitted;
    if (params.get(ARCHITECTURE).equals("auto") && pre.input() == Preprocessing.Input.TABLE) {
      ctx.log("Training on " + tr.rows() + " examples (" + what + ") on " + ctx.device() + ".");
      List<String> ignored =
          java.util.stream.Stream.of(
                  HIDDEN,
                  EPOCHS,
                  LEARNING_RATE,
                  BATCH_SIZE,
                  OPTIMIZER,
                  PATIENCE,
                  DROPOUT,
                  WEIGHT_DECAY)
              .filter(p -> changed(params, p))
              .map(p -> p.spec().label())
              .toList();
      if (!ignored.isEmpty()) {
        ctx.log(
            "Automatic ignores "
                + String.join(", ", ignored)
                + ": it chooses them itself. "
                + "Choose Linear or Multi-layer perceptron as the model type to use your settings.");
      }
      String[] groups =
          va != null && ModelSearch.crossValidates(tr.rows() + va.rows())
              ? groups(pre, train, validation)
              : null;
      fitted =
          ModelSearch.run(
              pre, tr, va, train, validation, groups, regression, params.get(SEARCH_SECONDS), ctx);
    } else {
      ArchSpec arch = architecture(pre, params, ctx);
      TrainConfig config = config(params, regression, ctx.seed());
      ctx.log(
          "Training "
              + arch.describe()
              + " on "
              + tr.rows()
              + " examples ("
              + what
              + ") on "
              + ctx.device()
              + ".");
      String settings =
          String.format(
              java.util.Locale.ROOT,
              "%s, %d epochs at most, batch size %d, learning rate %s, %s, weight decay %s, "
                  + "patience %d epochs",
              arch.describe(),
              config.epochs(),
              config.batchSize(),
              config.learningRate(),
              config.optimizer().name().toLowerCase(java.util.Locale.ROOT),
              config.weightDecay(),
              config.patience());
      fitted =
          Fitting.fit(arch, pre, tr, va, config, settings, ctx, Augmenting.epochs(train, pre, ctx));
    }
    TrainingLoop.Result r = fitted.result();
    ctx.log(
        "Trained "
            + fitted.model().headline()
            + " for "
            + r.epochsRun()
            + " epochs ("
            + String.format("%,d", r.epochsRun() * fitted.steps())
            + " steps); kept epoch "
            + r.bestEpoch()
            + ".");
    TrainedModel model = fitted.model();
    if (ctx.isCancelled()) {
      // The user stopped it: the best model so far is the output, said plainly and not cached.
      String line =
          "Cancelled: kept the best model so far (epoch "
              + r.bestEpoch()
              + " of the "
              + r.epochsRun()
              + " that finished). It is not kept in the cache; run again to train it fully.";
      ctx.log(line);
      String before = model.provenance().settings();
      return Outputs.of(
          MODEL,
          model.withProvenance(
              model.provenance().withSettings((before == null ? "" : before + " ") + line)));
    }
    int folds = params.get(FOLDS);
    if (folds >= 2 && pre.input() == Preprocessing.Input.TABLE) {
      if (train.size() < 2 * folds) {
        ctx.log(
            "Skipped cross-validation: "
                + train.size()
                + " training examples are too few for "
                + folds
                + " folds.");
      } else {
        String line = CrossValidation.run(train, folds, fitted, params, ctx);
        ctx.log(line);
        String before = model.provenance().settings();
        model =
            model.withProvenance(
                model.provenance().withSettings((before == null ? "" : before + " ") + line));
      }
    }
    return Outputs.of(MODEL, model);
  }

  @Override
  public Estimate estimate(Inputs inputs, Params params, NodeContext ctx, double probeSeconds)
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
    boolean regression = pre.task() == ArchSpec.Task.REGRESSION;
    Estimate e;
    double one;
    if (params.get(ARCHITECTURE).equals("auto") && pre.input() == Preprocessing.Input.TABLE) {
      e =
          ModelSearch.estimate(
              pre, tr, va, regression, params.get(SEARCH_SECONDS), ctx, probeSeconds);
      one = e.time().expected() / ModelSearch.trainings(tr, va);
    } else {
      ArchSpec arch = architecture(pre, params, ctx);
      TrainConfig config = config(params, regression, ctx.seed());
      TrainEstimates.Fit f = TrainEstimates.fit(arch, tr, va, config, ctx, probeSeconds);
      e =
          TrainEstimates.single(
              ctx.nodeId(),
              f,
              tr.rows(),
              va == null ? 0 : va.rows(),
              String.format(
                  java.util.Locale.ROOT,
                  "Trains %s for at most %d epochs of %,d steps (batch size %d).",
                  arch.describe(),
                  config.epochs(),
                  Fitting.stepsPerEpoch(tr.rows(), config.batchSize()),
                  config.batchSize()));
      one = f.expected();
    }
    int folds = params.get(FOLDS);
    if (folds >= 2 && pre.input() == Preprocessing.Input.TABLE && train.size() >= 2 * folds) {
      e = TrainEstimates.withFolds(e, folds, one);
    }
    return e;
  }

  private static TrainConfig config(Params params, boolean regression, long seed) {
    return new TrainConfig(
        params.get(EPOCHS),
        params.get(BATCH_SIZE),
        params.get(LEARNING_RATE),
        params.get(OPTIMIZER).equals("sgd")
            ? TrainConfig.Optimizer.SGD
            : TrainConfig.Optimizer.ADAM,
        regression ? TrainConfig.Loss.L2 : TrainConfig.Loss.SOFTMAX_CROSS_ENTROPY,
        params.get(PATIENCE),
        seed,
        params.get(WEIGHT_DECAY),
        TrainConfig.DEFAULT_MIN_PATIENCE_STEPS);
  }

  /**
   * Returns the group (id) of every labelled training row, then of every labelled validation row,
   * in the order {@link Labels#encode} keeps them; null entries where a row has none.
   */
  private static String[] groups(Preprocessing pre, Dataset train, Dataset validation) {
    List<String> out = new java.util.ArrayList<>();
    for (Dataset d : List.of(train, validation)) {
      float[] labels = pre.transform(d).labels();
      for (int r = 0; r < d.size(); r++) {
        if (!Float.isNaN(labels[r])) {
          out.add(d.groupOf(r));
        }
      }
    }
    return out.toArray(String[]::new);
  }

  /** Returns whether a param holds something other than its default. */
  private static boolean changed(Params params, Param<?> p) {
    return !params.isDefault(p);
  }

  private static ArchSpec architecture(Preprocessing pre, Params params, NodeContext ctx)
      throws NodeException {
    String kind = params.get(ARCHITECTURE);
    boolean images = pre.input() == Preprocessing.Input.IMAGES;
    if (kind.equals("cnn") && !images) {
      throw NodeException.atParam(
          ctx.nodeId(),
          ARCHITECTURE.name(),
          "A convolutional network needs images, but the training data is a table.",
          "Choose Automatic or Multi-layer perceptron.");
    }
    List<Integer> hidden = params.get(HIDDEN);
    List<Integer> shape = pre.exampleShape();
    ArchSpec spec;
    if (kind.equals("cnn") || (kind.equals("auto") && images)) {
      List<Integer> dense = hidden.isEmpty() ? List.of(64) : hidden.subList(0, 1);
      spec =
          new ArchSpec(
              ArchSpec.CURRENT_VERSION,
              ArchSpec.Kind.CNN,
              shape,
              dense,
              List.of(16, 32),
              0,
              pre.outputs(),
              pre.task());
    } else {
      spec =
          ArchSpec.mlp(
              shape, kind.equals("linear") ? List.of() : hidden, pre.outputs(), pre.task());
    }
    return spec.withDropout(params.get(DROPOUT));
  }
}
