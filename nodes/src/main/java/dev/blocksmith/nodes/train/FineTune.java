package dev.blocksmith.nodes.train;

import static dev.blocksmith.nodes.train.FineTuneParams.ALPHA;
import static dev.blocksmith.nodes.train.FineTuneParams.BATCH_SIZE;
import static dev.blocksmith.nodes.train.FineTuneParams.EPOCHS;
import static dev.blocksmith.nodes.train.FineTuneParams.LEARNING_RATE;
import static dev.blocksmith.nodes.train.FineTuneParams.PATIENCE;
import static dev.blocksmith.nodes.train.FineTuneParams.RANK;
import static dev.blocksmith.nodes.train.FineTuneParams.STRATEGY;

import ai.djl.Model;
import ai.djl.engine.Engine;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.SequentialBlock;
import dev.blocksmith.engine.djl.TrainConfig;
import dev.blocksmith.engine.djl.TrainingLoop;
import dev.blocksmith.engine.djl.TrainingProbe;
import dev.blocksmith.engine.model.ArchSpec;
import dev.blocksmith.engine.model.Architectures;
import dev.blocksmith.engine.model.IncompatibleModelException;
import dev.blocksmith.engine.model.Preprocessing;
import dev.blocksmith.engine.model.Provenance;
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
import dev.blocksmith.engine.spi.Params;
import dev.blocksmith.engine.spi.Port;
import dev.blocksmith.engine.spi.PortType;
import dev.blocksmith.engine.value.Dataset;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The "Fine-tune" block: adapts a pretrained model to new examples, by retraining its last layer,
 * by adjusting all layers gently, or with low-rank adapters; new classes get a new output layer.
 */
public final class FineTune implements NodeType, Estimable {

  /** The model to start from. */
  public static final Port<TrainedModel> BASE =
      Port.of(
          "model",
          PortType.MODEL,
          TrainedModel.class,
          "Pretrained model",
          "The model to start from, usually from a Pretrained model or Train block.");

  /** The new examples. */
  public static final Port<Dataset> TRAIN =
      Port.of(
          "train",
          PortType.DATA,
          Dataset.class,
          "Training data",
          "The new examples to adapt to; they may have new classes.");

  /** Validation examples. */
  public static final Port<Dataset> VALIDATION =
      Port.optional(
          "validation",
          PortType.DATA,
          Dataset.class,
          "Validation data",
          "Optional examples to check progress on after every epoch, for early stopping.");

  /** The adapted model. */
  public static final Port<TrainedModel> MODEL =
      Port.of(
          "model",
          PortType.MODEL,
          TrainedModel.class,
          "Model",
          "The adapted model, with the new class names and the base model's preprocessing.");

  private static final NodeSpec SPEC =
      NodeSpec.builder("train.fine-tune")
          .setDisplayName("Fine-tune")
          .setCategory(Category.TRAIN)
          .setSummary("Adapt a pretrained model to new examples or new classes.")
          .setWhatItDoes(
              "Starts from a trained model instead of from scratch and trains only part "
                  + "of it on the new examples: the last layer, all layers gently, or small low-rank "
                  + "adapters. When the new examples have other classes, the last layer is replaced by "
                  + "a new one with one output per new class.")
          .optWhyItMatters(
              "What a model learned on one task (strokes, shapes, patterns) helps on "
                  + "the next: fine-tuning needs far fewer examples than training from scratch "
                  + "(transfer learning).")
          .optWatchOutFor(
              "The new examples must look like the old ones to the model: same picture "
                  + "size and channels, or the same columns. With very few examples, retrain only the "
                  + "last layer.")
          .addInput(BASE)
          .addInput(TRAIN)
          .addInput(VALIDATION)
          .addOutput(MODEL)
          .addParam(STRATEGY)
          .addParam(EPOCHS)
          .addParam(LEARNING_RATE)
          .addParam(BATCH_SIZE)
          .addParam(PATIENCE)
          .addParam(RANK)
          .addParam(ALPHA)
          .optHeavy(true)
          .build();

  @Override
  public NodeSpec spec() {
    return SPEC;
  }

  @Override
  public Map<String, Object> execute(Inputs inputs, Params params, NodeContext ctx)
      throws NodeException {
    TrainedModel base = inputs.get(BASE);
    Dataset train = inputs.get(TRAIN);
    Dataset validation = inputs.optional(VALIDATION).orElse(null);
    Adaptation.Strategy strategy = Adaptation.Strategy.of(params.get(STRATEGY));
    Preprocessing pre = FineTuneData.preprocessing(base, train, ctx);
    Preprocessing.Encoded tr = Labels.encode(pre, train, TRAIN.name(), ctx);
    Preprocessing.Encoded va =
        validation == null ? null : Labels.encode(pre, validation, VALIDATION.name(), ctx);
    boolean newHead = !pre.classNames().equals(base.labelNames());
    ArchSpec arch = base.arch().withOutputs(pre.outputs());
    TrainConfig config = config(params, strategy, pre, va, ctx.seed());
    double lr = config.learningRate();
    if (newHead) {
      ctx.log(
          "New classes "
              + pre.classNames()
              + " (the base model knew "
              + base.labelNames()
              + "): the last layer is replaced by a new one with "
              + pre.outputs()
              + " outputs.");
    }
    Engine.getInstance().setRandomSeed((int) ctx.seed());
    try (Model model = Model.newInstance(ctx.nodeId(), ctx.device())) {
      SequentialBlock net = Architectures.build(base.arch());
      Adaptation adaptation = adapt(base, net, model, arch, newHead, strategy, params);
      long[] counts = adaptation.counts();
      ctx.log(
          String.format(
              Locale.ROOT,
              "Fine-tuning %s (%s): training %,d of %,d parameters "
                  + "(%.1f %%) on %d examples, learning rate %s.",
              arch.describe(),
              strategy.id,
              counts[0],
              counts[1],
              100.0 * counts[0] / counts[1],
              tr.rows(),
              lr));
      ctx.log(
          strategy.plain()
              + String.format(
                  Locale.ROOT,
                  " Here that is %,d weights that " + "learn and %,d that stay as they are.",
                  counts[0],
                  counts[1] - counts[0]));
      ctx.metric("trainable parameters", 0, counts[0]);
      ctx.metric("total parameters", 0, counts[1]);
      TrainingLoop.Result r = TrainingLoop.run(model, tr, va, config, ctx);
      adaptation.finish();
      Provenance provenance =
          new Provenance(
              ctx.seed(),
              ctx.device().toString(),
              Engine.getDjlVersion(),
              Engine.getInstance().getVersion(),
              tr.fingerprint(),
              r.epochsRun(),
              r.bestEpoch(),
              null);
      TrainedModel tuned = TrainedModel.capture(arch, net, pre, r.history(), provenance);
      ctx.log("Fine-tuned " + tuned.headline() + " for " + r.epochsRun() + " epochs.");
      return Outputs.of(MODEL, tuned);
    } catch (IncompatibleModelException e) {
      throw NodeException.atPort(
          ctx.nodeId(),
          BASE.name(),
          e.getMessage(),
          "Open the pretrained model again, or train it again.");
    }
  }

  @Override
  public Estimate estimate(Inputs inputs, Params params, NodeContext ctx, double probeSeconds)
      throws NodeException {
    TrainedModel base = inputs.get(BASE);
    Dataset train = inputs.get(TRAIN);
    Dataset validation = inputs.optional(VALIDATION).orElse(null);
    Adaptation.Strategy strategy = Adaptation.Strategy.of(params.get(STRATEGY));
    Preprocessing pre = FineTuneData.preprocessing(base, train, ctx);
    Preprocessing.Encoded tr = Labels.encode(pre, train, TRAIN.name(), ctx);
    Preprocessing.Encoded va =
        validation == null ? null : Labels.encode(pre, validation, VALIDATION.name(), ctx);
    if (va != null && va.rows() == 0) {
      va = null;
    }
    boolean newHead = !pre.classNames().equals(base.labelNames());
    ArchSpec arch = base.arch().withOutputs(pre.outputs());
    TrainConfig config = config(params, strategy, pre, va, ctx.seed());
    long total = arch.parameterCount();
    int vaRows = va == null ? 0 : va.rows();
    Estimate.Memory memory = TrainEstimates.memory(arch, total, total, config, tr.rows(), vaRows);
    TrainingProbe.Timing timing = null;
    long trainable = total;
    if (TrainEstimates.fits(memory, ctx)) {
      try (Model model = Model.newInstance(ctx.nodeId() + "-probe", ctx.device())) {
        SequentialBlock net = Architectures.build(base.arch());
        Adaptation adaptation = adapt(base, net, model, arch, newHead, strategy, params);
        long[] counts = adaptation.counts();
        trainable = counts[0];
        total = counts[1];
        timing = TrainingProbe.run(model, tr, va, config, ctx, probeSeconds, 200);
      } catch (IncompatibleModelException e) {
        throw NodeException.atPort(
            ctx.nodeId(),
            BASE.name(),
            e.getMessage(),
            "Open the pretrained model again, or train it again.");
      }
      memory = TrainEstimates.memory(arch, total, trainable, config, tr.rows(), vaRows);
    }
    TrainEstimates.Fit f =
        TrainEstimates.of(arch, total, trainable, memory, tr, va, config, timing);
    return TrainEstimates.single(
        ctx.nodeId(),
        f,
        tr.rows(),
        vaRows,
        String.format(
            Locale.ROOT,
            "Fine-tunes %s (%s) for at most %d epochs of %,d steps (batch size %d).",
            arch.describe(),
            strategy.id,
            config.epochs(),
            Fitting.stepsPerEpoch(tr.rows(), config.batchSize()),
            config.batchSize()));
  }

  private static TrainConfig config(
      Params params,
      Adaptation.Strategy strategy,
      Preprocessing pre,
      Preprocessing.Encoded va,
      long seed) {
    double lr = params.get(LEARNING_RATE) * (strategy == Adaptation.Strategy.GENTLE ? 0.1 : 1);
    return new TrainConfig(
        params.get(EPOCHS),
        params.get(BATCH_SIZE),
        lr,
        TrainConfig.Optimizer.ADAM,
        pre.task() == ArchSpec.Task.REGRESSION
            ? TrainConfig.Loss.L2
            : TrainConfig.Loss.SOFTMAX_CROSS_ENTROPY,
        va == null || va.rows() == 0 ? 0 : params.get(PATIENCE),
        seed);
  }

  /**
   * Loads the base weights into {@code net}, swaps the head and adapts it, as {@code model}'s
   * block.
   */
  private static Adaptation adapt(
      TrainedModel base,
      SequentialBlock net,
      Model model,
      ArchSpec arch,
      boolean newHead,
      Adaptation.Strategy strategy,
      Params params)
      throws IncompatibleModelException {
    base.loadInto(net, model.getNDManager());
    if (newHead) {
      net.replaceLastBlock(Architectures.head(arch.outputs()));
    }
    Adaptation adaptation =
        Adaptation.of(net, strategy, newHead, params.get(RANK), params.get(ALPHA).floatValue());
    model.setBlock(adaptation.block());
    adaptation
        .block()
        .initialize(model.getNDManager(), DataType.FLOAT32, new Shape(arch.batchShape(1)));
    adaptation.refreeze();
    return adaptation;
  }

  /** Returns the ids of the strategies, for tests and docs. */
  public static List<String> strategies() {
    return java.util.Arrays.stream(Adaptation.Strategy.values()).map(s -> s.id).toList();
  }
}
