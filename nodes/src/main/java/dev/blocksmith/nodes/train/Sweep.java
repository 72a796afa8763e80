package dev.blocksmith.nodes.train;

import com.fasterxml.jackson.databind.JsonNode;
import dev.blocksmith.engine.model.TrainedModel;
import dev.blocksmith.engine.spi.Category;
import dev.blocksmith.engine.spi.Estimable;
import dev.blocksmith.engine.spi.Estimate;
import dev.blocksmith.engine.spi.ForwardingContext;
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
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The "Sweep" block: trains the same model with several settings, one trial after another (or as
 * Spark tasks with the Spark runner), and keeps the best one by its validation score.
 */
public final class Sweep implements NodeType, Estimable {
  private static final Train TRAIN_BLOCK = new Train();
  private static final com.fasterxml.jackson.databind.ObjectMapper JSON =
      new com.fasterxml.jackson.databind.ObjectMapper();

  // Train's settings, the base of every trial (the grid overrides some of them).
  private static final Param<String> LABEL = TrainParams.LABEL;
  private static final Param<String> ARCHITECTURE = TrainParams.ARCHITECTURE;
  private static final Param<List<Integer>> HIDDEN = TrainParams.HIDDEN;
  private static final Param<Integer> EPOCHS = TrainParams.EPOCHS;
  private static final Param<Double> LEARNING_RATE = TrainParams.LEARNING_RATE;
  private static final Param<Integer> BATCH_SIZE = TrainParams.BATCH_SIZE;
  private static final Param<String> OPTIMIZER = TrainParams.OPTIMIZER;
  private static final Param<Integer> PATIENCE = TrainParams.PATIENCE;
  private static final Param<Double> DROPOUT = TrainParams.DROPOUT;
  private static final Param<String> TASK = TrainParams.TASK;
  private static final List<Param<?>> TRAIN_PARAMS =
      List.of(
          LABEL,
          ARCHITECTURE,
          HIDDEN,
          EPOCHS,
          LEARNING_RATE,
          BATCH_SIZE,
          OPTIMIZER,
          PATIENCE,
          DROPOUT,
          TASK);

  /** The training part. */
  public static final Port<Dataset> TRAIN =
      Port.of(
          "train",
          PortType.DATA,
          Dataset.class,
          "Training data",
          "The examples every trial learns from.");

  /** The validation part. */
  public static final Port<Dataset> VALIDATION =
      Port.of(
          "validation",
          PortType.DATA,
          Dataset.class,
          "Validation data",
          "The examples that score each trial; the best score wins.");

  /** The best model. */
  public static final Port<TrainedModel> MODEL =
      Port.of(
          "model",
          PortType.MODEL,
          TrainedModel.class,
          "Best model",
          "The model of the trial with the best validation score.");

  /** The comparison. */
  public static final Port<Report> REPORT =
      Port.of(
          "report",
          PortType.REPORT,
          Report.class,
          "Comparison",
          "Every trial's settings and scores side by side, best first.");

  /** The settings to try. */
  public static final Param<String> GRID =
      Param.text("grid")
          .setLabel("Settings to try")
          .setHelp(
              "Each Train setting to vary, '=' and its values, separated by ';', for example: "
                  + "learningRate = 0.01, 0.001; hiddenSizes = [32], [64, 64]. Settings not listed keep "
                  + "the values below.")
          .optDefault("learningRate = 0.01, 0.001")
          .build();

  /** Grid or random search. */
  public static final Param<String> SEARCH =
      Param.choice("search")
          .setLabel("Search")
          .setHelp(
              "Grid tries every combination; random tries a random choice of them (faster when "
                  + "there are many).")
          .addChoice("grid", "Every combination (grid)")
          .addChoice("random", "A random choice (random search)")
          .optDefault("grid")
          .build();

  /** The most trials. */
  public static final Param<Integer> TRIALS =
      Param.integer("trials")
          .setLabel("Most trials")
          .setHelp("The largest number of trials to run; random search picks this many.")
          .optDefault(12)
          .optRange(1.0, 1000.0)
          .build();

  /** The seed of the random choice. */
  public static final Param<Integer> SEARCH_SEED =
      Param.integer("searchSeed")
          .setLabel("Search seed")
          .setHelp("Any whole number; the same seed picks the same random trials.")
          .optDefault(1)
          .optAdvanced(true)
          .build();

  private static final NodeSpec SPEC =
      spec(
          NodeSpec.builder("train.sweep")
              .setDisplayName("Sweep")
              .setCategory(Category.TRAIN)
              .setSummary("Train with several settings and keep the best model.")
              .setWhatItDoes(
                  "Runs Train once per combination of the settings you list (a trial), scores "
                      + "each trial on the validation part and outputs the best model with a comparison.")
              .optWhyItMatters(
                  "Good settings (learning rate, layer sizes) are found by trying; a sweep "
                      + "tries them fairly, on the same data and seed.")
              .optWatchOutFor(
                  "Each trial takes as long as one Train. Choosing by the validation score "
                      + "keeps the test part honest; with many trials the best validation score is a "
                      + "little optimistic.")
              .addInput(TRAIN)
              .addInput(VALIDATION)
              .addOutput(MODEL)
              .addOutput(REPORT)
              .addParam(GRID)
              .addParam(SEARCH)
              .addParam(TRIALS)
              .addParam(SEARCH_SEED));

  private static NodeSpec spec(NodeSpec.Builder b) {
    TRAIN_PARAMS.forEach(b::addParam);
    return b.optHeavy(true).build();
  }

  private static java.util.Set<String> trainNames() {
    var known = new java.util.LinkedHashSet<String>();
    TRAIN_PARAMS.forEach(p -> known.add(p.name()));
    return known;
  }

  @Override
  public NodeSpec spec() {
    return SPEC;
  }

  @Override
  public Map<String, PortType> inferOutputs(Map<String, PortType> inputTypes, Params params) {
    return Map.of(MODEL.name(), PortType.MODEL, REPORT.name(), PortType.REPORT);
  }

  @Override
  public List<ParamProblem> checkParams(Params params, Path baseDir) {
    try {
      plan(params);
      return List.of();
    } catch (IllegalArgumentException e) {
      return List.of(
          new ParamProblem(
              GRID.name(),
              e.getMessage(),
              "Write settings like: learningRate = 0.01, 0.001; hiddenSizes = [32], [64, 64]"));
    }
  }

  /**
   * Returns the full Train settings of every trial, in order.
   *
   * @throws IllegalArgumentException when the grid text cannot be read
   */
  public static List<Map<String, JsonNode>> plan(Params params) {
    var grid = SweepPlan.parse(params.get(GRID), trainNames());
    List<Map<String, JsonNode>> out = new ArrayList<>();
    for (Map<String, JsonNode> changed :
        SweepPlan.trials(
            grid,
            params.get(SEARCH).equals("random"),
            params.get(TRIALS),
            params.get(SEARCH_SEED))) {
      Map<String, JsonNode> full = new LinkedHashMap<>();
      for (Param<?> p : TRAIN_PARAMS) {
        full.put(p.name(), JSON.valueToTree(params.get(p)));
      }
      full.putAll(changed);
      out.add(full);
    }
    return out;
  }

  /** Returns the Train params of one trial's settings (what a Spark task trains with). */
  public static Params trainParams(Map<String, JsonNode> trial) {
    return Params.of(TRAIN_BLOCK.spec(), trial);
  }

  @Override
  public Map<String, Object> execute(Inputs inputs, Params params, NodeContext ctx)
      throws NodeException {
    List<Map<String, JsonNode>> trials;
    try {
      trials = plan(params);
    } catch (IllegalArgumentException e) {
      throw NodeException.atParam(
          ctx.nodeId(),
          GRID.name(),
          e.getMessage(),
          "Write settings like: learningRate = 0.01, 0.001; hiddenSizes = [32], [64, 64]");
    }
    Inputs trainInputs =
        new Inputs(
            ctx.nodeId(),
            Map.of(TRAIN.name(), inputs.get(TRAIN), VALIDATION.name(), inputs.get(VALIDATION)));
    List<SweepTrial> results = new ArrayList<>();
    for (int i = 0; i < trials.size(); i++) {
      ctx.checkCancelled();
      ctx.log(
          "Trial "
              + (i + 1)
              + " of "
              + trials.size()
              + ": "
              + SweepPlan.describe(changed(trials.get(i), params)));
      TrainedModel m =
          (TrainedModel)
              TRAIN_BLOCK
                  .execute(
                      trainInputs,
                      trainParams(trials.get(i)),
                      new TrialContext(ctx, i, trials.size()))
                  .get(MODEL.name());
      results.add(SweepTrial.of(i, changed(trials.get(i), params), m));
      ctx.log("Trial " + (i + 1) + ": " + results.get(i).scoreText());
    }
    SweepTrial best = SweepTrial.best(results);
    ctx.log(
        "Best: trial "
            + (best.index() + 1)
            + " ("
            + SweepPlan.describe(best.changed())
            + "), "
            + best.scoreText()
            + ".");
    return Outputs.builder()
        .put(MODEL, best.model())
        .put(REPORT, SweepTrial.comparison(results, "one after another on this machine"))
        .build();
  }

  @Override
  public Estimate estimate(Inputs inputs, Params params, NodeContext ctx, double probeSeconds)
      throws NodeException {
    List<Map<String, JsonNode>> trials;
    try {
      trials = plan(params);
    } catch (IllegalArgumentException e) {
      throw NodeException.atParam(ctx.nodeId(), GRID.name(), e.getMessage(), "");
    }
    Inputs trainInputs =
        new Inputs(
            ctx.nodeId(),
            Map.of(TRAIN.name(), inputs.get(TRAIN), VALIDATION.name(), inputs.get(VALIDATION)));
    double low = 0;
    double expected = 0;
    double high = 0;
    long steps = 0;
    int probed = 0;
    double probeTime = 0;
    Estimate largest = null;
    Estimate.Memory memory = null;
    List<String> notes = new ArrayList<>();
    notes.add(trials.size() + " trials, one after another.");
    for (int i = 0; i < trials.size(); i++) {
      Estimate e =
          TRAIN_BLOCK.estimate(
              trainInputs, trainParams(trials.get(i)), ctx, probeSeconds / trials.size());
      Estimate.Time t = e.time();
      low += t.low();
      expected += t.expected();
      high += t.high();
      steps += t.steps();
      probed += t.probeSteps();
      probeTime += t.probeSeconds();
      if (largest == null || e.parameters() > largest.parameters()) {
        largest = e;
      }
      if (memory == null || e.memory().total() > memory.total()) {
        memory = e.memory();
      }
      notes.add(
          "Trial "
              + (i + 1)
              + " ("
              + SweepPlan.describe(changed(trials.get(i), params))
              + "): "
              + e.model()
              + (t.measured()
                  ? ", "
                      + TrainEstimates.duration(t.low())
                      + " to "
                      + TrainEstimates.duration(t.high())
                  : ", not timed")
              + ".");
    }
    return new Estimate(
        ctx.nodeId(),
        trials.size() + " trials, up to " + largest.model(),
        largest.trainRows(),
        largest.validationRows(),
        largest.parameters(),
        largest.trainableParameters(),
        memory,
        Double.isFinite(expected)
            ? new Estimate.Time(
                low, expected, high, steps, largest.time().secondsPerStep(), probed, probeTime)
            : Estimate.Time.unknown(steps),
        notes,
        List.of());
  }

  /** Returns only the settings of a trial that the grid varies. */
  public static Map<String, JsonNode> changed(Map<String, JsonNode> trial, Params params) {
    Map<String, JsonNode> out = new LinkedHashMap<>();
    for (String k : SweepPlan.parse(params.get(GRID), trainNames()).keySet()) {
      out.put(k, trial.get(k));
    }
    return out;
  }

  /** One trial's view of the sweep's context: progress is scaled into the whole sweep. */
  private static final class TrialContext extends ForwardingContext {
    private final int index;
    private final int count;

    TrialContext(NodeContext ctx, int index, int count) {
      super(ctx);
      this.index = index;
      this.count = count;
    }

    @Override
    public void progress(double fraction, String message) {
      delegate()
          .progress(
              (index + Math.max(0, Math.min(1, fraction))) / count,
              "Trial " + (index + 1) + " of " + count);
    }

    @Override
    public void log(String message) {
      delegate().log("  " + message);
    }

    @Override
    public void metric(String name, int step, double value) {
      delegate().metric("trial " + (index + 1) + " " + name, step, value);
    }
  }
}
