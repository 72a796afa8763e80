package dev.blocksmith.nodes.train;

import dev.blocksmith.engine.djl.Inference;
import dev.blocksmith.engine.djl.TrainConfig;
import dev.blocksmith.engine.model.ArchSpec;
import dev.blocksmith.engine.model.IncompatibleModelException;
import dev.blocksmith.engine.model.Preprocessing;
import dev.blocksmith.engine.spi.NodeContext;
import dev.blocksmith.engine.spi.NodeException;
import dev.blocksmith.engine.spi.Params;
import dev.blocksmith.engine.value.Dataset;
import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import org.apache.commons.statistics.descriptive.DoubleStatistics;
import org.apache.commons.statistics.descriptive.Statistic;

/**
 * Stratified k-fold cross-validation of the settings Train chose, on the training part: each fold
 * in turn is held out, a model with the same settings (and the kept number of epochs) learns from
 * the other folds, and is scored on the held-out one. Every training example is scored once, so the
 * mean is steadier than one small test part, and the spread shows how much a score moves.
 */
final class CrossValidation {
  private CrossValidation() {}

  /**
   * Returns the line that reports the scores of the folds, after logging each fold.
   *
   * @param train the training part (raw, so that each fold fits its own preprocessing)
   * @param folds how many folds (at least 2)
   * @param chosen the model Train kept: its architecture and settings are reused
   */
  static String run(Dataset train, int folds, Fitting.Fitted chosen, Params params, NodeContext ctx)
      throws NodeException {
    int[] fold = assign(train, folds, ctx.seed());
    ArchSpec arch = chosen.model().arch();
    boolean regression = arch.task() == ArchSpec.Task.REGRESSION;
    TrainConfig c = chosen.config();
    TrainConfig fixed =
        new TrainConfig(
            Math.max(1, chosen.result().bestEpoch()),
            c.batchSize(),
            c.learningRate(),
            c.optimizer(),
            c.loss(),
            0,
            ctx.seed(),
            c.weightDecay(),
            0);
    double[] scores = new double[folds];
    for (int k = 0; k < folds; k++) {
      ctx.checkCancelled();
      Dataset fit = train.subset(rows(fold, k, false));
      Dataset held = train.subset(rows(fold, k, true));
      Preprocessing pre = Labels.fit(fit, params, ctx);
      Preprocessing.Encoded tr = Labels.encode(pre, fit, "train", ctx);
      Preprocessing.Encoded te = Labels.encode(pre, held, "train", ctx);
      ArchSpec foldArch =
          new ArchSpec(
              arch.version(),
              arch.kind(),
              pre.exampleShape(),
              arch.hidden(),
              arch.convChannels(),
              arch.dropout(),
              pre.outputs(),
              arch.task());
      Fitting.Fitted f = Fitting.fit(foldArch, pre, tr, null, fixed, null, ctx);
      double score = score(f, te, regression, ctx);
      scores[k] = score;
      ctx.metric(regression ? "cross-validation R²" : "cross-validation accuracy", k + 1, score);
    }
    String name = regression ? "R²" : "accuracy";
    DoubleStatistics stats =
        DoubleStatistics.of(EnumSet.of(Statistic.MEAN, Statistic.STANDARD_DEVIATION), scores);
    String values =
        String.join(
            ", ", java.util.Arrays.stream(scores).mapToObj(v -> format(v, regression)).toList());
    return String.format(
        Locale.ROOT,
        "Cross-validation (%d folds of the training part, stratified,"
            + " same settings): %s %s on average, spread (standard deviation) %s; folds: %s.",
        folds,
        name,
        format(stats.getAsDouble(Statistic.MEAN), regression),
        format(stats.getAsDouble(Statistic.STANDARD_DEVIATION), regression),
        values);
  }

  private static double score(
      Fitting.Fitted f, Preprocessing.Encoded te, boolean regression, NodeContext ctx)
      throws NodeException {
    float[] out;
    try {
      out = Inference.outputs(f.model(), te, ctx, 256);
    } catch (IncompatibleModelException e) {
      throw new IllegalStateException(e);
    }
    float[] y = te.labels();
    if (regression) {
      double mean = 0;
      for (float v : y) {
        mean += v / (double) y.length;
      }
      double sq = 0;
      double total = 0;
      for (int i = 0; i < y.length; i++) {
        sq += (y[i] - out[i]) * (double) (y[i] - out[i]);
        total += (y[i] - mean) * (y[i] - mean);
      }
      return total == 0 ? 0 : 1 - sq / total;
    }
    int[] predicted = Inference.argMax(out, f.model().arch().outputs());
    int right = 0;
    for (int i = 0; i < y.length; i++) {
      right += predicted[i] == (int) y[i] ? 1 : 0;
    }
    return (double) right / y.length;
  }

  /** Returns each row's fold: rows of each answer are shuffled and dealt in turn. */
  static int[] assign(Dataset data, int folds, long seed) {
    Map<String, List<Integer>> strata = new TreeMap<>();
    for (int r = 0; r < data.size(); r++) {
      strata.computeIfAbsent(String.valueOf(data.stratumOf(r)), s -> new ArrayList<>()).add(r);
    }
    if (strata.size() > Math.max(20, data.size() / 5)) {
      // A number to predict: one stratum, dealt at random.
      List<Integer> all = new ArrayList<>();
      strata.values().forEach(all::addAll);
      Collections.sort(all);
      strata = Map.of("", all);
    }
    Random random = new Random(seed);
    int[] fold = new int[data.size()];
    int next = 0;
    for (List<Integer> rows : strata.values()) {
      Collections.shuffle(rows, random);
      for (int r : rows) {
        fold[r] = next;
        next = (next + 1) % folds;
      }
    }
    return fold;
  }

  private static int[] rows(int[] fold, int k, boolean in) {
    return java.util.stream.IntStream.range(0, fold.length)
        .filter(r -> (fold[r] == k) == in)
        .toArray();
  }

  private static String format(double v, boolean regression) {
    return regression
        ? String.format(Locale.ROOT, "%.3f", v)
        : String.format(Locale.ROOT, "%.1f %%", v * 100);
  }
}
