package io.bayestune.optimizer.model;

/**
 * A Yeo-Johnson power transform of outcomes, fitted by maximum likelihood, that makes skewed metrics
 * (a loss that spans orders of magnitude, a peak far above a flat background) closer to Gaussian
 * before the GP sees them.
 *
 * <p>Why: a GP with a stationary kernel and standardized outcomes spends its signal variance on the
 * few extreme values; its posterior far from the data then looks promising to expected improvement,
 * which sends suggestions to empty corners. Warping outcomes with a monotone transform keeps their
 * order (so the maximizer is unchanged) and was the single largest gain in HEBO (Cowen-Rivers et al.
 * 2022, "HEBO: Pushing the Limits of Sample-Efficient Hyperparameter Optimisation", JAIR 74).
 *
 * <p>The transform (Yeo and Johnson 2000, "A new family of power transformations to improve normality
 * or symmetry", Biometrika 87(4)) of a standardized value y, for lambda in [-2, 2]: ((y+1)^l - 1)/l for
 * y >= 0 (log(y+1) at l = 0), and -((1-y)^(2-l) - 1)/(2-l) for y < 0 (-log(1-y) at l = 2).
 */
public final class YeoJohnson {
  private static final double LAMBDA_MIN = -2;
  private static final double LAMBDA_MAX = 2;

  private final double mean;
  private final double scale;
  private final double lambda;

  private YeoJohnson(double mean, double scale, double lambda) {
    this.mean = mean;
    this.scale = scale;
    this.lambda = lambda;
  }

  /** Fits lambda to {@code y} (at least 3 distinct finite values; otherwise the identity). */
  public static YeoJohnson fit(double[] y) {
    int n = y.length;
    SampleMoments moments = SampleMoments.of(y);
    double mean = moments.mean();
    double scale = moments.stddev();
    if (n < 3 || !moments.hasSpread()) {
      return new YeoJohnson(mean, scale > 0 ? scale : 1, 1);
    }
    double[] z = new double[n];
    for (int i = 0; i < n; i++) {
      z[i] = (y[i] - mean) / scale;
    }
    // The profile log-likelihood is smooth and unimodal in practice; a golden-section search on a
    // coarse grid's best bracket is exact enough (lambda matters to a few hundredths at most).
    double bestLambda = 1;
    double best = logLikelihood(z, 1);
    for (double l = LAMBDA_MIN; l <= LAMBDA_MAX + 1e-9; l += 0.25) {
      double ll = logLikelihood(z, l);
      if (ll > best) {
        best = ll;
        bestLambda = l;
      }
    }
    double lo = Math.max(LAMBDA_MIN, bestLambda - 0.25);
    double hi = Math.min(LAMBDA_MAX, bestLambda + 0.25);
    double g = (Math.sqrt(5) - 1) / 2;
    for (int i = 0; i < 30; i++) {
      double a = hi - g * (hi - lo);
      double b = lo + g * (hi - lo);
      if (logLikelihood(z, a) > logLikelihood(z, b)) {
        hi = b;
      } else {
        lo = a;
      }
    }
    double refined = (lo + hi) / 2;
    return new YeoJohnson(mean, scale, logLikelihood(z, refined) > best ? refined : bestLambda);
  }

  /** The fitted exponent (1 is the identity on standardized values). */
  public double lambda() {
    return lambda;
  }

  /** The warped value of {@code y}: standardized, then transformed. Monotone increasing. */
  public double apply(double y) {
    return psi((y - mean) / scale, lambda);
  }

  static double psi(double z, double lambda) {
    if (z >= 0) {
      return Math.abs(lambda) < 1e-12 ? Math.log1p(z) : (Math.pow(1 + z, lambda) - 1) / lambda;
    }
    double m = 2 - lambda;
    return Math.abs(m) < 1e-12 ? -Math.log1p(-z) : -(Math.pow(1 - z, m) - 1) / m;
  }

  /**
   * The Gaussian profile log-likelihood of lambda (variance at its MLE), with the Jacobian term
   * (lambda - 1) sum sign(z) log(1 + |z|).
   */
  static double logLikelihood(double[] z, double lambda) {
    int n = z.length;
    double mean = 0;
    double[] t = new double[n];
    double jacobian = 0;
    for (int i = 0; i < n; i++) {
      t[i] = psi(z[i], lambda);
      mean += t[i] / n;
      jacobian += Math.signum(z[i]) * Math.log1p(Math.abs(z[i]));
    }
    double var = 0;
    for (double v : t) {
      var += (v - mean) * (v - mean) / n;
    }
    if (!(var > 0) || !Double.isFinite(var)) {
      return Double.NEGATIVE_INFINITY;
    }
    return -0.5 * n * Math.log(var) + (lambda - 1) * jacobian;
  }
}
