package dev.blocksmith.nodes.evaluate;

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
import dev.blocksmith.engine.spi.Param;
import dev.blocksmith.engine.spi.Params;
import dev.blocksmith.engine.spi.Port;
import dev.blocksmith.engine.spi.PortType;
import dev.blocksmith.engine.value.Chart;
import dev.blocksmith.engine.value.Dataset;
import dev.blocksmith.engine.value.Finding;
import dev.blocksmith.engine.value.NumberColumn;
import dev.blocksmith.engine.value.Report;
import dev.blocksmith.engine.value.Report.ClassScores;
import dev.blocksmith.engine.value.Table;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * The "Evaluate" block: scores a model on examples with known answers and writes a report with
 * metrics, a confusion matrix, the training curves and the coach's findings; with a second model it
 * reports both side by side.
 */
public final class Evaluate implements NodeType {
  /** How many examples are scored at once. */
  public static final Param<Integer> BATCH_SIZE =
      Param.integer("batchSize")
          .setLabel("Batch size")
          .setHelp(
              "How many examples the model scores at once. Larger is a little faster and "
                  + "uses more memory; the scores are the same.")
          .optDefault(256)
          .optRange(1, 65_536)
          .optAdvanced(true)
          .build();

  /** The model to score. */
  public static final Port<TrainedModel> MODEL =
      Port.of("model", PortType.MODEL, TrainedModel.class, "Model", "The trained model to score.");

  /** The examples to score it on. */
  public static final Port<Dataset> DATA =
      Port.of(
          "data",
          PortType.DATA,
          Dataset.class,
          "Data",
          "Examples with known answers that the model did not train on, usually the test part.");

  /** A second model to compare with. */
  public static final Port<TrainedModel> COMPARE =
      Port.optional(
          "compare",
          PortType.MODEL,
          TrainedModel.class,
          "Compare with",
          "Optional second model scored on the same examples, shown side by side.");

  /** The training part, for the coach's leakage and data-size checks. */
  public static final Port<Dataset> TRAIN =
      Port.optional(
          "train",
          PortType.DATA,
          Dataset.class,
          "Training part",
          "Optional: the examples the model learned from. With it, the coach also checks for "
              + "examples shared with the test part and for too little data for the model.");

  /** The examples the model got wrong. */
  public static final Port<Table> MISTAKES =
      Port.of(
          "mistakes",
          PortType.TABLE,
          Table.class,
          "Mistakes",
          "The examples the model got wrong, with its answer and how sure it was (for numbers: "
              + "the 50 examples with the largest errors). Show it or save it as CSV.");

  /** The report. */
  public static final Port<Report> REPORT =
      Port.of(
          "report",
          PortType.REPORT,
          Report.class,
          "Report",
          "Scores, confusion matrix, training curves and plain-language findings.");

  private static final NodeSpec SPEC =
      NodeSpec.builder("evaluate.evaluate")
          .setDisplayName("Evaluate")
          .setCategory(Category.EVALUATE)
          .setSummary("Score a model on examples it has not seen.")
          .setWhatItDoes(
              "Lets the model predict every example, compares with the known answers and "
                  + "reports accuracy, precision, recall and F1 per class and a confusion matrix (or, "
                  + "for numbers, the typical error and R²), with findings such as overfitting. When "
                  + "the examples have a group column (a sensitive attribute), it also compares the "
                  + "groups: accuracy and how often each gets the positive answer, from the model and "
                  + "in the past data.")
          .optWhyItMatters(
              "Only a score on unseen examples tells you how the model will do on " + "new data.")
          .optWatchOutFor(
              "Scoring on the training part flatters the model. With imbalanced "
                  + "classes, accuracy hides a missed rare class: read the per-class recall.")
          .addInput(MODEL)
          .addInput(DATA)
          .addInput(COMPARE)
          .addInput(TRAIN)
          .addOutput(REPORT)
          .addOutput(MISTAKES)
          .addParam(BATCH_SIZE)
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
    Dataset train = inputs.optional(TRAIN).orElse(null);
    Scored scored = score(model, data, train, MODEL.name(), params.get(BATCH_SIZE), ctx);
    Report main = scored.report();
    TrainedModel other = inputs.optional(COMPARE).orElse(null);
    if (other == null) {
      return Outputs.builder().put(REPORT, main).put(MISTAKES, scored.mistakes()).build();
    }
    Report second = score(other, data, train, COMPARE.name(), params.get(BATCH_SIZE), ctx).report();
    List<Finding> findings = new ArrayList<>(main.findings());
    String key = main.metrics().containsKey("accuracy") ? "accuracy" : "r2";
    double a = main.metrics().getOrDefault(key, Double.NaN);
    double b = second.metrics().getOrDefault(key, Double.NaN);
    findings.add(
        0,
        new Finding(
            Finding.Level.INFO,
            "Comparison",
            String.format(
                Locale.ROOT, "On %s, the first model scores %.3f and the second %.3f.", key, a, b),
            a >= b ? "The first model is at least as good." : "The second model is better here.",
            dev.blocksmith.engine.value.Fix.instruction(
                a >= b ? "keep the first model" : "use the second model")));
    Report both =
        new Report(
            "Comparison",
            main.task(),
            main.metrics(),
            main.classNames(),
            main.confusion(),
            main.perClass(),
            main.curves(),
            findings,
            List.of(main, second));
    return Outputs.builder().put(REPORT, both).put(MISTAKES, scored.mistakes()).build();
  }

  /** Returns the coach's findings after the plain-words reading of the scores. */
  private static List<Finding> withPlainWords(Finding words, List<Finding> coach) {
    List<Finding> out = new ArrayList<>(coach);
    out.add(words);
    return out;
  }

  /** A report and the mistakes behind it. */
  private record Scored(Report report, Table mistakes) {}

  private static Scored score(
      TrainedModel model, Dataset data, Dataset train, String port, int batch, NodeContext ctx)
      throws NodeException {
    Preprocessing pre = model.preprocessing();
    Preprocessing.Encoded e;
    try {
      e = pre.transform(data);
    } catch (IllegalArgumentException ex) {
      throw NodeException.atPort(
          ctx.nodeId(),
          DATA.name(),
          ex.getMessage(),
          "Score the model on data shaped like its training data.");
    }
    float[] allLabels = e.labels();
    int[] rows = labelledRows(allLabels);
    if (e.unlabelled() > 0) {
      ctx.log(
          "Skipped "
              + e.unlabelled()
              + " examples without a known answer (or with a class "
              + "the model never saw).");
      e = e.labelledOnly();
    }
    if (e.rows() == 0) {
      throw NodeException.atPort(
          ctx.nodeId(),
          DATA.name(),
          "None of the examples has an answer the model knows, so nothing can be scored.",
          "Connect examples with the label column \"" + pre.labelColumn() + "\" filled in.");
    }
    float[] out = recalledScores(ctx, port, e.rows() * model.arch().outputs());
    if (out == null) {
      try {
        out = Inference.outputs(model, e, ctx, batch);
      } catch (IncompatibleModelException ex) {
        throw NodeException.atPort(
            ctx.nodeId(),
            port,
            ex.getMessage(),
            "Train the model again, or connect the model file it came with.");
      }
      double[] keep = new double[out.length];
      for (int i = 0; i < out.length; i++) {
        keep[i] = out[i];
      }
      ctx.keep(
          SCORES + port,
          Table.of(List.of(NumberColumn.wrap("score", keep))),
          port.equals(COMPARE.name()) ? COMPARE : MODEL,
          DATA);
    } else {
      ctx.log("Scores reused from an earlier run: the same model on the same examples.");
    }
    String title =
        String.format(Locale.ROOT, "%s on %,d examples", model.arch().describe(), e.rows());
    if (pre.task() == ArchSpec.Task.REGRESSION) {
      double[] truth = new double[e.rows()];
      double[] predicted = new double[e.rows()];
      for (int i = 0; i < truth.length; i++) {
        truth[i] = pre.rawLabel(e.labels()[i]);
        predicted[i] = pre.rawLabel(out[i]);
      }
      Map<String, Double> metrics =
          ScoreRanges.withRegressionRanges(Scores.regression(truth, predicted), truth, predicted);
      ctx.log(
          String.format(
              Locale.ROOT,
              "%s: typical error %.4g, R² %.3f",
              title,
              metrics.get("mae"),
              metrics.get("r2")));
      Report report =
          new Report(
              title,
              "regression",
              metrics,
              List.of(),
              null,
              List.of(),
              model.history(),
              withPlainWords(
                  PlainWords.regression(metrics, pre.labelColumn(), truth),
                  CoachFixes.findings(model, metrics, List.of(), e.rows(), train, data)),
              List.of());
      Table worst =
          data instanceof Table t
              ? Mistakes.largestErrors(t, rows, truth, predicted, 50)
              : Table.of(List.of());
      return new Scored(report, worst);
    }
    int classes = pre.classNames().size();
    int[] truth = new int[e.rows()];
    for (int i = 0; i < truth.length; i++) {
      truth[i] = (int) e.labels()[i];
    }
    int[] predicted = Inference.argMax(out, classes);
    double[] confidence = new double[truth.length];
    for (int i = 0; i < truth.length; i++) {
      confidence[i] = Occlusion.probability(out, i, classes, predicted[i]);
    }
    int[][] confusion = Scores.confusion(truth, predicted, classes);
    List<ClassScores> perClass = Scores.perClass(confusion, pre.classNames());
    Map<String, Double> metrics =
        ScoreRanges.withAccuracyRange(Scores.classification(confusion, perClass), e.rows());
    ctx.log(
        String.format(
            Locale.ROOT,
            "%s: accuracy %.1f %%, macro F1 %.3f",
            title,
            metrics.get("accuracy") * 100,
            metrics.get("macro F1")));
    List<Finding> findings =
        new ArrayList<>(CoachFixes.findings(model, metrics, perClass, e.rows(), train, data));
    Optional<GroupScores.Result> groups =
        GroupScores.of(data, allLabels, predicted, pre.classNames());
    if (groups.isPresent()) {
      metrics = new LinkedHashMap<>(metrics);
      metrics.putAll(groups.get().metrics());
      findings.addAll(
          0,
          groups.get().findings().stream()
              .map(f -> f.fix() != null ? f : f.withFix(CoachFixes.fixFor(f, model)))
              .toList());
      groups.get().findings().forEach(f -> ctx.log(f.title() + ": " + f.message()));
    }
    Report.Binary binary = null;
    List<Chart> charts = List.of();
    if (classes == 2) {
      int pos = TwoClass.positiveIndex(pre.classNames());
      double[] p = new double[truth.length];
      boolean[] actual = new boolean[truth.length];
      for (int i = 0; i < truth.length; i++) {
        p[i] = Occlusion.probability(out, i, classes, pos);
        actual[i] = truth[i] == pos;
      }
      binary = TwoClass.of(pre.classNames().get(pos), pre.classNames().get(1 - pos), p, actual);
      metrics = new LinkedHashMap<>(metrics);
      metrics.put("ROC AUC", binary.rocAuc());
      metrics.put("PR AUC", binary.prAuc());
      charts = TwoClass.charts(binary);
    }
    Report report =
        new Report(
                title,
                "classification",
                metrics,
                pre.classNames(),
                confusion,
                perClass,
                model.history(),
                findings,
                List.of())
            .with(
                charts,
                Mistakes.examples(data, rows, truth, predicted, confidence, classes),
                binary);
    return new Scored(
        report, Mistakes.table(data, rows, truth, predicted, confidence, pre.classNames()));
  }

  /** What the model's raw scores are kept under (plus the port's name). */
  private static final String SCORES = "scores of ";

  /**
   * Returns the raw scores kept by an earlier run of this block for the same model and examples
   * (they do not depend on the batch size or on anything the report shows), or null.
   */
  private static float[] recalledScores(NodeContext ctx, String port, int expected) {
    Optional<Table> kept =
        ctx.recall(SCORES + port, Table.class, port.equals(COMPARE.name()) ? COMPARE : MODEL, DATA);
    if (kept.isEmpty()
        || kept.get().columns().size() != 1
        || !(kept.get().columns().get(0) instanceof NumberColumn scores)
        || scores.size() != expected) {
      return null;
    }
    float[] out = new float[expected];
    for (int i = 0; i < expected; i++) {
      out[i] = (float) scores.get(i);
    }
    return out;
  }

  private static int[] labelledRows(float[] labels) {
    int n = 0;
    for (float l : labels) {
      n += Float.isNaN(l) ? 0 : 1;
    }
    int[] rows = new int[n];
    int k = 0;
    for (int i = 0; i < labels.length; i++) {
      if (!Float.isNaN(labels[i])) {
        rows[k++] = i;
      }
    }
    return rows;
  }
}
