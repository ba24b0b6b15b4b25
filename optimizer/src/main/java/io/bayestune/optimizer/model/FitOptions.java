package io.bayestune.optimizer.model;

import io.bayestune.optimizer.kernel.KernelShape;

/**
 * How {@link GaussianProcessFitter#fit} searches for hyperparameters.
 *
 * @param restarts L-BFGS-B runs: one from the prior's mode, the rest from the best random draws
 * @param maxIterations L-BFGS-B iterations per run
 * @param candidateDraws random hyperparameter draws screened by their (cheap, gradient-free)
 *     objective to pick the restart points
 * @param maxFitPoints above this many observations, hyperparameters are fitted on a seeded random
 *     subset of this size (the model is then conditioned on all points)
 * @param minNoiseVariance lower bound of the fitted noise variance, relative to the outcome variance
 * @param shape the kernel's correlation as a function of the scaled distance (Matern-5/2 by default)
 */
public record FitOptions(int restarts, int maxIterations, int candidateDraws, int maxFitPoints,
    double minNoiseVariance, KernelShape shape) {

  public FitOptions {
    if (restarts < 1 || maxIterations < 0 || candidateDraws < 0 || maxFitPoints < 2) {
      throw new IllegalArgumentException("FitOptions: restarts >= 1, maxIterations >= 0, candidateDraws >= 0 and "
          + "maxFitPoints >= 2 required, but got " + restarts + ", " + maxIterations + ", " + candidateDraws + ", " + maxFitPoints);
    }
    if (!(minNoiseVariance > 0 && minNoiseVariance < 10)) {
      throw new IllegalArgumentException("FitOptions: minNoiseVariance must be in (0, 10), but got " + minNoiseVariance);
    }
    java.util.Objects.requireNonNull(shape, "shape");
  }

  /**
   * 3 restarts chosen among 16 draws, 100 iterations each, hyperparameters fitted on at most 128 points (a seeded
   * subset above that; was 250 until a cluster of 64-256 slots showed the fit on 129-250 points, 0.3-1.5 s of CPU per
   * suggestion, to be the slowest stretch of a large run: docs/benchmarks.md, "Scale"), noise >= 1e-9.
   */
  public static FitOptions defaults() {
    return new FitOptions(3, 100, 16, 128, 1e-9, KernelShape.MATERN52);
  }

  public FitOptions withRestarts(int r) {
    return new FitOptions(r, maxIterations, candidateDraws, maxFitPoints, minNoiseVariance, shape);
  }

  public FitOptions withMaxIterations(int m) {
    return new FitOptions(restarts, m, candidateDraws, maxFitPoints, minNoiseVariance, shape);
  }

  public FitOptions withCandidateDraws(int c) {
    return new FitOptions(restarts, maxIterations, c, maxFitPoints, minNoiseVariance, shape);
  }

  public FitOptions withMaxFitPoints(int m) {
    return new FitOptions(restarts, maxIterations, candidateDraws, m, minNoiseVariance, shape);
  }

  public FitOptions withShape(KernelShape s) {
    return new FitOptions(restarts, maxIterations, candidateDraws, maxFitPoints, minNoiseVariance, s);
  }
}
