package io.bayestune.optimizer.model;

import io.bayestune.optimizer.kernel.KernelShape;


/**
 * A Gaussian process conditioned on data, with fixed hyperparameters: immutable, safe to share
 * between threads.
 *
 * <pre>
 *   mean(x) = m + c * k*' alpha                 alpha = K^-1 (y - m) / c,  K = s2 C + diag(noise)
 *   var(x)  = c^2 (s2 - |v|^2)                  v = L^-1 k*,  K = L L'
 *   d mean / dx = c * sum_j alpha_j dk*_j/dx    d var / dx = -2 c^2 sum_j (L^-T v)_j dk*_j/dx
 * </pre>
 *
 * with k*_j = k(x, X_j) the ARD kernel of the hyperparameters' {@link KernelShape}, m and c the outcome mean and scale (outcomes are
 * modelled standardized, predictions are reported in original units), and var the variance of the
 * latent f without observation noise (Rasmussen and Williams 2006, Algorithm 2.1).
 *
 * <pre>{@code
 * GaussianProcess gp = GaussianProcessFitter.fit(x, y, null, FitOptions.defaults(), rng);
 * Prediction p = gp.predict(new double[] {0.2, 0.7});
 * GaussianProcess believer = gp.withObservations(new double[][] {xNext}, new double[] {p.mean()});
 * }</pre>
 *
 * Built by {@link GaussianProcessFitter#fit} (hyperparameters by MAP) or
 * {@link GaussianProcessFitter#condition} (given hyperparameters).
 */
public final class GaussianProcess implements PosteriorModel {

  private static final double HALF_LOG_2PI = 0.91893853320467274178;
  private static final int BATCH_COLUMNS = 512;

  private final int n;
  private final int d;
  private final double[] xs;           // n x d row-major
  private final double[] yStandard;    // (y - m) / c
  private final double[] pointNoise;   // per-point noise variance, standardized
  private final Hyperparameters hyper;
  private final double[] inverseSquaredLengthScales;
  private final double s2;
  private final KernelShape shape;
  private final double[] l;            // Cholesky factor of K, n x n lower row-major
  private final double[] alpha;
  private final double logMarginalLikelihood;

  private GaussianProcess(double[] xs, int n, int d, double[] yStandard, double[] pointNoise,
      Hyperparameters hyper, double[] l) {
    this.n = n;
    this.d = d;
    this.xs = xs;
    this.yStandard = yStandard;
    this.pointNoise = pointNoise;
    this.hyper = hyper;
    this.s2 = hyper.signalVariance();
    this.shape = hyper.shape();
    this.inverseSquaredLengthScales = inverseSquares(hyper.lengthScales());
    this.l = l;
    double[] a = yStandard.clone();
    Cholesky.forwardSolve(l, n, a);
    double fit = 0;
    for (double v : a) {
      fit += v * v;
    }
    Cholesky.backSolveTransposed(l, n, a);
    this.alpha = a;
    // Reported for the outcomes in original units: the standardization's Jacobian is c^-n.
    this.logMarginalLikelihood = -0.5 * fit - 0.5 * Cholesky.logDeterminant(l, n) - n * HALF_LOG_2PI
        - n * Math.log(hyper.outcomeScale());
  }

  /**
   * Conditions on n points with standardized outcomes and per-point standardized noise variances.
   *
   * @throws IllegalStateException if K is not positive definite even with jitter
   */
  static GaussianProcess condition(double[][] x, double[] yStandard, double[] pointNoise, Hyperparameters hyper) {
    int n = x.length;
    int d = hyper.dimension();
    double[] flat = new double[n * d];
    for (int i = 0; i < n; i++) {
      System.arraycopy(x[i], 0, flat, i * d, d);
    }
    double[] k = new double[n * n];
    double[] inverseSquared = inverseSquares(hyper.lengthScales());
    for (int i = 0; i < n; i++) {
      for (int j = 0; j < i; j++) {
        k[i * n + j] = hyper.signalVariance()
            * hyper.shape().correlation(Math.sqrt(squaredDistance(inverseSquared, flat, i * d, flat, j * d)));
      }
      k[i * n + i] = hyper.signalVariance() + pointNoise[i];
    }
    double[] l = Cholesky.decomposeWithJitter(k, n, new double[1]);
    return new GaussianProcess(flat, n, d, yStandard.clone(), pointNoise.clone(), hyper, l);
  }

  /** Number of conditioning points n. */
  public int size() {
    return n;
  }

  @Override
  public int dimension() {
    return d;
  }

  @Override
  public Prediction predict(double[] x) {
    checkPoint(x);
    double[] v = new double[n];
    double mean = 0;
    for (int j = 0; j < n; j++) {
      v[j] = kernel(x, 0, xs, j * d);
      mean += alpha[j] * v[j];
    }
    Cholesky.forwardSolve(l, n, v);
    return toOriginalUnits(mean, s2 - Cholesky.dot(v, 0, v, 0, n));
  }

  @Override
  public Prediction predict(double[] x, double[] meanGradient, double[] varianceGradient) {
    checkPoint(x);
    if (meanGradient.length != d || varianceGradient.length != d) {
      throw new IllegalArgumentException("gradients need d = " + d + " entries, got " + meanGradient.length
          + " and " + varianceGradient.length);
    }
    double[] v = new double[n];
    double[] slope = new double[n];
    double mean = 0;
    for (int j = 0; j < n; j++) {
      double r = Math.sqrt(squaredDistance(x, 0, xs, j * d));
      v[j] = s2 * shape.correlation(r);
      slope[j] = s2 * shape.slope(r);
      mean += alpha[j] * v[j];
    }
    Cholesky.forwardSolve(l, n, v);
    double variance = s2 - Cholesky.dot(v, 0, v, 0, n);
    double[] w = v.clone();
    Cholesky.backSolveTransposed(l, n, w); // w = K^-1 k*
    // dk*_j/dx_k = -slope_j (x_k - X_jk) / ell_k^2
    java.util.Arrays.fill(meanGradient, 0.0);
    java.util.Arrays.fill(varianceGradient, 0.0);
    for (int j = 0; j < n; j++) {
      double am = -alpha[j] * slope[j];
      double av = 2 * w[j] * slope[j];
      int row = j * d;
      for (int k = 0; k < d; k++) {
        double diff = x[k] - xs[row + k];
        meanGradient[k] += am * diff;
        varianceGradient[k] += av * diff;
      }
    }
    double c = hyper.outcomeScale();
    for (int k = 0; k < d; k++) {
      meanGradient[k] *= c * inverseSquaredLengthScales[k];
      varianceGradient[k] *= variance > 0 ? c * c * inverseSquaredLengthScales[k] : 0.0;
    }
    return toOriginalUnits(mean, variance);
  }

  /** Writes the gradients of the posterior mean and variance at x (original units) to the two arrays. */
  public void predictGradient(double[] x, double[] meanGradient, double[] varianceGradient) {
    predict(x, meanGradient, varianceGradient);
  }

  /**
   * Row i is {mean, variance} at {@code points[i]}; one multi-right-hand-side triangular solve per
   * block of 512 points, so the cost is n^2 m / 2 multiply-adds with contiguous memory access.
   */
  @Override
  public double[][] predictBatch(double[][] points) {
    double[][] out = new double[points.length][];
    for (int start = 0; start < points.length; start += BATCH_COLUMNS) {
      int m = Math.min(BATCH_COLUMNS, points.length - start);
      double[] kStar = new double[n * m]; // row j: k(X_j, points[start + c]) over c
      double[] means = new double[m];
      for (int c = 0; c < m; c++) {
        checkPoint(points[start + c]);
      }
      for (int j = 0; j < n; j++) {
        for (int c = 0; c < m; c++) {
          double kv = kernel(points[start + c], 0, xs, j * d);
          kStar[j * m + c] = kv;
          means[c] += alpha[j] * kv;
        }
      }
      Cholesky.forwardSolveRows(l, n, kStar, m);
      double[] explained = new double[m];
      for (int j = 0; j < n; j++) {
        for (int c = 0; c < m; c++) {
          double v = kStar[j * m + c];
          explained[c] += v * v;
        }
      }
      for (int c = 0; c < m; c++) {
        Prediction p = toOriginalUnits(means[c], s2 - explained[c]);
        out[start + c] = new double[] {p.mean(), p.variance()};
      }
    }
    return out;
  }

  /**
   * The same prior conditioned additionally on k points with outcomes in original units and the
   * fitted homoscedastic noise (for kriging-believer batches: pass the posterior means). The
   * Cholesky factor is extended by a rank-k block rather than refactored:
   * {@code L+ = [[L, 0], [B, C]]} with {@code B' = L^-1 K(X, X+)} and
   * {@code C C' = K(X+, X+) + noise I - B B'}, costing n^2 k / 2 + k^3 / 6 instead of (n + k)^3 / 6.
   *
   * @param xMore k x d points in the unit cube
   * @param yMore k outcomes in the original units
   * @throws IllegalStateException if the new block is not positive definite even with jitter
   */
  public GaussianProcess withObservations(double[][] xMore, double[] yMore) {
    int k = xMore.length;
    if (yMore.length != k) {
      throw new IllegalArgumentException("withObservations: " + k + " points but " + yMore.length + " outcomes");
    }
    int total = n + k;
    double[] flat = java.util.Arrays.copyOf(xs, total * d);
    double[] yAll = java.util.Arrays.copyOf(yStandard, total);
    double[] noiseAll = java.util.Arrays.copyOf(pointNoise, total);
    for (int j = 0; j < k; j++) {
      checkPoint(xMore[j]);
      if (!Double.isFinite(yMore[j])) {
        throw new IllegalArgumentException("withObservations: yMore[" + j + "] must be finite, but got " + yMore[j]);
      }
      System.arraycopy(xMore[j], 0, flat, (n + j) * d, d);
      yAll[n + j] = (yMore[j] - hyper.outcomeMean()) / hyper.outcomeScale();
      noiseAll[n + j] = hyper.noiseVariance();
    }
    double[] b = new double[n * k]; // K(X, X+), then L^-1 K(X, X+)
    for (int i = 0; i < n; i++) {
      for (int j = 0; j < k; j++) {
        b[i * k + j] = kernel(flat, i * d, flat, (n + j) * d);
      }
    }
    Cholesky.forwardSolveRows(l, n, b, k);
    double[] schur = new double[k * k];
    for (int i = 0; i < k; i++) {
      for (int j = 0; j <= i; j++) {
        double v = i == j ? s2 + noiseAll[n + i] : kernel(flat, (n + i) * d, flat, (n + j) * d);
        for (int r = 0; r < n; r++) {
          v -= b[r * k + i] * b[r * k + j];
        }
        schur[i * k + j] = v;
      }
    }
    double[] c = Cholesky.decomposeWithJitter(schur, k, new double[1]);
    double[] lAll = new double[total * total];
    for (int i = 0; i < n; i++) {
      System.arraycopy(l, i * n, lAll, i * total, i + 1);
    }
    for (int i = 0; i < k; i++) {
      int row = (n + i) * total;
      for (int r = 0; r < n; r++) {
        lAll[row + r] = b[r * k + i];
      }
      System.arraycopy(c, i * k, lAll, row + n, i + 1);
    }
    return new GaussianProcess(flat, total, d, yAll, noiseAll, hyper, lAll);
  }

  /** ARD length scales in unit-cube coordinates. */
  public double[] lengthScales() {
    return hyper.lengthScales();
  }

  /** Signal variance k(x, x) in squared outcome units. */
  @Override
  public double signalVariance() {
    return s2 * hyper.outcomeScale() * hyper.outcomeScale();
  }

  /** The fitted homoscedastic noise variance in squared outcome units (used where no noise was given). */
  public double noiseVariance() {
    return hyper.noiseVariance() * hyper.outcomeScale() * hyper.outcomeScale();
  }

  /** log p(y | X, hyperparameters) of the conditioning outcomes, in their original units. */
  public double logMarginalLikelihood() {
    return logMarginalLikelihood;
  }

  /** The hyperparameters, in standardized units with the outcome transform. */
  public Hyperparameters hyperparameters() {
    return hyper;
  }

  /** A copy of conditioning point i. */
  public double[] trainingInputs(int i) {
    return java.util.Arrays.copyOfRange(xs, i * d, (i + 1) * d);
  }

  private Prediction toOriginalUnits(double standardMean, double standardVariance) {
    double c = hyper.outcomeScale();
    // Rounding can push s2 - |v|^2 slightly below zero at conditioning points.
    return new Prediction(hyper.outcomeMean() + c * standardMean, c * c * Math.max(0.0, standardVariance));
  }

  private double squaredDistance(double[] a, int ao, double[] b, int bo) {
    return squaredDistance(inverseSquaredLengthScales, a, ao, b, bo);
  }

  private static double squaredDistance(double[] inverseSquared, double[] a, int ao, double[] b, int bo) {
    double r2 = 0;
    for (int k = 0; k < inverseSquared.length; k++) {
      double diff = a[ao + k] - b[bo + k];
      r2 += diff * diff * inverseSquared[k];
    }
    return r2;
  }

  private static double[] inverseSquares(double[] ell) {
    double[] out = new double[ell.length];
    for (int k = 0; k < ell.length; k++) {
      out[k] = 1.0 / (ell[k] * ell[k]);
    }
    return out;
  }

  private double kernel(double[] a, int ao, double[] b, int bo) {
    return s2 * shape.correlation(Math.sqrt(squaredDistance(a, ao, b, bo)));
  }

  private void checkPoint(double[] x) {
    if (x.length != d) {
      throw new IllegalArgumentException("point has " + x.length + " coordinates, the model has " + d);
    }
  }
}
