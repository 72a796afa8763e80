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
    return out.stream().map(f -> f.fix() != null ? f : f.withFix(fixFor(f, model))).toList();
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
