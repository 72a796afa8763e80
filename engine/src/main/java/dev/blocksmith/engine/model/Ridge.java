package dev.blocksmith.engine.model;

import java.util.Arrays;

/**
 * A ridge regression on centred cross products (for {@link Imputer}), with its generalised
 * cross-validation estimate of the squared error per row ({@code RSS/m / (1 − (1 + df)/m)²}, df
 * counting the intercept).
 */
record Ridge(double[] weights, double error) {
  /** Penalties tried (the inputs are standardised), times the rows; the lowest estimate wins. */
  private static final double[] PENALTIES = {1e-5, 1e-4, 1e-3, 1e-2, 1e-1, 1};

  /**
   * Returns the fit with the lowest estimate over {@link #PENALTIES}, or null when none could be
   * solved; {@code g} is {@code q × q}, the first {@code p} rows the inputs, the last the answer.
   */
  static Ridge best(double[] g, int q, int p, int m) {
    Ridge best = null;
    for (double alpha : PENALTIES) {
      double lambda = alpha * m;
      double[] a = new double[p * p];
      double[] rhs = new double[p];
      for (int i = 0; i < p; i++) {
        for (int j = 0; j < p; j++) {
          a[i * p + j] = g[i * q + j] + (i == j ? lambda : 0);
        }
        rhs[i] = g[i * q + p];
      }
      double[] l = cholesky(a, p);
      if (l == null) {
        continue;
      }
      double[] w = solve(l, p, rhs);
      double rss = g[p * q + p];
      for (int i = 0; i < p; i++) {
        rss -= 2 * w[i] * rhs[i];
        for (int j = 0; j < p; j++) {
          rss += w[i] * g[i * q + j] * w[j];
        }
      }
      double df = p - lambda * inverseTrace(l, p);
      double left = 1 - (1 + df) / m;
      double error = Math.max(rss, 0) / m / (left * left);
      if (left > 0 && Double.isFinite(error) && (best == null || error < best.error())) {
        best = new Ridge(w, error);
      }
    }
    return best;
  }

  /** Returns the lower triangle L with {@code a = L Lᵀ}, or null when a is not positive. */
  private static double[] cholesky(double[] a, int n) {
    double[] l = new double[n * n];
    for (int i = 0; i < n; i++) {
      for (int j = 0; j <= i; j++) {
        double v = a[i * n + j];
        for (int k = 0; k < j; k++) {
          v -= l[i * n + k] * l[j * n + k];
        }
        if (i == j) {
          if (!(v > 0)) {
            return null;
          }
          l[i * n + i] = Math.sqrt(v);
        } else {
          l[i * n + j] = v / l[j * n + j];
        }
      }
    }
    return l;
  }

  private static double[] solve(double[] l, int n, double[] b) {
    double[] y = new double[n];
    for (int i = 0; i < n; i++) {
      double v = b[i];
      for (int k = 0; k < i; k++) {
        v -= l[i * n + k] * y[k];
      }
      y[i] = v / l[i * n + i];
    }
    double[] x = new double[n];
    for (int i = n - 1; i >= 0; i--) {
      double v = y[i];
      for (int k = i + 1; k < n; k++) {
        v -= l[k * n + i] * x[k];
      }
      x[i] = v / l[i * n + i];
    }
    return x;
  }

  /** Returns the trace of {@code (L Lᵀ)⁻¹}: the squared entries of {@code L⁻¹}. */
  private static double inverseTrace(double[] l, int n) {
    double trace = 0;
    double[] col = new double[n];
    for (int j = 0; j < n; j++) {
      Arrays.fill(col, 0);
      col[j] = 1 / l[j * n + j];
      trace += col[j] * col[j];
      for (int i = j + 1; i < n; i++) {
        double v = 0;
        for (int k = j; k < i; k++) {
          v -= l[i * n + k] * col[k];
        }
        col[i] = v / l[i * n + i];
        trace += col[i] * col[i];
      }
    }
    return trace;
  }
}
