package dev.blocksmith.nodes.evaluate;

import dev.blocksmith.engine.model.TrainedModel;
import dev.blocksmith.engine.value.Curve;
import dev.blocksmith.engine.value.Finding;
import dev.blocksmith.engine.value.Finding.Level;
import dev.blocksmith.engine.value.Report.ClassScores;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/** Reads a model's curves and scores and writes plain-language findings with a suggestion. */
final class Coach {
  private Coach() {}

  /** Returns the findings for one evaluated model. */
  static List<Finding> findings(
      TrainedModel model, Map<String, Double> metrics, List<ClassScores> perClass, int rows) {
    List<Finding> out = new ArrayList<>();
    Double trainAcc = last(model, "train accuracy");
    Double valAcc = last(model, "validation accuracy");
    Double accuracy = metrics.get("accuracy");
    List<Finding> divergence = DivergenceRule.check(model);
    out.addAll(divergence);
    if (trainAcc != null && valAcc != null && trainAcc - valAcc > 0.10) {
      out.add(
          new Finding(
              Level.WARNING,
              "The model is overfitting",
              String.format(
                  Locale.ROOT,
                  "It scores %.0f %% on the examples it learned from but only "
                      + "%.0f %% on the validation examples: it memorises instead of generalising.",
                  trainAcc * 100,
                  valAcc * 100),
              "Get more training data, use a smaller model or fewer epochs, or add dropout "
                  + "(0.2 is a good start)."));
    }
    if (divergence.isEmpty()
        && accuracy != null
        && accuracy < 0.7
        && (trainAcc == null || trainAcc < 0.75)) {
      out.add(
          new Finding(
              Level.WARNING,
              "The model is underfitting",
              String.format(
                  Locale.ROOT,
                  "It is right only %.0f %% of the time here%s: it has not "
                      + "learned the pattern yet.",
                  accuracy * 100,
                  trainAcc == null
                      ? ""
                      : String.format(
                          Locale.ROOT, " and %.0f %% on its own training data", trainAcc * 100)),
              "Train for more epochs, use a bigger model (more or wider hidden layers), or try a "
                  + "higher learning rate."));
    }
    Double r2 = metrics.get("r2");
    if (divergence.isEmpty() && r2 != null && r2 < 0.3) {
      out.add(
          new Finding(
              Level.WARNING,
              "The predictions explain little",
              String.format(
                  Locale.ROOT,
                  "R² is %.2f: the model barely beats always guessing the " + "average.",
                  r2),
              "Train longer or with a bigger model, or check that the features relate to the target."));
    }
    int most = perClass.stream().mapToInt(ClassScores::support).max().orElse(0);
    int least = perClass.stream().mapToInt(ClassScores::support).filter(s -> s > 0).min().orElse(0);
    if (least > 0 && most >= 3 * least) {
      ClassScores rare =
          perClass.stream().filter(s -> s.support() == least).findFirst().orElseThrow();
      out.add(
          new Finding(
              Level.INFO,
              "The classes are imbalanced",
              String.format(
                  Locale.ROOT,
                  "The most common class has %d examples, \"%s\" only %d. "
                      + "Accuracy can look good while the rare class is missed (its recall is %.0f %%).",
                  most,
                  rare.name(),
                  least,
                  rare.recall() * 100),
              "Look at per-class recall and F1 rather than accuracy; collect more examples of the "
                  + "rare class."));
    }
    out.addAll(UncertaintyRule.check(metrics, rows));
    if (out.isEmpty() && accuracy != null && accuracy >= 0.9) {
      out.add(
          new Finding(
              Level.GOOD,
              "Strong result",
              String.format(
                  Locale.ROOT,
                  "Right %.1f %% of the time on examples it never trained " + "on.",
                  accuracy * 100),
              "Try it on new data, or compare with a smaller model: simpler is easier to trust."));
    }
    return out;
  }

  private static Double last(TrainedModel model, String curve) {
    return model
        .curve(curve)
        .map(Curve::values)
        .filter(v -> !v.isEmpty())
        .map(v -> v.get(Math.max(1, Math.min(v.size(), model.provenance().bestEpoch())) - 1))
        .orElse(null);
  }
}
