package dev.blocksmith.nodes.evaluate;

import dev.blocksmith.engine.djl.Inference;
import dev.blocksmith.engine.model.ArchSpec;
import dev.blocksmith.engine.model.IncompatibleModelException;
import dev.blocksmith.engine.model.Preprocessing;
import dev.blocksmith.engine.model.Preprocessing.ColumnStep;
import dev.blocksmith.engine.model.Preprocessing.Encoded;
import dev.blocksmith.engine.model.TrainedModel;
import dev.blocksmith.engine.spi.NodeContext;
import dev.blocksmith.engine.spi.NodeException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Random;

/**
 * Permutation feature importance: how much a model's score drops when one column's values are
 * shuffled between rows, which breaks the column's link to the answer and keeps everything else.
 * Shuffling a column's encoded slots together is the same as shuffling the raw column, because
 * encoding works row by row.
 */
final class Importance {
  private static final int BATCH = 512;

  private Importance() {}

  /**
   * One column's importance.
   *
   * @param column the column
   * @param drop the mean drop of the score over the repeats (score units: a fraction for accuracy)
   * @param spread the standard deviation of the drop over the repeats
   */
  record Result(String column, double drop, double spread) {}

  /** Returns the score of raw model outputs: accuracy for classes, R² for numbers. */
  static double score(Preprocessing pre, float[] out, float[] labels) {
    if (pre.task() == ArchSpec.Task.REGRESSION) {
      double mean = 0;
      for (float l : labels) {
        mean += l / (double) labels.length;
      }
      double sq = 0;
      double total = 0;
      for (int i = 0; i < labels.length; i++) {
        sq += (out[i] - labels[i]) * (double) (out[i] - labels[i]);
        total += (labels[i] - mean) * (labels[i] - mean);
      }
      return total == 0 ? 0 : 1 - sq / total;
    }
    int[] predicted = Inference.argMax(out, pre.classNames().size());
    int right = 0;
    for (int i = 0; i < predicted.length; i++) {
      right += predicted[i] == (int) labels[i] ? 1 : 0;
    }
    return labels.length == 0 ? 0 : (double) right / labels.length;
  }

  /**
   * Returns the baseline score and each column's importance, most important first.
   *
   * @param e labelled, encoded examples of a table model
   */
  static List<Result> of(TrainedModel model, Encoded e, int repeats, long seed, NodeContext ctx)
      throws NodeException, IncompatibleModelException {
    Preprocessing pre = model.preprocessing();
    double base = score(pre, Inference.outputs(model, e, ctx, BATCH), e.labels());
    int width = e.exampleSize();
    List<Result> out = new ArrayList<>();
    int offset = 0;
    List<ColumnStep> steps = pre.steps();
    Random random = new Random(seed);
    for (int s = 0; s < steps.size(); s++) {
      ctx.checkCancelled();
      int slots = steps.get(s).width();
      double[] drops = new double[repeats];
      for (int r = 0; r < repeats; r++) {
        float[] x = shuffled(e.features(), e.rows(), width, offset, slots, random);
        Encoded permuted = new Encoded(x, e.labels(), e.rows(), e.exampleShape());
        drops[r] = base - score(pre, Inference.outputs(model, permuted, ctx, BATCH), e.labels());
      }
      out.add(new Result(steps.get(s).column(), mean(drops), spread(drops)));
      offset += slots;
      ctx.progress((s + 1.0) / steps.size(), "shuffled " + steps.get(s).column());
    }
    out.sort(Comparator.comparingDouble(Result::drop).reversed());
    return out;
  }

  /** Returns the baseline score (kept separate so the block can report it). */
  static double baseline(TrainedModel model, Encoded e, NodeContext ctx)
      throws NodeException, IncompatibleModelException {
    return score(model.preprocessing(), Inference.outputs(model, e, ctx, BATCH), e.labels());
  }

  private static float[] shuffled(
      float[] features, int rows, int width, int offset, int slots, Random random) {
    float[] x = features.clone();
    int[] order = new int[rows];
    for (int i = 0; i < rows; i++) {
      order[i] = i;
    }
    for (int i = rows - 1; i > 0; i--) {
      int j = random.nextInt(i + 1);
      int t = order[i];
      order[i] = order[j];
      order[j] = t;
    }
    for (int r = 0; r < rows; r++) {
      System.arraycopy(features, order[r] * width + offset, x, r * width + offset, slots);
    }
    return x;
  }

  private static double mean(double[] v) {
    double m = 0;
    for (double d : v) {
      m += d / v.length;
    }
    return m;
  }

  private static double spread(double[] v) {
    if (v.length < 2) {
      return 0;
    }
    double m = mean(v);
    double s = 0;
    for (double d : v) {
      s += (d - m) * (d - m);
    }
    return Math.sqrt(s / (v.length - 1));
  }
}
