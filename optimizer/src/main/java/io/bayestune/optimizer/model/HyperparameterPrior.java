package io.bayestune.optimizer.model;

import java.util.random.RandomGenerator;

/**
 * Log-normal priors and box bounds on the GP hyperparameters theta = (log ell_1..d, log s2,
 * log noise, log knownNoiseScale), in standardized outcome units.
 *
 * <ul>
 *   <li>Length scales: ell_i ~ LogNormal(sqrt2 + log(d) / 2, sqrt3), the dimension-scaled prior of
 *       Hvarfner, Hellsten and Nardi 2024, "Vanilla Bayesian optimization performs great in high
 *       dimensions" (ICML), BoTorch's default since 0.12. Scaling with sqrt(d) keeps the expected
 *       correlation between random points roughly constant as d grows, so high-dimensional
 *       problems start from smooth models instead of overfitting every point.</li>
 *   <li>Noise variance: noise ~ LogNormal(-4, 2), BoTorch's location for inferred noise with twice
 *       its spread: the mode is e^-8 = 3.4e-4 and the density at 1e-6 is still moderate, so an
 *       exact objective can be fitted as exact. With BoTorch's spread of 1 the prior held the
 *       noise near 1e-3 of the outcome variance on noiseless functions, which blurred every
 *       difference below a few thousandths of the outcome's spread: on Branin the suggestions
 *       near the optimum then drifted along its valley, and the median regret after 50
 *       evaluations was 2.0e-5; with spread 2 it is 8.3e-7, 10 of the 11 benchmark functions
 *       improve, and noisy data still fit noise of order 1 (docs/benchmarks.md).</li>
 *   <li>Signal variance: s2 ~ LogNormal(1, 1), whose mode is s2 = 1, the variance of
 *       standardized outcomes.</li>
 *   <li>Known-noise scale (only when some observations report value_stddev; otherwise fixed at
 *       1): LogNormal(1.5^2, 1.5), whose mode is 1, i.e. the reported noise taken at face value.
 *       Reported spreads are often not the noise that separates two configurations: the spread of
 *       k cross-validation folds includes how hard each fold is, which every configuration scored
 *       on the same folds shares, so comparisons between them are far less noisy than the spread
 *       says (a paired comparison). Taken literally, such noise makes the model smooth away real
 *       differences and keep re-proposing the same point. The wide prior lets the marginal
 *       likelihood shrink the scale when near-identical configurations agree much more closely
 *       than their reported spread, and grow it when the values scatter more.</li>
 * </ul>
 *
 * As in BoTorch, each density is a density of the parameter itself, so in theta = log(parameter)
 * the log prior is {@code -(theta - mu)^2 / (2 sigma^2) - theta} and its mode is
 * {@code mu - sigma^2} (for d = 12 the length-scale mode is exp(sqrt2 + log(12)/2 - 3) = 0.71).
 *
 * <p>Bounds: ell in [0.005, 1000], s2 in [1e-4, 100], noise in [floor, 10] with the floor from
 * {@link FitOptions#minNoiseVariance()} (1e-9 of the outcome variance by default); the Cholesky's
 * escalating jitter keeps K factorable when points nearly repeat.
 */
public final class HyperparameterPrior {

  private static final double SQRT2 = 1.41421356237309504880;
  private static final double SQRT3 = 1.73205080756887729353;

  private final int dimension;
  private final double[] mu;
  private final double[] sigma;
  private final double[] lower;
  private final double[] upper;

  private HyperparameterPrior(int dimension, double[] mu, double[] sigma, double[] lower, double[] upper) {
    this.dimension = dimension;
    this.mu = mu;
    this.sigma = sigma;
    this.lower = lower;
    this.upper = upper;
  }

  /**
   * The default priors and bounds for d input dimensions, with the given noise floor (standardized
   * units), and the known-noise scale fixed at 1.
   */
  public static HyperparameterPrior defaults(int dimension, double minNoiseVariance) {
    return defaults(dimension, minNoiseVariance, false);
  }

  /**
   * As {@link #defaults(int, double)}; {@code fitKnownNoiseScale} frees the known-noise scale
   * (pass true when some observations carry a reported noise).
   */
  public static HyperparameterPrior defaults(int dimension, double minNoiseVariance, boolean fitKnownNoiseScale) {
    if (dimension < 1) {
      throw new IllegalArgumentException("dimension must be >= 1, but got " + dimension);
    }
    if (!(minNoiseVariance > 0 && minNoiseVariance < 10)) {
      throw new IllegalArgumentException("minNoiseVariance must be in (0, 10), but got " + minNoiseVariance);
    }
    int p = dimension + 3;
    double[] mu = new double[p];
    double[] sigma = new double[p];
    double[] lower = new double[p];
    double[] upper = new double[p];
    for (int i = 0; i < dimension; i++) {
      mu[i] = SQRT2 + 0.5 * Math.log(dimension);
      sigma[i] = SQRT3;
      lower[i] = Math.log(0.005);
      upper[i] = Math.log(1000.0);
    }
    mu[dimension] = 1.0;
    sigma[dimension] = 1.0;
    lower[dimension] = Math.log(1e-4);
    upper[dimension] = Math.log(100.0);
    mu[dimension + 1] = -4.0;
    sigma[dimension + 1] = 2.0;
    lower[dimension + 1] = Math.log(minNoiseVariance);
    upper[dimension + 1] = Math.log(10.0);
    sigma[dimension + 2] = 1.5;
    mu[dimension + 2] = 1.5 * 1.5;
    lower[dimension + 2] = fitKnownNoiseScale ? Math.log(1e-4) : 0.0;
    upper[dimension + 2] = fitKnownNoiseScale ? Math.log(100.0) : 0.0;
    return new HyperparameterPrior(dimension, mu, sigma, lower, upper);
  }

  /** Number of hyperparameters, d + 3. */
  public int size() {
    return dimension + 3;
  }

  public double[] lowerBounds() {
    return lower.clone();
  }

  public double[] upperBounds() {
    return upper.clone();
  }

  /** The prior's mode in theta, clipped to the bounds: the first fitting start. */
  public double[] mode() {
    double[] theta = new double[size()];
    for (int i = 0; i < theta.length; i++) {
      theta[i] = clip(i, mu[i] - sigma[i] * sigma[i]);
    }
    return theta;
  }

  /**
   * A random start: each coordinate the mode plus a standard normal draw, clipped. Unit spread in
   * log space explores length scales over a factor e either way, which is where restarts matter
   * (the full prior spread, sqrt3, mostly proposes near-flat models in high dimensions).
   */
  public double[] sample(RandomGenerator rng) {
    double[] theta = mode();
    for (int i = 0; i < theta.length; i++) {
      if (lower[i] < upper[i]) { // a fixed coordinate draws nothing, so the other draws do not shift
        theta[i] = clip(i, theta[i] + rng.nextGaussian());
      }
    }
    return theta;
  }

  /** The log prior density at theta (up to a constant), adding its gradient to {@code gradientOut}. */
  public double logDensity(double[] theta, double[] gradientOut) {
    double sum = 0;
    for (int i = 0; i < theta.length; i++) {
      if (lower[i] == upper[i]) {
        continue; // fixed: its density is a constant, and its gradient must stay zero
      }
      double z = (theta[i] - mu[i]) / sigma[i];
      sum += -0.5 * z * z - theta[i];
      gradientOut[i] += -z / sigma[i] - 1.0;
    }
    return sum;
  }

  private double clip(int i, double v) {
    return Math.min(upper[i], Math.max(lower[i], v));
  }
}
