package dev.blocksmith.engine.model;

import dev.blocksmith.engine.model.Preprocessing.ColumnStep;
import dev.blocksmith.engine.value.Column;
import java.util.Arrays;
import java.util.List;

/**
 * The sampled rows' encoded numbers as {@link Imputer} reads them: standardised (constant, infinite
 * or NaN ones marked unusable and zeroed), with their cross products and sums.
 *
 * @param z the rows, row-major, {@code width} numbers each
 * @param width numbers per row
 * @param mean each number's mean before standardising
 * @param sd each number's standard deviation before standardising
 * @param usable whether a number varies and is finite
 * @param gram {@code Σ z zᵀ} over the rows, {@code width × width}
 * @param sum {@code Σ z} over the rows
 */
record CrossProducts(
    double[] z,
    int width,
    double[] mean,
    double[] sd,
    boolean[] usable,
    double[] gram,
    double[] sum) {

  /** Returns the steps' encoded numbers (gaps mean-filled) of {@code rows} of {@code cols}. */
  static CrossProducts of(
      List<ColumnStep> steps, Column[] cols, int[] offset, int[] rows, int width) {
    int n = rows.length;
    double[] z = new double[n * width];
    float[] one = new float[width];
    for (int i = 0; i < n; i++) {
      Arrays.fill(one, 0);
      for (int k = 0; k < steps.size(); k++) {
        if (offset[k] >= 0) {
          Preprocessing.encode(steps.get(k), cols[k], rows[i], one, offset[k]);
        }
      }
      for (int j = 0; j < width; j++) {
        z[i * width + j] = one[j];
      }
    }
    double[] mean = new double[width];
    double[] sd = new double[width];
    boolean[] usable = new boolean[width];
    for (int j = 0; j < width; j++) {
      double s = 0;
      for (int i = 0; i < n; i++) {
        s += z[i * width + j];
      }
      mean[j] = s / n;
      double sq = 0;
      for (int i = 0; i < n; i++) {
        double d = z[i * width + j] - mean[j];
        sq += d * d;
      }
      sd[j] = Math.sqrt(sq / n);
      // Constant, infinite or NaN numbers predict nothing; they are left out.
      usable[j] = Double.isFinite(mean[j]) && Double.isFinite(sd[j]) && sd[j] > 0;
      for (int i = 0; i < n; i++) {
        z[i * width + j] = usable[j] ? (z[i * width + j] - mean[j]) / sd[j] : 0;
      }
    }
    double[] gram = new double[width * width];
    double[] sum = new double[width];
    for (int i = 0; i < n; i++) {
      int row = i * width;
      for (int a = 0; a < width; a++) {
        double za = z[row + a];
        if (za == 0) {
          continue;
        }
        sum[a] += za;
        for (int b = a; b < width; b++) {
          gram[a * width + b] += za * z[row + b];
        }
      }
    }
    for (int a = 0; a < width; a++) {
      for (int b = 0; b < a; b++) {
        gram[a * width + b] = gram[b * width + a];
      }
    }
    return new CrossProducts(z, width, mean, sd, usable, gram, sum);
  }
}
