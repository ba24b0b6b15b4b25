package io.bayestune.optimizer.model;

import io.bayestune.optimizer.kernel.KernelShape;

/**
 * The log marginal likelihood of a zero-mean GP with an ARD kernel of a given {@link KernelShape} (Matern-5/2 by
 * default) and Gaussian noise,
 * and its gradient with respect to theta = (log ell_1..d, log s2, log noise, log knownNoiseScale).
 *
 * <pre>
 *   log p(y | X, theta) = -y' alpha / 2 - sum_i log L_ii - (n/2) log 2 pi,   alpha = K^-1 y, K = L L'
 *   d log p / d theta_j = tr((alpha alpha' - K^-1) dK/dtheta_j) / 2
 * </pre>
 *
 * (Rasmussen and Williams 2006, "Gaussian Processes for Machine Learning", eqs. 2.30 and 5.9).
 * K = s2 C(ell) + diag(noise_i), where noise_i is either a known variance times the fitted
 * exp(theta_knownNoiseScale) or the fitted exp(theta_noise). The pairwise squared coordinate differences are computed once, so an
 * evaluation costs one kernel matrix (n^2 d / 2), one Cholesky (n^3 / 6), K^-1 (n^3 / 3) and the
 * gradient contractions (n^2 d / 2).
 */
public final class MarginalLikelihood {

  private static final double HALF_LOG_2PI = 0.91893853320467274178;

  private final int n;
  private final int d;
  private final double[] y;
  private final double[] knownNoise;
  /** diff2[k * pairs + p]: squared difference in coordinate k of pair p = (i, j < i), p = i(i-1)/2 + j. */
  private final double[] diff2;
  private final int pairs;
  private final KernelShape shape;

  /** With the plain Matern-5/2 correlation. */
  public MarginalLikelihood(double[][] x, double[] y, double[] knownNoise) {
    this(x, y, knownNoise, KernelShape.MATERN52);
  }

  /**
   * @param x n x d inputs
   * @param y n outcomes (standardized: the model has mean zero)
   * @param knownNoise n known noise variances in the units of y, NaN where the noise is fitted;
   *     null means all fitted
   * @param shape the kernel's correlation as a function of the scaled distance
   */
  public MarginalLikelihood(double[][] x, double[] y, double[] knownNoise, KernelShape shape) {
    this.shape = java.util.Objects.requireNonNull(shape, "shape");
    this.n = x.length;
    this.d = n == 0 ? 0 : x[0].length;
    this.y = y.clone();
    this.knownNoise = new double[n];
    for (int i = 0; i < n; i++) {
      this.knownNoise[i] = knownNoise == null ? Double.NaN : knownNoise[i];
    }
    this.pairs = n * (n - 1) / 2;
    this.diff2 = new double[d * pairs];
    int p = 0;
    for (int i = 0; i < n; i++) {
      for (int j = 0; j < i; j++, p++) {
        for (int k = 0; k < d; k++) {
          double diff = x[i][k] - x[j][k];
          diff2[k * pairs + p] = diff * diff;
        }
      }
    }
  }

  public int size() {
    return n;
  }

  /** The log marginal likelihood at theta, or -infinity where K is not numerically positive definite. */
  public double value(double[] theta) {
    return evaluate(theta, null);
  }

  /**
   * The log marginal likelihood at theta, its gradient written to {@code gradient} (length d + 3);
   * -infinity (gradient zero) where K is not numerically positive definite.
   */
  public double valueAndGradient(double[] theta, double[] gradient) {
    return evaluate(theta, gradient);
  }

  private double evaluate(double[] theta, double[] gradient) {
    if (theta.length != d + 3) {
      throw new IllegalArgumentException("theta needs d + 3 = " + (d + 3) + " entries, got " + theta.length);
    }
    double s2 = Math.exp(theta[d]);
    double fittedNoise = Math.exp(theta[d + 1]);
    double knownScale = Math.exp(theta[d + 2]);
    double[] r2 = new double[pairs];
    for (int k = 0; k < d; k++) {
      double w = Math.exp(-2 * theta[k]);
      int offset = k * pairs;
      for (int p = 0; p < pairs; p++) {
        r2[p] += diff2[offset + p] * w;
      }
    }
    double[] kernel = new double[n * n];
    double[] slope = gradient == null ? null : new double[pairs];
    int p = 0;
    for (int i = 0; i < n; i++) {
      for (int j = 0; j < i; j++, p++) {
        double r = Math.sqrt(r2[p]);
        kernel[i * n + j] = s2 * shape.correlation(r);
        if (slope != null) {
          slope[p] = s2 * shape.slope(r);
        }
      }
      kernel[i * n + i] = s2 + noise(i, fittedNoise, knownScale);
    }
    double[] l = kernel;
    double[] kernelCopy = gradient == null ? null : kernel.clone();
    if (!Cholesky.decomposeInPlace(l, n)) {
      if (gradient != null) {
        java.util.Arrays.fill(gradient, 0.0);
      }
      return Double.NEGATIVE_INFINITY;
    }
    double[] alpha = y.clone();
    Cholesky.forwardSolve(l, n, alpha);
    double fit = 0;
    for (int i = 0; i < n; i++) {
      fit += alpha[i] * alpha[i];
    }
    double value = -0.5 * fit - 0.5 * Cholesky.logDeterminant(l, n) - n * HALF_LOG_2PI;
    if (gradient == null) {
      return value;
    }
    Cholesky.backSolveTransposed(l, n, alpha);
    double[] w = Cholesky.inverse(l, n);
    // w := alpha alpha' - K^-1 (lower triangle), then contract with each dK/dtheta_j. Off-diagonal
    // pairs appear twice in the trace, which cancels the 1/2.
    double[] t = new double[pairs];
    double signal = 0;
    double noise = 0;
    double known = 0;
    p = 0;
    for (int i = 0; i < n; i++) {
      int ri = i * n;
      for (int j = 0; j < i; j++, p++) {
        double wij = alpha[i] * alpha[j] - w[ri + j];
        t[p] = wij * slope[p];
        signal += wij * kernelCopy[ri + j];
      }
      double wii = alpha[i] * alpha[i] - w[ri + i];
      signal += 0.5 * wii * s2;
      if (Double.isNaN(knownNoise[i])) {
        noise += 0.5 * wii * fittedNoise;
      } else {
        known += 0.5 * wii * knownNoise[i] * knownScale;
      }
    }
    for (int k = 0; k < d; k++) {
      gradient[k] = Math.exp(-2 * theta[k]) * Cholesky.dot(t, 0, diff2, k * pairs, pairs);
    }
    gradient[d] = signal;
    gradient[d + 1] = noise;
    gradient[d + 2] = known;
    return value;
  }

  /** Whether some point has a known noise variance (then the known-noise scale matters). */
  public boolean hasKnownNoise() {
    for (double v : knownNoise) {
      if (!Double.isNaN(v)) {
        return true;
      }
    }
    return false;
  }

  private double noise(int i, double fittedNoise, double knownScale) {
    double known = knownNoise[i];
    return Double.isNaN(known) ? fittedNoise : known * knownScale;
  }
}
