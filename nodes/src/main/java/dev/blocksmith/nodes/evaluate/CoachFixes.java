package dev.blocksmith.nodes.evaluate;

import dev.blocksmith.engine.model.TrainedModel;
import dev.blocksmith.engine.value.Curve;
import dev.blocksmith.engine.value.Dataset;
import dev.blocksmith.engine.value.Finding;
import dev.blocksmith.engine.value.Fix;
import dev.blocksmith.engine.value.Report.ClassScores;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Runs the coach's rules for one evaluated model and gives every finding one concrete change. The
 * rules live in their own classes ({@link Coach} for curves and scores, {@link LeakageRule}, {@link
 * DataSizeRule}, {@link ImbalanceRule}, {@link StoppedEarlyRule}); this class only joins them and
 * attaches changes to the findings that came without one.
 */
final class CoachFixes {
  private CoachFixes() {}

  /**
   * Returns the findings of all rules, each with a fix.
   *
   * @param train the training part when it is connected, else null
   * @param test the scored examples
   */
  static List<Finding> findings(
      TrainedModel model,
      Map<String, Double> metrics,
      List<ClassScores> perClass,
      int rows,
      Dataset train,
      Dataset test) {
    List<Finding> out = new ArrayList<>();
    out.addAll(LeakageRule.columns(model.preprocessing(), train != null ? train : test));
    out.addAll(LeakageRule.shared(train, test));
    out.addAll(DataSizeRule.check(model, train));
    List<Finding> misleading = ImbalanceRule.check(metrics, perClass);
    out.addAll(misleading);
    out.addAll(StoppedEarlyRule.check(model));
    for (Finding f : Coach.findings(model, metrics, perClass, rows)) {
      if (!misleading.isEmpty() && f.title().equals("The classes are imbalanced")) {
        continue;
      }
      out.add(f);
    }
    return out.stream()
        .map(f -> f.fix() != null ? f : f.withFix(fixFor(f, model)))
        .map(f -> f.withFix(underAutomatic(f.fix(), model)))
        .toList();
  }

  /** Train settings that the Automatic model choice picks itself (so a change to one is lost). */
  static final java.util.Set<String> CHOSEN_BY_AUTOMATIC =
      java.util.Set.of(
          "hiddenSizes",
          "epochs",
          "learningRate",
          "batchSize",
          "optimizer",
          "patience",
          "dropout",
          "weightDecay");

  private static final java.util.regex.Pattern KEPT =
      java.util.regex.Pattern.compile(
          "Kept the .*?learning rate ([0-9.eE+-]+), weight decay ([0-9.eE+-]+)");

  /**
   * A change to a Train setting that Automatic picks itself would do nothing on a model Automatic
   * chose; such a change instead switches Train to the model Automatic kept (its type, hidden
   * layers, dropout, learning rate, weight decay and epochs) with the one change on top, so the
   * click does what it says.
   */
  static Fix underAutomatic(Fix fix, TrainedModel model) {
    String settings =
        model == null || model.provenance() == null ? null : model.provenance().settings();
    if (fix == null
        || !fix.setsParam()
        || fix.insert() != null
        || !"train.train".equals(fix.block())
        || !CHOSEN_BY_AUTOMATIC.contains(fix.param())
        || settings == null
        || !settings.startsWith("Automatic model choice")) {
      return fix;
    }
    boolean linear = model.arch().hidden().isEmpty();
    Fix out =
        fix.and("architecture", linear ? "\"linear\"" : "\"mlp\"")
            .and("hiddenSizes", model.arch().hidden().toString().replace(" ", ""))
            .and("dropout", Double.toString(model.arch().dropout()));
    java.util.regex.Matcher m = KEPT.matcher(settings);
    if (m.find()) {
      out = out.and("learningRate", m.group(1)).and("weightDecay", m.group(2));
    }
    int epochs = model.provenance().epochsRun();
    if (epochs > 0) {
      out = out.and("epochs", Integer.toString(epochs));
    }
    return out.withInstruction(
        "Train: use the "
            + (linear ? "linear model" : "network")
            + " Automatic chose, and "
            + fix.instruction().replaceFirst(" in Train$", ""));
  }

  /** Returns the change for a finding of {@link Coach}, by its title. */
  static Fix fixFor(Finding f, TrainedModel model) {
    int epochs = model.curve("train loss").map(Curve::values).map(List::size).orElse(0);
    int more = Math.max(20, 2 * epochs);
    return switch (f.title()) {
      case "The model is overfitting" ->
          model.arch().dropout() < 0.2
              ? Fix.set("train.train", "dropout", "0.2", "add dropout 0.2 in Train")
              : Fix.set("train.train", "patience", "3", "stop earlier: patience 3 in Train");
      case "The model is underfitting", "The predictions explain little" ->
          Fix.set("train.train", "epochs", Integer.toString(more), "train for " + more + " epochs");
      case "Few examples were scored" ->
          Fix.set(
              "prepare.split", "testShare", "0.3", "keep 30 % of the data for the test in Split");
      case "Strong result" ->
          Fix.set(
              "train.train", "hiddenSizes", "[16]", "try a smaller model: one hidden layer of 16");
      default -> Fix.instruction(f.suggestion());
    };
  }
}
