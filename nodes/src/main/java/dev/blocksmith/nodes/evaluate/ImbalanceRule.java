package dev.blocksmith.nodes.evaluate;

import dev.blocksmith.engine.value.Finding;
import dev.blocksmith.engine.value.Finding.Level;
import dev.blocksmith.engine.value.Fix;
import dev.blocksmith.engine.value.Report.ClassScores;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Coach rule: accuracy that looks good only because one class is common. The model barely beats
 * always giving the most common answer, or it misses most of a rare class.
 */
final class ImbalanceRule {
  /** Share of the most common class from which accuracy can mislead. */
  static final double MAJORITY = 0.75;

  private ImbalanceRule() {}

  /** Returns a finding when accuracy misleads; fixes by balancing the classes before Split. */
  static List<Finding> check(Map<String, Double> metrics, List<ClassScores> perClass) {
    Double accuracy = metrics.get("accuracy");
    int total = perClass.stream().mapToInt(ClassScores::support).sum();
    if (accuracy == null || total == 0 || perClass.size() < 2) {
      return List.of();
    }
    ClassScores common =
        perClass.stream().max((a, b) -> Integer.compare(a.support(), b.support())).orElseThrow();
    double share = common.support() / (double) total;
    ClassScores worst =
        perClass.stream()
            .filter(c -> c.support() > 0 && c != common)
            .min((a, b) -> Double.compare(a.recall(), b.recall()))
            .orElse(null);
    if (share < MAJORITY || worst == null || accuracy - share >= 0.05 && worst.recall() >= 0.5) {
      return List.of();
    }
    int rare = perClass.stream().mapToInt(ClassScores::support).filter(s -> s > 0).min().orElse(1);
    return List.of(
        new Finding(
            Level.WARNING,
            "Accuracy is misleading here",
            String.format(
                Locale.ROOT,
                "Accuracy is %.0f %%, but always answering \"%s\" would "
                    + "score %.0f %%. The model finds only %.0f %% of \"%s\".",
                accuracy * 100,
                common.name(),
                share * 100,
                worst.recall() * 100,
                worst.name()),
            "Judge it by the recall of the rare class and macro F1, and train on balanced classes.",
            new Fix(
                "prepare.split",
                "perClass",
                Integer.toString(Math.max(1, rare * 4)),
                "prepare.filter-classes",
                "keep at most "
                    + rare * 4
                    + " examples of each class "
                    + "(Keep classes) before Split, so the classes are balanced")));
  }
}
