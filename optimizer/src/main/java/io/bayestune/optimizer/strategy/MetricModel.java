package io.bayestune.optimizer.strategy;

import io.bayestune.optimizer.model.FitOptions;
import io.bayestune.optimizer.model.GaussianProcess;
import io.bayestune.optimizer.model.GaussianProcessFitter;
import io.bayestune.optimizer.model.YeoJohnson;
import java.util.random.RandomGenerator;

/**
 * The Gaussian process of one metric of a multimetric experiment, on the same footing as the
 * one-metric model ({@link ModelState}): outcomes warped by {@link YeoJohnson} unless noise is
 * reported, failed trials at the worst outcome, open points believed at the posterior mean (kriging
 * believer). Outcomes are larger-is-better; a constraint's outcome is its slack (met when >= 0).
 *
 * @param gp the model, conditioned on the believed open points
 * @param warp the outcome transform, or null when outcomes stay raw (noise reported)
 * @param estimates per completed trial, what the model takes its outcome to be: the (warped) observed
 *     value when exact, the posterior mean at it when noise matters; failed trials at the worst
 * @param noisy whether noise was reported or fitted at a level that matters
 */
record MetricModel(GaussianProcess gp, YeoJohnson warp, double[] estimates, boolean noisy) {

  /**
   * @param x n x d encoded completed trials
   * @param outcomes n outcomes, NaN for failed trials
   * @param stddevs n standard deviations, NaN when unknown
   * @param warpOutcomes the experiment's option: warp outcomes (Yeo-Johnson) before fitting
   */
  static MetricModel fit(double[][] x, double[] outcomes, double[] stddevs, FitOptions options,
      RandomGenerator rng, boolean warpOutcomes) {
    int n = x.length;
    boolean anyNoise = false;
    int successes = 0;
    for (int i = 0; i < n; i++) {
      if (!Double.isNaN(outcomes[i])) {
        successes++;
        anyNoise |= !Double.isNaN(stddevs[i]);
      }
    }
    double[] ok = new double[successes];
    for (int i = 0, k = 0; i < n; i++) {
      if (!Double.isNaN(outcomes[i])) {
        ok[k++] = outcomes[i];
      }
    }
    // As in ModelState: known noise is in the metric's units, so noisy metrics keep the raw scale.
    YeoJohnson warp = anyNoise || !warpOutcomes ? null : YeoJohnson.fit(ok);
    double worst = Double.POSITIVE_INFINITY;
    for (double v : ok) {
      worst = Math.min(worst, warp == null ? v : warp.apply(v));
    }
    double[] y = new double[n];
    double[] noise = anyNoise ? new double[n] : null;
    for (int i = 0; i < n; i++) {
      boolean failed = Double.isNaN(outcomes[i]);
      y[i] = failed ? worst : warp == null ? outcomes[i] : warp.apply(outcomes[i]);
      if (noise != null) {
        noise[i] = failed || Double.isNaN(stddevs[i]) ? Double.NaN : stddevs[i] * stddevs[i];
      }
    }
    GaussianProcess gp = GaussianProcessFitter.fit(x, y, noise, options, rng);
    double largestNoise = 0;
    for (int i = 0; i < n; i++) {
      double reported = noise == null || Double.isNaN(noise[i]) ? gp.noiseVariance()
          : noise[i] * gp.hyperparameters().knownNoiseScale();
      largestNoise = Math.max(largestNoise, reported);
    }
    boolean noiseMatters = largestNoise > 1e-4 * Math.max(gp.signalVariance(), 1e-12);
    double[] estimates = y.clone();
    if (noiseMatters) {
      for (int i = 0; i < n; i++) {
        estimates[i] = gp.predict(x[i]).mean();
      }
    }
    return new MetricModel(gp, warp, estimates, anyNoise || noiseMatters);
  }

  /** {@code value} (a raw outcome, e.g. a constraint's slack 0) in the model's units. */
  double inModelUnits(double value) {
    return warp == null ? value : warp.apply(value);
  }

  /** The believed outcome at an open point: the posterior mean there. */
  double belief(double[] point) {
    return gp.predict(point).mean();
  }

  /** The model with an open point believed at its posterior mean. */
  MetricModel withPending(double[] point) {
    GaussianProcess conditioned = gp.withObservations(new double[][] {point}, new double[] {belief(point)});
    return new MetricModel(conditioned, warp, estimates, noisy);
  }
}
