package dev.blocksmith.nodes.prepare;

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
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * The "Split" block: divides examples into training, validation and test parts, keeping the class
 * balance in each part and, when the data has an id column, keeping rows with the same id together.
 */
public final class Split implements NodeType {

  /** The examples to divide. */
  public static final Port<Dataset> DATA =
      Port.of(
          "data",
          PortType.DATA,
          Dataset.class,
          "Data",
          "The examples to divide: a table or images.");

  /** The training part. */
  public static final Port<Dataset> TRAIN =
      Port.of(
          "train",
          PortType.DATA,
          Dataset.class,
          "Training part",
          "The examples the model learns from.");

  /** The validation part. */
  public static final Port<Dataset> VALIDATION =
      Port.of(
          "validation",
          PortType.DATA,
          Dataset.class,
          "Validation part",
          "Examples used while training to watch for overfitting and to stop at the right time.");

  /** The test part. */
  public static final Port<Dataset> TEST =
      Port.of(
          "test",
          PortType.DATA,
          Dataset.class,
          "Test part",
          "Examples kept aside until the end, for an honest final score.");

  /** Share for training. */
  public static final Param<Double> TRAIN_SHARE =
      share(
          "trainShare",
          "Training share",
          0.7,
          "Share of the examples the model learns from (0.7 = 70 %).");

  /** Share for validation. */
  public static final Param<Double> VALIDATION_SHARE =
      share(
          "validationShare",
          "Validation share",
          0.15,
          "Share used to check the model while it trains (0.15 = 15 %).");

  /** Share for testing. */
  public static final Param<Double> TEST_SHARE =
      share(
          "testShare",
          "Test share",
          0.15,
          "Share kept aside for the final score (0.15 = 15 %). Shares may add up to less than 1: "
              + "the rest is left out.");

  /** Whether to keep class proportions. */
  public static final Param<Boolean> STRATIFY =
      Param.bool("stratify")
          .setLabel("Keep class balance")
          .setHelp(
              "Give every part the same mix of answers (labels) as the whole data, so a rare "
                  + "class is not missing from the test part by bad luck.")
          .optDefault(true)
          .build();

  /** Whether to keep rows of one id together. */
  public static final Param<Boolean> BY_GROUP =
      Param.bool("keepIdsTogether")
          .setLabel("Keep ids together")
          .setHelp(
              "When a column is marked as id (such as a patient or customer), all its rows go "
                  + "to the same part. Otherwise the model can be tested on someone it has already "
                  + "seen, and the score looks better than it is.")
          .optDefault(true)
          .optAdvanced(true)
          .build();

  /** The random seed. */
  public static final Param<Integer> SEED =
      Param.integer("seed")
          .setLabel("Seed")
          .setHelp("Any whole number. The same seed gives the same split every time.")
          .optDefault(1)
          .optAdvanced(true)
          .build();

  private static Param<Double> share(String name, String label, double value, String help) {
    return Param.number(name)
        .setLabel(label)
        .setHelp(help)
        .optDefault(value)
        .optRange(0.0, 1.0)
        .build();
  }

  private static final NodeSpec SPEC =
      NodeSpec.builder("prepare.split")
          .setDisplayName("Split")
          .setCategory(Category.PREPARE)
          .setSummary("Divide examples into training, validation and test parts.")
          .setWhatItDoes(
              "Shuffles the examples and deals them into three parts by the shares you "
                  + "set, keeping the mix of labels the same in every part.")
          .optWhyItMatters(
              "A model must be scored on examples it never learned from; otherwise "
                  + "you measure its memory, not its skill.")
          .optWatchOutFor(
              "Look at the test part only once, at the end. Tuning settings until the "
                  + "test score looks good quietly turns it into training data.")
          .addInput(DATA)
          .addOutput(TRAIN)
          .addOutput(VALIDATION)
          .addOutput(TEST)
          .addParam(TRAIN_SHARE)
          .addParam(VALIDATION_SHARE)
          .addParam(TEST_SHARE)
          .addParam(STRATIFY)
          .addParam(BY_GROUP)
          .addParam(SEED)
          .build();

  @Override
  public NodeSpec spec() {
    return SPEC;
  }

  @Override
  public Map<String, PortType> inferOutputs(Map<String, PortType> inputTypes, Params params) {
    PortType in = inputTypes.getOrDefault(DATA.name(), PortType.DATA);
    return Map.of(TRAIN.name(), in, VALIDATION.name(), in, TEST.name(), in);
  }

  @Override
  public List<ParamProblem> checkParams(Params params, Path baseDir) {
    double sum = shares(params)[0] + shares(params)[1] + shares(params)[2];
    if (sum > 1 + 1e-9) {
      return List.of(
          new ParamProblem(
              TEST_SHARE.name(),
              String.format(
                  java.util.Locale.ROOT,
                  "The shares add up to %.0f %%, more than all the data.",
                  sum * 100),
              "Lower one of the shares so that they add up to 100 % or less."));
    }
    if (shares(params)[0] <= 0) {
      return List.of(
          new ParamProblem(
              TRAIN_SHARE.name(),
              "The training share is 0.",
              "Give the training part a share above 0, for example 0.7."));
    }
    return List.of();
  }

  private static double[] shares(Params p) {
    return new double[] {p.get(TRAIN_SHARE), p.get(VALIDATION_SHARE), p.get(TEST_SHARE)};
  }

  @Override
  public Map<String, Object> execute(Inputs inputs, Params params, NodeContext ctx)
      throws NodeException {
    Dataset data = inputs.get(DATA);
    List<ParamProblem> problems = checkParams(params, ctx.baseDir());
    if (!problems.isEmpty()) {
      throw NodeException.atParam(
          ctx.nodeId(), problems.get(0).param(), problems.get(0).message(), problems.get(0).fix());
    }
    if (data.size() == 0) {
      throw NodeException.atPort(
          ctx.nodeId(),
          DATA.name(),
          "The data has no rows to split.",
          "Check the block before Split: it produced no rows.");
    }
    ctx.checkCancelled();
    boolean classes = Splitter.looksLikeClasses(data);
    boolean stratify = params.get(STRATIFY) && classes;
    if (params.get(STRATIFY) && !classes) {
      ctx.log(
          "The label has many different values (a number to predict, not classes), so the "
              + "examples are dealt at random instead of keeping class balance.");
    }
    int[][] parts =
        Splitter.split(data, shares(params), stratify, params.get(BY_GROUP), params.get(SEED));
    Outputs out = Outputs.builder();
    List<Port<Dataset>> ports = List.of(TRAIN, VALIDATION, TEST);
    for (int i = 0; i < 3; i++) {
      Dataset part = data.subset(parts[i]);
      out.put(ports.get(i), part);
      ctx.log(
          ports.get(i).name()
              + ": "
              + (classes
                  ? Splitter.describeBalance(part)
                  : String.format("%,d rows", part.size())));
    }
    ctx.progress(1, null);
    return out.build();
  }
}
