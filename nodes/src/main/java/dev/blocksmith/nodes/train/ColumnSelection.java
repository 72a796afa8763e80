package dev.blocksmith.nodes.train;

import dev.blocksmith.engine.djl.Inference;
import dev.blocksmith.engine.model.Featurizer;
import dev.blocksmith.engine.model.IncompatibleModelException;
import dev.blocksmith.engine.model.Preprocessing;
import dev.blocksmith.engine.spi.NodeContext;
import dev.blocksmith.engine.spi.NodeException;
import dev.blocksmith.engine.value.Dataset;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Random;
import org.apache.commons.statistics.descriptive.DoubleStatistics;
import org.apache.commons.statistics.descriptive.Statistic;

/**
 * Leaving out columns in the cross-validated search ({@link CrossValidatedSearch}): each column's
 * permutation importance on the winner's held-out folds, the columns that did not help, and the
 * rows encoded again without them.
 */
final class ColumnSelection {
  private ColumnSelection() {}

  /**
   * Columns to try leaving out: their names, the preprocessing without them and the training and
   * validation rows encoded by it.
   */
  record Selection(
      List<String> names, Preprocessing pre, Preprocessing.Encoded tr, Preprocessing.Encoded va) {}

  /**
   * Returns the columns to try leaving out, or null when there are none (or only such columns):
   * with {@code strict}, those whose mean permutation importance is at most one standard error
   * (over the pooled rows) above 0; otherwise those whose importance is at most 0. {@code
   * importance[j][r]} is how much shuffling column {@code j} on the held-out fold grew the loss of
   * pooled row {@code r} ({@link #importance}). The preprocessing without them is fitted as if they
   * had been left out from the start ({@link Featurizer#without}: gaps are then filled from the
   * remaining columns only), and {@code train} and {@code validation} (raw) are encoded by it.
   */
  static Selection selection(
      double[][] importance, Preprocessing pre, boolean strict, Dataset train, Dataset validation) {
    List<Preprocessing.ColumnStep> steps = pre.steps();
    List<String> names = new ArrayList<>();
    int kept = 0;
    for (int j = 0; j < steps.size(); j++) {
      DoubleStatistics st =
          DoubleStatistics.of(
              EnumSet.of(Statistic.MEAN, Statistic.STANDARD_DEVIATION), importance[j]);
      double mean = st.getAsDouble(Statistic.MEAN);
      double se = st.getAsDouble(Statistic.STANDARD_DEVIATION) / Math.sqrt(importance[j].length);
      if (mean <= (strict ? se : 0)) {
        names.add(steps.get(j).column());
      } else {
        kept++;
      }
    }
    if (names.isEmpty() || kept == 0) {
      return null;
    }
    Preprocessing reduced = Featurizer.without(pre, train, names);
    return new Selection(
        names,
        reduced,
        reduced.transform(train).labelledOnly(),
        reduced.transform(validation).labelledOnly());
  }

  /**
   * Returns each column's permutation importance on the winner's held-out folds, row by row: for
   * every fold, each column's numbers are shuffled across the held-out rows (seeded) and the fold's
   * model predicts again; {@code [j][r]} is how much the loss of pooled row {@code r} grew
   * (cross-entropy, or squared error on the scaled target) when column {@code j} was shuffled.
   */
  static double[][] importance(
      CrossValidatedSearch.Score best,
      Preprocessing pre,
      Preprocessing.Encoded pool,
      int[] fold,
      boolean regression,
      NodeContext ctx)
      throws NodeException {
    List<Preprocessing.ColumnStep> steps = pre.steps();
    double[][] importance = new double[steps.size()][pool.rows()];
    int size = pool.exampleSize();
    for (int k = 0; k < best.foldModels().size(); k++) {
      Fitting.Fitted f = best.foldModels().get(k);
      if (f == null) {
        continue;
      }
      Preprocessing.Encoded held = CrossValidatedSearch.subset(pool, fold, k, true);
      int kk = k;
      int[] rowsOf =
          java.util.stream.IntStream.range(0, fold.length).filter(r -> fold[r] == kk).toArray();
      int n = held.rows();
      // One pass: the held-out rows as they are, then a copy with each column shuffled in turn.
      float[] x = new float[(steps.size() + 1) * n * size];
      float[] y = new float[(steps.size() + 1) * n];
      Random random = new Random(ctx.seed() + 31L * k);
      int offset = 0;
      for (int j = 0; j <= steps.size(); j++) {
        System.arraycopy(held.features(), 0, x, j * n * size, n * size);
        System.arraycopy(held.labels(), 0, y, j * n, n);
        if (j == 0) {
          continue;
        }
        int w = steps.get(j - 1).width();
        int[] perm = java.util.stream.IntStream.range(0, n).toArray();
        for (int i = n - 1; i > 0; i--) {
          int other = random.nextInt(i + 1);
          int t = perm[i];
          perm[i] = perm[other];
          perm[other] = t;
        }
        for (int r = 0; r < n; r++) {
          System.arraycopy(
              held.features(), perm[r] * size + offset, x, (j * n + r) * size + offset, w);
        }
        offset += w;
      }
      Preprocessing.Encoded all = new Preprocessing.Encoded(x, y, y.length, held.exampleShape());
      float[] out;
      try {
        out = Inference.outputs(f.model(), all, ctx, Inference.batchRows(size, 256));
      } catch (IncompatibleModelException e) {
        throw new IllegalStateException(e);
      }
      int width = f.model().arch().outputs();
      for (int j = 1; j <= steps.size(); j++) {
        for (int r = 0; r < n; r++) {
          importance[j - 1][rowsOf[r]] =
              loss(out, y, j * n + r, width, regression) - loss(out, y, r, width, regression);
        }
      }
    }
    return importance;
  }

  /** Returns one row's loss: squared error, or cross-entropy of the class scores. */
  private static double loss(float[] out, float[] y, int row, int width, boolean regression) {
    if (regression) {
      double d = out[row] - y[row];
      return d * d;
    }
    double max = Double.NEGATIVE_INFINITY;
    for (int c = 0; c < width; c++) {
      max = Math.max(max, out[row * width + c]);
    }
    double sum = 0;
    for (int c = 0; c < width; c++) {
      sum += Math.exp(out[row * width + c] - max);
    }
    return Math.log(sum) + max - out[row * width + (int) y[row]];
  }
}
