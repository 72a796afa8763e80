package dev.blocksmith.engine.model;

import dev.blocksmith.engine.model.Preprocessing.ColumnStep;
import dev.blocksmith.engine.model.Preprocessing.Imputation;
import dev.blocksmith.engine.model.Preprocessing.Op;
import dev.blocksmith.engine.value.Column;
import dev.blocksmith.engine.value.NumberColumn;
import dev.blocksmith.engine.value.Table;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Fills a number column's gaps from the other columns instead of the training mean: one ridge
 * regression per number column, fitted on the training part (what scikit-learn's {@code
 * IterativeImputer} does in one round), predicting the column from the encoded numbers, yes/no and
 * category slots of the others with their own gaps mean-filled. It is kept only where it is
 * expected to help: enough rows that have the column, and a generalised cross-validation estimate
 * of its error clearly below the mean's. {@link #apply} uses it wherever rows are encoded.
 */
final class Imputer {
  /** Fewest training rows that must have the column. */
  static final int MIN_ROWS = 20;

  /** Training rows that must have the column per number read. */
  static final int ROWS_PER_FEATURE = 3;

  /** Wider tables (encoded numbers read) keep the mean fill, so the fit stays cheap. */
  static final int MAX_FEATURES = 128;

  /** The fit reads at most this many rows (evenly spaced), so a million rows cost no more. */
  static final int SAMPLE_ROWS = 10_000;

  /**
   * Wide tables read fewer rows (but at least 1,000): rows × features³ stays under this, about a
   * second of arithmetic for every number column's fit together.
   */
  private static final double WORK = 2e9;

  /**
   * A gap reads at most this many numbers (the most influential columns, fitted again on them
   * alone), so that filling it costs little however wide the table.
   */
  static final int MAX_READS = 32;

  /** Kept only when its estimated error is at most this share of the mean fill's. */
  static final double MAX_ERROR_SHARE = 0.9;

  private Imputer() {}

  /** Returns whether a step's encoded numbers can be read to predict another column. */
  static boolean readable(ColumnStep s) {
    return s.op() == Op.SCALE
        || s.op() == Op.BOOLEAN
        || s.op() == Op.ONE_HOT
        || s.op() == Op.ORDINAL;
  }

  /**
   * Returns {@code steps} with a gap filling from the other columns for each number column where it
   * helps, fitted on {@code train}; when no number column of {@code train} has a gap, none (such
   * models keep the mean fill and their version, and older builds still read them). Every number
   * column gets one, not only those with gaps here, so that gaps that first appear when predicting
   * are filled as well.
   */
  static List<ColumnStep> fit(List<ColumnStep> steps, Table train) {
    List<ColumnStep> out = new ArrayList<>();
    steps.forEach(s -> out.add(s.imputation() == null ? s : s.withImputation(null)));
    int[] offset = new int[steps.size()];
    Column[] cols = new Column[steps.size()];
    int width = 0;
    boolean gaps = false;
    for (int k = 0; k < steps.size(); k++) {
      ColumnStep s = steps.get(k);
      offset[k] = readable(s) ? width : -1;
      width += readable(s) ? s.width() : 0;
      cols[k] = train.column(s.column()).orElse(null);
      if (readable(s) && cols[k] == null) {
        return out; // not the table the steps were fitted on
      }
      gaps |= s.op() == Op.SCALE && cols[k] instanceof NumberColumn n && n.missingCount() > 0;
    }
    if (!gaps || width < 2 || width > MAX_FEATURES) {
      return out;
    }
    int[] rows = sample(train.rowCount(), width);
    CrossProducts z = CrossProducts.of(steps, cols, offset, rows, width);
    for (int k = 0; k < steps.size(); k++) {
      ColumnStep s = steps.get(k);
      if (s.op() == Op.SCALE && cols[k] instanceof NumberColumn c && z.usable()[offset[k]]) {
        Imputation how = fitOne(steps, k, offset, c, rows, z);
        if (how != null) {
          out.set(k, s.withImputation(how));
        }
      }
    }
    return out;
  }

  /** Returns every row, or at most {@link #SAMPLE_ROWS} evenly spaced ones (fewer when wide). */
  static int[] sample(int rows, int width) {
    double cap = Math.max(1000, WORK / ((double) width * width * width));
    int n = (int) Math.min(rows, Math.min(SAMPLE_ROWS, cap));
    int[] out = new int[n];
    for (int i = 0; i < n; i++) {
      out[i] = (int) ((long) i * rows / n);
    }
    return out;
  }

  /** Returns the gap filling of step {@code k}, or null when the mean does as well. */
  private static Imputation fitOne(
      List<ColumnStep> steps, int k, int[] offset, NumberColumn c, int[] rows, CrossProducts z) {
    int t = offset[k];
    int w = z.width();
    int[] idx = new int[w];
    int p = 0;
    for (int j = 0; j < w; j++) {
      if (z.usable()[j] && j != t) {
        idx[p++] = j;
      }
    }
    idx[p] = t;
    int q = p + 1;
    List<Integer> absent = new ArrayList<>();
    for (int i = 0; i < rows.length; i++) {
      if (c.isMissing(rows[i])) {
        absent.add(i);
      }
    }
    int m = rows.length - absent.size();
    if (p == 0 || m < Math.max(MIN_ROWS, ROWS_PER_FEATURE * p)) {
      return null;
    }
    // Cross products over the rows that have the column: all sampled rows minus those without it,
    // or (when most lack it) summed over those that have it.
    double[] g = new double[q * q];
    double[] s = new double[q];
    double sign = -1;
    List<Integer> rowsToAdd = absent;
    if (absent.size() <= m) {
      for (int a = 0; a < q; a++) {
        s[a] = z.sum()[idx[a]];
        for (int b = 0; b < q; b++) {
          g[a * q + b] = z.gram()[idx[a] * w + idx[b]];
        }
      }
    } else {
      sign = 1;
      rowsToAdd = new ArrayList<>();
      for (int i = 0; i < rows.length; i++) {
        if (!c.isMissing(rows[i])) {
          rowsToAdd.add(i);
        }
      }
    }
    for (int i : rowsToAdd) {
      int row = i * w;
      for (int a = 0; a < q; a++) {
        double za = sign * z.z()[row + idx[a]];
        s[a] += za;
        for (int b = 0; b < q; b++) {
          g[a * q + b] += za * z.z()[row + idx[b]];
        }
      }
    }
    for (int a = 0; a < q; a++) {
      for (int b = 0; b < q; b++) {
        g[a * q + b] -= s[a] * s[b] / m;
      }
    }
    double yy = g[p * q + p];
    if (!(yy > 1e-12 * m)) {
      return null; // the same value wherever it is known: the mean is exact
    }
    Ridge best = Ridge.best(g, q, p, m);
    int[] keep = best == null ? null : strongest(best.weights(), idx, p, steps, offset, k);
    if (keep != null && keep.length < p) {
      // Fit again on the most influential columns alone, so a gap reads few numbers.
      int[] at = Arrays.copyOf(keep, keep.length + 1);
      at[keep.length] = p;
      double[] g2 = new double[at.length * at.length];
      double[] s2 = new double[at.length];
      int[] idx2 = new int[at.length];
      for (int a = 0; a < at.length; a++) {
        s2[a] = s[at[a]];
        idx2[a] = idx[at[a]];
        for (int b = 0; b < at.length; b++) {
          g2[a * at.length + b] = g[at[a] * q + at[b]];
        }
      }
      g = g2;
      s = s2;
      idx = idx2;
      p = keep.length;
      q = p + 1;
      best = Ridge.best(g, q, p, m);
    }
    double meanError = yy / m / square(1 - 1.0 / m);
    if (best == null || !(best.error() <= MAX_ERROR_SHARE * meanError)) {
      return null;
    }
    // Back from standardised numbers to the column's own units and the encoded inputs.
    ColumnStep target = steps.get(k);
    double unit = target.scale() * z.sd()[t];
    double constant = s[p] / m;
    double[] perFeature = new double[w];
    double[] influence = new double[w]; // squared weight per standard deviation of the input
    for (int a = 0; a < p; a++) {
      influence[idx[a]] = square(best.weights()[a]);
      constant -= best.weights()[a] * (s[a] / m + z.mean()[idx[a]] / z.sd()[idx[a]]);
      perFeature[idx[a]] = unit * best.weights()[a] / z.sd()[idx[a]];
    }
    double bias = target.center() + target.scale() * (z.mean()[t] + z.sd()[t] * constant);
    // The columns read, the most influential first (so that the log names them first).
    List<Integer> read = new ArrayList<>();
    double[] weight = new double[steps.size()];
    for (int j = 0; j < steps.size(); j++) {
      if (j != k && offset[j] >= 0) {
        int end = offset[j] + steps.get(j).width();
        weight[j] = Arrays.stream(influence, offset[j], end).sum();
        if (Arrays.stream(perFeature, offset[j], end).anyMatch(v -> v != 0)) {
          read.add(j);
        }
      }
    }
    read.sort((i, j) -> Double.compare(weight[j], weight[i]));
    List<String> from = new ArrayList<>();
    List<Double> weights = new ArrayList<>();
    for (int j : read) {
      from.add(steps.get(j).column());
      Arrays.stream(perFeature, offset[j], offset[j] + steps.get(j).width()).forEach(weights::add);
    }
    double min = Double.POSITIVE_INFINITY;
    double max = Double.NEGATIVE_INFINITY;
    for (int r = 0; r < c.size(); r++) {
      if (!c.isMissing(r)) {
        min = Math.min(min, c.get(r));
        max = Math.max(max, c.get(r));
      }
    }
    boolean finite =
        Double.isFinite(bias)
            && Double.isFinite(min)
            && Double.isFinite(max)
            && weights.stream().allMatch(Double::isFinite);
    return finite && !from.isEmpty() ? new Imputation(from, weights, bias, min, max) : null;
  }

  /**
   * Returns the positions (in {@code [0, p)}) of the inputs of the most influential columns (by
   * squared standardised weight, summed per column) that together become at most {@link #MAX_READS}
   * numbers (at least one column), in their order.
   */
  private static int[] strongest(
      double[] weights, int[] idx, int p, List<ColumnStep> steps, int[] offset, int k) {
    int[] stepOf = new int[p];
    double[] influence = new double[steps.size()];
    for (int a = 0; a < p; a++) {
      for (int j = 0; j < steps.size(); j++) {
        if (offset[j] >= 0 && idx[a] >= offset[j] && idx[a] < offset[j] + steps.get(j).width()) {
          stepOf[a] = j;
          influence[j] += square(weights[a]);
        }
      }
    }
    List<Integer> columns = new ArrayList<>();
    for (int j = 0; j < steps.size(); j++) {
      if (j != k && offset[j] >= 0) {
        columns.add(j);
      }
    }
    columns.sort((i, j) -> Double.compare(influence[j], influence[i]));
    boolean[] chosen = new boolean[steps.size()];
    int numbers = 0;
    for (int j : columns) {
      if (numbers > 0 && numbers + steps.get(j).width() > MAX_READS) {
        continue;
      }
      chosen[j] = true;
      numbers += steps.get(j).width();
    }
    return java.util.stream.IntStream.range(0, p).filter(a -> chosen[stepOf[a]]).toArray();
  }

  private static double square(double v) {
    return v * v;
  }

  /**
   * Replaces, in the encoded rows {@code x} ({@code width} numbers each), every gap of a number
   * column that has an {@link Imputation} with its prediction from the other columns as they were
   * encoded with their own gaps mean-filled (so the order of the columns does not matter).
   *
   * @throws IllegalArgumentException when a gap filling reads a column the steps do not have
   */
  static void apply(List<ColumnStep> steps, Table table, float[] x, int width) {
    Map<String, Integer> offsets = new HashMap<>();
    Map<String, ColumnStep> byName = new HashMap<>();
    int at = 0;
    for (ColumnStep s : steps) {
      offsets.putIfAbsent(s.column(), at);
      byName.putIfAbsent(s.column(), s);
      at += s.width();
    }
    List<ColumnStep> targets = new ArrayList<>();
    List<int[]> reads = new ArrayList<>();
    for (ColumnStep s : steps) {
      if (s.imputation() != null) {
        targets.add(s);
        reads.add(positions(s, offsets, byName));
      }
    }
    if (targets.isEmpty()) {
      return;
    }
    int n = targets.size();
    Column[] cols = new Column[n];
    int[] own = new int[n];
    double[][] w = new double[n][];
    for (int t = 0; t < n; t++) {
      cols[t] = table.column(targets.get(t).column()).orElseThrow();
      own[t] = offsets.get(targets.get(t).column());
      w[t] =
          targets.get(t).imputation().weights().stream().mapToDouble(Double::doubleValue).toArray();
    }
    double[] value = new double[n];
    boolean[] gap = new boolean[n];
    for (int r = 0; r < table.rowCount(); r++) {
      boolean any = false;
      for (int t = 0; t < n; t++) {
        gap[t] = !(cols[t] instanceof NumberColumn c) || c.isMissing(r);
        if (gap[t]) {
          value[t] = predict(targets.get(t), w[t], reads.get(t), x, r * width);
          any = true;
        }
      }
      for (int t = 0; any && t < n; t++) {
        if (gap[t]) {
          ColumnStep s = targets.get(t);
          x[r * width + own[t]] = (float) ((value[t] - s.center()) / s.scale());
        }
      }
    }
  }

  /** Returns one gap's value: bias + weights × features, NaN → the mean, kept in range. */
  private static double predict(ColumnStep s, double[] w, int[] read, float[] x, int row) {
    Imputation how = s.imputation();
    double v = how.bias();
    for (int i = 0; i < w.length; i++) {
      v += w[i] * x[row + read[i]];
    }
    if (Double.isNaN(v)) {
      v = s.fill();
    }
    return Math.min(how.max(), Math.max(how.min(), v));
  }

  /** Returns the positions in an encoded row of the numbers a gap filling reads, in order. */
  private static int[] positions(
      ColumnStep s, Map<String, Integer> offsets, Map<String, ColumnStep> byName) {
    List<Integer> out = new ArrayList<>();
    for (String name : s.imputation().from()) {
      ColumnStep other = byName.get(name);
      if (other == null || !readable(other) || name.equals(s.column())) {
        throw new IllegalArgumentException(
            "The model fills gaps in \""
                + s.column()
                + "\" from column \""
                + name
                + "\", which it does not read as numbers.");
      }
      for (int i = 0; i < other.width(); i++) {
        out.add(offsets.get(name) + i);
      }
    }
    if (out.size() != s.imputation().weights().size()) {
      throw new IllegalArgumentException(
          "The model fills gaps in \""
              + s.column()
              + "\" with "
              + s.imputation().weights().size()
              + " weights for "
              + out.size()
              + " numbers.");
    }
    return out.stream().mapToInt(Integer::intValue).toArray();
  }
}
