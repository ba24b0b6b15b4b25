package io.bayestune.optimizer.model;

/**
 * Dense Cholesky factorization K = L L' and the triangular solves built on it, on n x n row-major
 * arrays ({@code a[i * n + j]}), lower triangle only.
 *
 * <p>Hand-written rather than EJML: the row-oriented (Cholesky-Banachiewicz) loops below read both
 * operands of every inner product contiguously, and the multi-right-hand-side solve updates whole
 * rows, which the JIT vectorizes. The inner products use four accumulators, which breaks the
 * dependency chain of a single running sum; the order is fixed, so results are reproducible.
 */
final class Cholesky {

  /** The first jitter, relative to the mean of the diagonal. */
  static final double FIRST_JITTER = 1e-8;
  /** The last jitter tried before giving up, relative to the mean of the diagonal. */
  static final double LAST_JITTER = 1e-2;

  private Cholesky() {
  }

  /**
   * Overwrites the lower triangle of {@code a} with L (and zeroes the upper triangle).
   *
   * @return false, leaving {@code a} partly overwritten, if a pivot is not positive (a is not
   *     numerically positive definite)
   */
  static boolean decomposeInPlace(double[] a, int n) {
    for (int i = 0; i < n; i++) {
      int ri = i * n;
      for (int j = 0; j < i; j++) {
        int rj = j * n;
        a[ri + j] = (a[ri + j] - dot(a, ri, a, rj, j)) / a[rj + j];
      }
      double pivot = a[ri + i] - dot(a, ri, a, ri, i);
      if (!(pivot > 0) || Double.isInfinite(pivot)) {
        return false;
      }
      a[ri + i] = Math.sqrt(pivot);
      for (int j = i + 1; j < n; j++) {
        a[ri + j] = 0.0;
      }
    }
    return true;
  }

  /**
   * The Cholesky factor of {@code k} (not modified), adding jitter to the diagonal if needed:
   * 1e-8 times the mean diagonal, then x10 each time up to 1e-2. Growing by decades finds the
   * smallest sufficient jitter in a few tries, so well-posed matrices are not perturbed more than
   * the rounding that made them indefinite.
   *
   * @return L (lower, row-major); {@code jitterOut[0]} receives the absolute jitter added (0 if none)
   * @throws IllegalStateException if the matrix is not positive definite even with the largest jitter
   */
  static double[] decomposeWithJitter(double[] k, int n, double[] jitterOut) {
    double[] l = k.clone();
    if (decomposeInPlace(l, n)) {
      jitterOut[0] = 0.0;
      return l;
    }
    double meanDiagonal = 0;
    for (int i = 0; i < n; i++) {
      meanDiagonal += k[i * n + i] / n;
    }
    for (double relative = FIRST_JITTER; relative <= LAST_JITTER * 1.0001; relative *= 10) {
      double jitter = relative * Math.abs(meanDiagonal);
      System.arraycopy(k, 0, l, 0, k.length);
      for (int i = 0; i < n; i++) {
        l[i * n + i] += jitter;
      }
      if (decomposeInPlace(l, n)) {
        jitterOut[0] = jitter;
        return l;
      }
    }
    throw new IllegalStateException("kernel matrix not positive definite after jitter up to "
        + LAST_JITTER + " x mean diagonal (n=" + n + "); check for duplicate points observed without noise"
        + " and for non-finite inputs");
  }

  /** Solves L z = b in place (forward substitution). */
  static void forwardSolve(double[] l, int n, double[] b) {
    for (int i = 0; i < n; i++) {
      int ri = i * n;
      b[i] = (b[i] - dot(l, ri, b, 0, i)) / l[ri + i];
    }
  }

  /** Solves L' z = b in place (back substitution with the transpose). */
  static void backSolveTransposed(double[] l, int n, double[] b) {
    for (int i = n - 1; i >= 0; i--) {
      int ri = i * n;
      double bi = b[i] / l[ri + i];
      b[i] = bi;
      // Column i of L' is row i of L: subtract from the earlier entries, a contiguous row update.
      for (int j = 0; j < i; j++) {
        b[j] -= l[ri + j] * bi;
      }
    }
  }

  /** Solves L Z = B in place for an n x m row-major B (m right-hand sides at once). */
  static void forwardSolveRows(double[] l, int n, double[] b, int m) {
    for (int i = 0; i < n; i++) {
      int ri = i * n;
      int bi = i * m;
      for (int k = 0; k < i; k++) {
        double lik = l[ri + k];
        if (lik != 0.0) {
          int bk = k * m;
          for (int c = 0; c < m; c++) {
            b[bi + c] -= lik * b[bk + c];
          }
        }
      }
      double inv = 1.0 / l[ri + i];
      for (int c = 0; c < m; c++) {
        b[bi + c] *= inv;
      }
    }
  }

  /**
   * The lower triangle of K^-1 = L^-T L^-1 (upper triangle left zero): first M = L^-1 row by row
   * (row i of M is (e_i - sum_k<i L_ik M_k) / L_ii, a sum of earlier rows), then K^-1 as the sum of
   * the outer products of the rows of M. Both loops are contiguous row updates.
   */
  static double[] inverse(double[] l, int n) {
    double[] m = new double[n * n];
    for (int i = 0; i < n; i++) {
      int ri = i * n;
      for (int k = 0; k < i; k++) {
        double lik = l[ri + k];
        int rk = k * n;
        for (int c = 0; c <= k; c++) {
          m[ri + c] -= lik * m[rk + c];
        }
      }
      m[ri + i] = 1.0;
      double inv = 1.0 / l[ri + i];
      for (int c = 0; c <= i; c++) {
        m[ri + c] *= inv;
      }
    }
    double[] kinv = new double[n * n];
    for (int k = 0; k < n; k++) {
      int rk = k * n;
      for (int i = 0; i <= k; i++) {
        double mki = m[rk + i];
        int ri = i * n;
        for (int j = 0; j <= i; j++) {
          kinv[ri + j] += mki * m[rk + j];
        }
      }
    }
    return kinv;
  }

  /** log det K = 2 sum log L_ii. */
  static double logDeterminant(double[] l, int n) {
    double sum = 0;
    for (int i = 0; i < n; i++) {
      sum += Math.log(l[i * n + i]);
    }
    return 2 * sum;
  }

  /** sum_{t < len} a[ao + t] * b[bo + t]. */
  static double dot(double[] a, int ao, double[] b, int bo, int len) {
    double s0 = 0;
    double s1 = 0;
    double s2 = 0;
    double s3 = 0;
    int t = 0;
    for (; t + 3 < len; t += 4) {
      s0 += a[ao + t] * b[bo + t];
      s1 += a[ao + t + 1] * b[bo + t + 1];
      s2 += a[ao + t + 2] * b[bo + t + 2];
      s3 += a[ao + t + 3] * b[bo + t + 3];
    }
    for (; t < len; t++) {
      s0 += a[ao + t] * b[bo + t];
    }
    return (s0 + s1) + (s2 + s3);
  }
}
