package dev.blocksmith.nodes.train;

import com.fasterxml.jackson.databind.JsonNode;
import dev.blocksmith.engine.model.TrainedModel;
import dev.blocksmith.engine.value.Curve;
import dev.blocksmith.engine.value.Finding;
import dev.blocksmith.engine.value.Report;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * One finished trial of a {@link Sweep}: its settings, its model and its score, which is the
 * validation accuracy at the kept epoch for classes and the lowest validation loss for numbers
 * (training values when there is no validation part).
 *
 * @param index the trial's place in the plan, from 0
 * @param changed the settings this trial varies
 * @param loss the lowest monitored loss (validation, else training)
 * @param accuracy the accuracy at that epoch, NaN for regression
 * @param model the trained model
 */
public record SweepTrial(
    int index, Map<String, JsonNode> changed, double loss, double accuracy, TrainedModel model) {

  /** Scores a trained model. */
  public static SweepTrial of(int index, Map<String, JsonNode> changed, TrainedModel model) {
    String prefix = model.curve("validation loss").isPresent() ? "validation " : "train ";
    List<Double> losses = model.curve(prefix + "loss").map(Curve::values).orElse(List.of());
    int best = 0;
    for (int i = 1; i < losses.size(); i++) {
      if (losses.get(i) < losses.get(best)) {
        best = i;
      }
    }
    double loss = losses.isEmpty() ? Double.NaN : losses.get(best);
    List<Double> acc = model.curve(prefix + "accuracy").map(Curve::values).orElse(List.of());
    double accuracy = best < acc.size() ? acc.get(best) : Double.NaN;
    return new SweepTrial(index, Map.copyOf(new LinkedHashMap<>(changed)), loss, accuracy, model);
  }

  /** Returns whether this trial is scored by accuracy (classes) rather than loss. */
  public boolean byAccuracy() {
    return !Double.isNaN(accuracy);
  }

  /** Orders trials best first: higher accuracy, then lower loss, then earlier trial. */
  public static final Comparator<SweepTrial> BEST_FIRST =
      Comparator.comparingDouble((SweepTrial t) -> t.byAccuracy() ? -t.accuracy : 0)
          .thenComparingDouble(t -> Double.isNaN(t.loss) ? Double.MAX_VALUE : t.loss)
          .thenComparingInt(SweepTrial::index);

  /** Returns the best of the trials. */
  public static SweepTrial best(List<SweepTrial> trials) {
    return trials.stream().min(BEST_FIRST).orElseThrow();
  }

  /** Returns "validation accuracy 97.3 %, loss 0.0812". */
  public String scoreText() {
    return (byAccuracy() ? String.format(Locale.ROOT, "accuracy %.1f %%, ", accuracy * 100) : "")
        + String.format(Locale.ROOT, "loss %.4g", loss);
  }

  /**
   * Returns the comparison report: one finding per trial, best first, the best trial's scores as
   * metrics, and each trial's validation loss curve.
   *
   * @param how where the trials ran, in words
   */
  public static Report comparison(List<SweepTrial> trials, String how) {
    List<SweepTrial> sorted = new ArrayList<>(trials);
    sorted.sort(BEST_FIRST);
    SweepTrial best = sorted.get(0);
    Map<String, Double> metrics = new LinkedHashMap<>();
    metrics.put("trials", (double) trials.size());
    metrics.put("best trial", (double) best.index() + 1);
    if (best.byAccuracy()) {
      metrics.put("best accuracy", best.accuracy());
    }
    metrics.put("best loss", best.loss());
    List<Finding> findings = new ArrayList<>();
    for (SweepTrial t : sorted) {
      findings.add(
          new Finding(
              t == best ? Finding.Level.GOOD : Finding.Level.INFO,
              "Trial " + (t.index() + 1) + (t == best ? " (best)" : ""),
              SweepPlan.describe(t.changed()) + ": " + t.scoreText() + ".",
              ""));
    }
    List<Curve> curves = new ArrayList<>();
    for (SweepTrial t : trials) {
      t.model()
          .curve("validation loss")
          .or(() -> t.model().curve("train loss"))
          .ifPresent(c -> curves.add(new Curve("trial " + (t.index() + 1) + " loss", c.values())));
    }
    findings.add(
        new Finding(
            Finding.Level.INFO,
            "How the trials ran",
            trials.size() + " trials ran " + how + ", each on the same data and seed.",
            ""));
    return new Report(
        "Sweep: " + trials.size() + " trials",
        best.byAccuracy() ? "classification" : "regression",
        metrics,
        List.of(),
        null,
        List.of(),
        curves,
        findings,
        List.of());
  }
}
