package io.bayestune.optimizer.strategy;

import io.bayestune.optimizer.acquisition.AcquisitionFunction;
import io.bayestune.optimizer.acquisition.FantasyLogExpectedImprovement;
import io.bayestune.optimizer.acquisition.LogExpectedImprovement;
import io.bayestune.optimizer.model.FitOptions;
import io.bayestune.optimizer.model.GaussianProcess;
import io.bayestune.optimizer.model.GaussianProcessFitter;
import io.bayestune.optimizer.model.Hyperparameters;
import io.bayestune.optimizer.model.YeoJohnson;
import io.bayestune.optimizer.space.Assignments;
import io.bayestune.optimizer.space.UnitCubeEncoding;
import java.util.ArrayList;
import java.util.List;
import java.util.random.RandomGenerator;

/**
 * The Gaussian process of one suggestion call: fitted to the completed trials, and the open points
 * it must account for. Under a believer policy {@code gp} is conditioned on each open point with its
 * believed outcome; under {@link BayesianStrategy.PendingPolicy#FANTASIES} it stays the fitted model
 * and {@link #acquisition} conditions sampled copies instead. Immutable; {@link #withPending}
 * returns a new state.
 *
 * @param incumbent the value to improve on: the best observed value, or with noisy observations
 *     the best posterior mean at an observed point
 * @param seedPoints encoded configurations worth starting the acquisition search from (the best few)
 * @param observed every completed configuration, encoded (failed ones too)
 * @param pending the open points, encoded, in the order they were added
 * @param noisy whether observations report noise or the model fitted a noise level of its own: then
 *     near-copies of evaluated points are not proposed (see {@link Resolution})
 * @param fitted the model of the completed trials alone, before any open point was believed: what
 *     the data say, for the exploiting suggestion of an asynchronous batch
 */
record ModelState(GaussianProcess gp, double incumbent, double worst, BayesianStrategy.PendingPolicy policy,
    double[][] seedPoints, double[][] observed, List<double[]> pending, boolean noisy, GaussianProcess fitted) {

  private static final int SEED_POINTS = 5;
  /**
   * Fantasies per acquisition: four antithetic pairs. The gain over a believer comes from keeping
   * some value near open points, which a handful of samples already does; more samples cost time
   * linearly (every acquisition evaluation predicts once per fantasy).
   */
  static final int FANTASIES = 8;
  static ModelState fit(History history, BayesianStrategy.PendingPolicy policy, FitOptions options) {
    return fit(history, policy, options, null);
  }

  /**
   * @param kernel hyperparameters fitted earlier to keep (see {@link HyperparameterSchedule}), or null to fit
   */
  static ModelState fit(History history, BayesianStrategy.PendingPolicy policy, FitOptions options,
      Hyperparameters kernel) {
    ModelState state = fitCompleted(history.encoding(), history.completed(), policy, options, history.random(-1),
        history.warpOutcomes(), kernel);
    for (Assignments open : history.open()) {
      state = state.withPending(history.encoding().encode(open));
    }
    return state;
  }

  /**
   * The local model of a large experiment: fitted to the region's members alone, and told of the
   * open points inside the region's box (the others cannot change the acquisition there much), all
   * of them in one block update: a believer's outcome is the posterior mean, and conditioning on an
   * observation equal to the mean leaves the mean unchanged, so adding them one by one or at once
   * gives the same model.
   */
  static ModelState fitLocal(History history, LocalRegion region, BayesianStrategy.PendingPolicy policy,
      FitOptions options, Hyperparameters kernel) {
    UnitCubeEncoding encoding = history.encoding();
    ModelState state = fitCompleted(encoding, region.select(history.completed()), policy, options,
        history.random(-1), history.warpOutcomes(), kernel);
    List<double[]> inside = new ArrayList<>();
    for (Assignments open : history.open()) {
      double[] x = encoding.encode(open);
      if (region.contains(x)) {
        inside.add(x);
      }
    }
    return state.withPending(inside);
  }

  private static ModelState fitCompleted(UnitCubeEncoding encoding, List<History.Trial> trials,
      BayesianStrategy.PendingPolicy policy, FitOptions options, RandomGenerator rng, boolean warpOutcomes,
      Hyperparameters kernel) {
    double worst = Double.POSITIVE_INFINITY;
    double bestObserved = Double.NEGATIVE_INFINITY;
    boolean anyNoise = false;
    for (History.Trial t : trials) {
      if (!t.failed()) {
        worst = Math.min(worst, t.value());
        bestObserved = Math.max(bestObserved, t.value());
        anyNoise |= !Double.isNaN(t.noiseStddev());
      }
    }
    int n = trials.size();
    // Known per-observation noise is in the metric's units; warping would have to carry it through
    // the transform's slope, so noisy histories keep the raw scale.
    // Outcome warping (see YeoJohnson) is an experiment option, so that the benchmarks can compare without it.
    YeoJohnson warp = anyNoise || !warpOutcomes ? null : YeoJohnson.fit(successValues(trials));
    if (warp != null) {
      worst = warp.apply(worst);
      bestObserved = warp.apply(bestObserved);
    }
    double[][] x = new double[n][];
    double[] y = new double[n];
    double[] noise = anyNoise ? new double[n] : null;
    for (int i = 0; i < n; i++) {
      History.Trial t = trials.get(i);
      x[i] = encoding.encode(t.assignments());
      y[i] = t.failed() ? worst : warp == null ? t.value() : warp.apply(t.value());
      if (noise != null) {
        noise[i] = Double.isNaN(t.noiseStddev()) || t.failed() ? Double.NaN : t.noiseStddev() * t.noiseStddev();
      }
    }
    // Kept hyperparameters take this model's kernel shape: the first local models past the switch keep the global
    // model's last fit (the schedule refits at the next multiple of its step) but use the local model's shape.
    GaussianProcess gp = kernel == null ? GaussianProcessFitter.fit(x, y, noise, options, rng)
        : GaussianProcessFitter.conditionWithKernel(x, y, noise, kernel.withShape(options.shape()));
    double incumbent = bestObserved;
    // The incumbent is a posterior mean only where noise matters to the model: reported noise at the
    // scale the model fitted for it (reports the data show to be far too wide leave the model exact).
    // Near-copies are refused whenever noise is reported at all (see Resolution), since even then a
    // near-copy of a seeded trial on fixed folds repeats its value.
    double largestNoise = 0;
    for (int i = 0; i < n; i++) {
      if (!trials.get(i).failed()) {
        double reported = noise == null ? Double.NaN : noise[i] * gp.hyperparameters().knownNoiseScale();
        largestNoise = Math.max(largestNoise, Double.isNaN(reported) ? gp.noiseVariance() : reported);
      }
    }
    boolean noiseMatters = largestNoise > 1e-4 * Math.max(gp.signalVariance(), 1e-12);
    if (noiseMatters) {
      incumbent = Double.NEGATIVE_INFINITY;
      for (int i = 0; i < n; i++) {
        if (!trials.get(i).failed()) {
          incumbent = Math.max(incumbent, gp.predict(x[i]).mean());
        }
      }
    }
    return new ModelState(gp, incumbent, worst, policy, bestPoints(x, y, trials), x, List.of(),
        anyNoise || noiseMatters, gp);
  }

  private static double[] successValues(List<History.Trial> trials) {
    return trials.stream().filter(t -> !t.failed()).mapToDouble(History.Trial::value).toArray();
  }

  private static double[][] bestPoints(double[][] x, double[] y, List<History.Trial> trials) {
    List<Integer> order = new ArrayList<>();
    for (int i = 0; i < x.length; i++) {
      if (!trials.get(i).failed()) {
        order.add(i);
      }
    }
    order.sort((a, b) -> Double.compare(y[b], y[a]));
    int k = Math.min(SEED_POINTS, order.size());
    double[][] seeds = new double[k][];
    for (int i = 0; i < k; i++) {
      seeds[i] = x[order.get(i)].clone();
    }
    return seeds;
  }

  /** The model with one more open point, believed according to the policy. */
  ModelState withPending(double[] point) {
    List<double[]> morePending = new ArrayList<>(pending);
    morePending.add(point.clone());
    if (policy == BayesianStrategy.PendingPolicy.FANTASIES) {
      return new ModelState(gp, incumbent, worst, policy, seedPoints, observed, List.copyOf(morePending), noisy,
          fitted);
    }
    double belief = policy == BayesianStrategy.PendingPolicy.KRIGING_BELIEVER ? gp.predict(point).mean() : worst;
    GaussianProcess conditioned = gp.withObservations(new double[][] {point}, new double[] {belief});
    return new ModelState(conditioned, incumbent, worst, policy, seedPoints, observed, List.copyOf(morePending),
        noisy, fitted);
  }

  /** The model with several more open points, believed at once (see {@link #fitLocal}). */
  ModelState withPending(List<double[]> points) {
    if (points.isEmpty()) {
      return this;
    }
    List<double[]> morePending = new ArrayList<>(pending);
    points.forEach(p -> morePending.add(p.clone()));
    if (policy == BayesianStrategy.PendingPolicy.FANTASIES) {
      return new ModelState(gp, incumbent, worst, policy, seedPoints, observed, List.copyOf(morePending), noisy,
          fitted);
    }
    double[][] xs = points.toArray(double[][]::new);
    double[] beliefs = new double[xs.length];
    if (policy == BayesianStrategy.PendingPolicy.KRIGING_BELIEVER) {
      double[][] predicted = gp.predictBatch(xs);
      for (int i = 0; i < xs.length; i++) {
        beliefs[i] = predicted[i][0];
      }
    } else {
      java.util.Arrays.fill(beliefs, worst);
    }
    return new ModelState(gp.withObservations(xs, beliefs), incumbent, worst, policy, seedPoints, observed,
        List.copyOf(morePending), noisy, fitted);
  }

  /**
   * The acquisition function for the next point: log EI of {@code gp}, or under the fantasy policy
   * with open points, log EI averaged over {@link #FANTASIES} joint samples of their outcomes.
   *
   * @param rng the suggestion's own generator, so the base samples (and the suggestion) replay exactly
   */
  AcquisitionFunction acquisition(RandomGenerator rng) {
    if (policy != BayesianStrategy.PendingPolicy.FANTASIES || pending.isEmpty()) {
      return new LogExpectedImprovement(gp, incumbent);
    }
    List<GaussianProcess> models = new ArrayList<>(FANTASIES);
    double[] incumbents = new double[FANTASIES];
    double[][] normals = new double[FANTASIES / 2][pending.size()];
    for (double[] row : normals) {
      for (int j = 0; j < row.length; j++) {
        row[j] = rng.nextGaussian();
      }
    }
    for (int k = 0; k < FANTASIES; k++) {
      double sign = k % 2 == 0 ? 1.0 : -1.0;
      double[] z = normals[k / 2];
      // Sequential conditioning samples the open points jointly (chain rule), one rank-1 update each;
      // an outcome includes the fitted noise, as a real observation there would.
      GaussianProcess fantasy = gp;
      double best = incumbent;
      for (int j = 0; j < pending.size(); j++) {
        double[] point = pending.get(j);
        var prediction = fantasy.predict(point);
        double outcome = prediction.mean()
            + sign * z[j] * Math.sqrt(Math.max(prediction.variance(), 0.0) + gp.noiseVariance());
        fantasy = fantasy.withObservations(new double[][] {point}, new double[] {outcome});
        best = Math.max(best, fantasy.predict(point).mean());
      }
      models.add(fantasy);
      incumbents[k] = best;
    }
    return new FantasyLogExpectedImprovement(models, incumbents);
  }
}
