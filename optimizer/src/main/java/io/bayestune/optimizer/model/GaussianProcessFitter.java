package io.bayestune.optimizer.model;

import io.bayestune.optimizer.optim.Lbfgsb;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import java.util.random.RandomGenerator;

/**
 * Fits GP hyperparameters by maximum a posteriori and conditions the GP on the data: a free
 * function beside the model, as BoTorch's {@code fit_gpytorch_mll}.
 *
 * <pre>
 *   theta* = argmax  log p(y | X, theta) + log p(theta)     theta = (log ell_1..d, log s2, log noise, log knownNoiseScale)
 * </pre>
 *
 * over the box of {@link HyperparameterPrior}, with the analytic gradient of
 * {@link MarginalLikelihood} and {@link Lbfgsb}. Restarts: one from the prior's mode, the others
 * from the best of {@link FitOptions#candidateDraws()} random draws (screened by value alone, which
 * costs one Cholesky each). A theta whose kernel matrix fails to factor scores -infinity, so the
 * line search steps back from it instead of failing.
 *
 * <p>Outcomes are standardized (mean 0, standard deviation 1; a constant or single outcome keeps
 * scale 1) so that the priors and bounds mean the same for every metric; predictions come back in
 * original units.
 *
 * <p>Large data: with more than {@link FitOptions#maxFitPoints()} observations, hyperparameters
 * are fitted on a random subset of that size (drawn with {@code rng}, so reproducible), and the
 * model is then conditioned on all points. The MAP hyperparameters of a few hundred points are
 * close to those of all points, while each likelihood evaluation costs (n_fit / n)^3 as much.
 *
 * <pre>{@code
 * GaussianProcess gp = GaussianProcessFitter.fit(x, y, null, FitOptions.defaults(), new SplittableRandom(seed));
 * }</pre>
 */
public final class GaussianProcessFitter {
  private static final System.Logger LOG = System.getLogger(GaussianProcessFitter.class.getName());

  private GaussianProcessFitter() {
  }

  /**
   * Fits hyperparameters and conditions on the data.
   *
   * @param x n x d points in the unit cube
   * @param y n outcomes (the optimizer maximizes them)
   * @param noiseVariance null to fit one homoscedastic noise level, or n known noise variances in
   *     squared units of y (value_stddev^2); NaN entries use the fitted level
   * @param options restarts, iterations and the subset size for large n
   * @param rng the only source of randomness: same inputs and seed give a bit-identical model
   * @throws IllegalArgumentException for empty, ragged or non-finite input
   * @throws IllegalStateException if even the best hyperparameters give a kernel matrix that is not
   *     positive definite with jitter (duplicate points with zero known noise)
   */
  public static GaussianProcess fit(double[][] x, double[] y, double[] noiseVariance, FitOptions options,
      RandomGenerator rng) {
    Objects.requireNonNull(options, "options");
    Objects.requireNonNull(rng, "rng");
    int d = validate(x, y, noiseVariance);
    int n = x.length;
    Standardized data = Standardized.of(y, noiseVariance);
    double mean = data.mean();
    double scale = data.scale();
    double[] yStandard = data.y();
    double[] knownNoise = data.knownNoise();

    int[] subset = subset(n, options.maxFitPoints(), rng);
    double[][] xFit = new double[subset.length][];
    double[] yFit = new double[subset.length];
    double[] noiseFit = new double[subset.length];
    for (int i = 0; i < subset.length; i++) {
      xFit[i] = x[subset[i]];
      yFit[i] = yStandard[subset[i]];
      noiseFit[i] = knownNoise[subset[i]];
    }
    MarginalLikelihood likelihood = new MarginalLikelihood(xFit, yFit, noiseFit, options.shape());
    HyperparameterPrior prior = HyperparameterPrior.defaults(d, options.minNoiseVariance(), likelihood.hasKnownNoise());
    double[] theta = maximizePosterior(likelihood, prior, options, rng);
    return data.condition(x, Hyperparameters.fromTheta(theta, mean, scale, options.shape()));
  }

  /**
   * Conditions on data with the kernel of hyperparameters fitted earlier (length scales, signal and noise
   * variances, known-noise scale, all in standardized units), standardizing these outcomes as {@link #fit}
   * would: what a refit that found the same kernel would give, without the fit. For refits on a schedule.
   *
   * @param noiseVariance as in {@link #fit}
   * @throws IllegalStateException if K is not positive definite even with jitter
   */
  public static GaussianProcess conditionWithKernel(double[][] x, double[] y, double[] noiseVariance,
      Hyperparameters kernel) {
    int d = validate(x, y, noiseVariance);
    if (d != kernel.dimension()) {
      throw new IllegalArgumentException("points have " + d + " coordinates but the kernel has "
          + kernel.dimension() + " length scales");
    }
    Standardized data = Standardized.of(y, noiseVariance);
    return data.condition(x, new Hyperparameters(kernel.lengthScales(), kernel.signalVariance(),
        kernel.noiseVariance(), kernel.knownNoiseScale(), data.mean(), data.scale(), kernel.shape()));
  }

  /** Outcomes standardized (mean 0, standard deviation 1) and known noise variances in the same units. */
  private record Standardized(double mean, double scale, double[] y, double[] knownNoise) {
    static Standardized of(double[] y, double[] noiseVariance) {
      int n = y.length;
      SampleMoments moments = SampleMoments.of(y);
      double mean = moments.mean();
      // A constant outcome (or a single one) has no scale to learn; 1 keeps its units.
      double scale = moments.hasSpread() ? moments.stddev() : 1.0;
      double[] yStandard = new double[n];
      double[] knownNoise = new double[n];
      for (int i = 0; i < n; i++) {
        yStandard[i] = (y[i] - mean) / scale;
        knownNoise[i] = noiseVariance == null ? Double.NaN : noiseVariance[i] / (scale * scale);
      }
      return new Standardized(mean, scale, yStandard, knownNoise);
    }

    GaussianProcess condition(double[][] x, Hyperparameters hyper) {
      double[] pointNoise = new double[y.length];
      for (int i = 0; i < y.length; i++) {
        pointNoise[i] = Double.isNaN(knownNoise[i]) ? hyper.noiseVariance() : knownNoise[i] * hyper.knownNoiseScale();
      }
      return GaussianProcess.condition(x, y, pointNoise, hyper);
    }
  }

  /**
   * Conditions a GP with the given hyperparameters on data, without fitting. With the
   * hyperparameters of a fitted model and its data plus extra points, this is what
   * {@link GaussianProcess#withObservations} computes incrementally.
   *
   * @param noiseVariance as in {@link #fit}; NaN entries (or null) use {@code hyper.noiseVariance()}
   * @throws IllegalStateException if K is not positive definite even with jitter
   */
  public static GaussianProcess condition(double[][] x, double[] y, double[] noiseVariance, Hyperparameters hyper) {
    int d = validate(x, y, noiseVariance);
    if (d != hyper.dimension()) {
      throw new IllegalArgumentException("points have " + d + " coordinates but the hyperparameters have "
          + hyper.dimension() + " length scales");
    }
    double c = hyper.outcomeScale();
    double[] yStandard = new double[y.length];
    double[] pointNoise = new double[y.length];
    for (int i = 0; i < y.length; i++) {
      yStandard[i] = (y[i] - hyper.outcomeMean()) / c;
      double known = noiseVariance == null ? Double.NaN : noiseVariance[i];
      pointNoise[i] = Double.isNaN(known) ? hyper.noiseVariance() : known * hyper.knownNoiseScale() / (c * c);
    }
    return GaussianProcess.condition(x, yStandard, pointNoise, hyper);
  }

  /** The MAP theta: L-BFGS-B from the prior's mode and from the best random draws. */
  static double[] maximizePosterior(MarginalLikelihood likelihood, HyperparameterPrior prior, FitOptions options,
      RandomGenerator rng) {
    int p = prior.size();
    double perPoint = 1.0 / likelihood.size();
    // Minimize the negative log posterior per point, so tolerances mean the same for every n.
    Lbfgsb.Options lbfgs = Lbfgsb.Options.defaults().withMaxIterations(options.maxIterations())
        .withTolerances(1e-5, 1e-9);
    double[] lower = prior.lowerBounds();
    double[] upper = prior.upperBounds();

    double[][] draws = new double[options.candidateDraws()][];
    double[] drawScores = new double[draws.length];
    Integer[] order = new Integer[draws.length];
    for (int i = 0; i < draws.length; i++) {
      draws[i] = prior.sample(rng);
      double value = likelihood.value(draws[i]) + prior.logDensity(draws[i], new double[p]);
      drawScores[i] = Double.isNaN(value) ? Double.NEGATIVE_INFINITY : value;
      order[i] = i;
    }
    Arrays.sort(order, (a, b) -> Double.compare(drawScores[b], drawScores[a])); // stable: ties keep draw order

    double[] best = prior.mode();
    double bestValue = Double.POSITIVE_INFINITY;
    Lbfgsb.Status bestStatus = null;
    List<Lbfgsb.Status> statuses = new ArrayList<>();
    for (int r = 0; r < options.restarts(); r++) {
      double[] start;
      if (r == 0) {
        start = prior.mode();
      } else if (r - 1 < draws.length && drawScores[order[r - 1]] > Double.NEGATIVE_INFINITY) {
        start = draws[order[r - 1]];
      } else {
        break;
      }
      Lbfgsb.Result result = Lbfgsb.minimize((theta, gradient) -> {
        double logLikelihood = likelihood.valueAndGradient(theta, gradient);
        if (logLikelihood == Double.NEGATIVE_INFINITY) {
          return Double.POSITIVE_INFINITY;
        }
        double value = logLikelihood + prior.logDensity(theta, gradient);
        for (int i = 0; i < gradient.length; i++) {
          gradient[i] *= -perPoint;
        }
        return -value * perPoint;
      }, start, lower, upper, lbfgs);
      statuses.add(result.status());
      if (Double.isFinite(result.value()) && result.value() < bestValue) {
        bestValue = result.value();
        best = result.x();
        bestStatus = result.status();
      }
    }
    if (bestStatus == null) {
      // The model still works with the prior's hyperparameters (conditioning adds jitter), but they were not
      // fitted to anything: say so, with why each restart stopped.
      LOG.log(System.Logger.Level.WARNING, "hyperparameter fit: no L-BFGS-B restart reached a finite log posterior"
          + " (n=" + likelihood.size() + ", statuses " + statuses + "); using the prior's mode instead. The kernel"
          + " matrix is singular at every hyperparameter tried: check for duplicate points observed with zero"
          + " noise (value_stddev 0)");
    } else if (bestStatus == Lbfgsb.Status.MAX_ITERATIONS || statuses.contains(Lbfgsb.Status.NON_FINITE_START)) {
      LOG.log(System.Logger.Level.DEBUG, "hyperparameter fit (n=" + likelihood.size() + "): best restart stopped"
          + " with " + bestStatus + "; all restarts: " + statuses);
    }
    return best;
  }

  /** All indices if n <= max, else a uniformly random subset of size max, in increasing order. */
  private static int[] subset(int n, int max, RandomGenerator rng) {
    int[] all = new int[n];
    for (int i = 0; i < n; i++) {
      all[i] = i;
    }
    if (n <= max) {
      return all;
    }
    for (int i = 0; i < max; i++) { // partial Fisher-Yates shuffle
      int j = i + rng.nextInt(n - i);
      int t = all[i];
      all[i] = all[j];
      all[j] = t;
    }
    int[] chosen = Arrays.copyOf(all, max);
    Arrays.sort(chosen);
    return chosen;
  }

  private static int validate(double[][] x, double[] y, double[] noiseVariance) {
    Objects.requireNonNull(x, "x");
    Objects.requireNonNull(y, "y");
    if (x.length == 0) {
      throw new IllegalArgumentException("x: a Gaussian process needs at least one observation, but got none; "
          + "suggest from a space-filling design first");
    }
    if (y.length != x.length) {
      throw new IllegalArgumentException("y has " + y.length + " outcomes for " + x.length + " points");
    }
    if (noiseVariance != null && noiseVariance.length != x.length) {
      throw new IllegalArgumentException("noiseVariance has " + noiseVariance.length + " entries for " + x.length + " points");
    }
    int d = x[0].length;
    if (d == 0) {
      throw new IllegalArgumentException("x[0]: points need at least one coordinate");
    }
    for (int i = 0; i < x.length; i++) {
      if (x[i].length != d) {
        throw new IllegalArgumentException("x[" + i + "] has " + x[i].length + " coordinates, x[0] has " + d);
      }
      for (int k = 0; k < d; k++) {
        if (!Double.isFinite(x[i][k])) {
          throw new IllegalArgumentException("x[" + i + "][" + k + "] must be finite, but got " + x[i][k]);
        }
      }
      if (!Double.isFinite(y[i])) {
        throw new IllegalArgumentException("y[" + i + "] must be finite, but got " + y[i]
            + "; report failed evaluations as failed instead");
      }
      if (noiseVariance != null && !(noiseVariance[i] >= 0 || Double.isNaN(noiseVariance[i]))) {
        throw new IllegalArgumentException("noiseVariance[" + i + "] must be >= 0 (or NaN for unknown), but got "
            + noiseVariance[i]);
      }
      if (noiseVariance != null && Double.isInfinite(noiseVariance[i])) {
        throw new IllegalArgumentException("noiseVariance[" + i + "] must be finite, but got " + noiseVariance[i]);
      }
    }
    return d;
  }
}
