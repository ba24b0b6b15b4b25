package io.bayestune.optimizer.strategy;

import io.bayestune.optimizer.model.FitOptions;
import io.bayestune.optimizer.optim.AcquisitionMaximizer;

/**
 * When and how a large experiment switches from one Gaussian process over every observation to a
 * local model around the best one (see {@link LocalRegion}).
 *
 * @param above the local model is used once more than this many trials are completed; below, the
 *     global model (the small-scale behaviour) is unchanged
 * @param points neighbours of the best trial the local model is fitted to
 * @param fit how the local model's hyperparameters are fitted
 * @param maximizer how its acquisition is maximized: lighter than the global default, since a batch
 *     for a big cluster makes dozens of suggestions per call
 * @param trustRegion whether the search box is also limited to a cube whose side grows and shrinks with the
 *     search's successes and failures (see {@link TrustRegionLength}); without it, the neighbours' box alone
 */
public record LocalModelOptions(int above, int points, FitOptions fit, AcquisitionMaximizer.Options maximizer,
    boolean trustRegion) {

  public LocalModelOptions {
    if (above < 2 || points < 2) {
      throw new IllegalArgumentException("LocalModelOptions: above and points must be at least 2, but got above="
          + above + ", points=" + points);
    }
    if (fit == null || maximizer == null) {
      throw new IllegalArgumentException("LocalModelOptions: fit and maximizer options are required");
    }
  }

  /**
   * Hyperparameters are fitted on a seeded random half of the neighbours: each likelihood evaluation
   * costs (128 / 256)^3 = 1/8 as much, and the MAP length scales of a region's half are close to
   * those of the whole region.
   */
  static final int FIT_POINTS = 128;

  /** Local beyond 256 completed trials, on the 256 nearest to the best. */
  public static LocalModelOptions defaults() {
    return of(256, 256);
  }

  /** The global model at every size (the behaviour before local models existed). */
  public static LocalModelOptions never() {
    return of(Integer.MAX_VALUE, 256);
  }

  /** With the trust region (the default). */
  public static LocalModelOptions of(int above, int points) {
    return of(above, points, true);
  }

  public static LocalModelOptions of(int above, int points, boolean trustRegion) {
    return new LocalModelOptions(above, points,
        FitOptions.defaults().withMaxFitPoints(Math.min(points, FIT_POINTS)).withRestarts(2).withCandidateDraws(8),
        new AcquisitionMaximizer.Options(512, 4, 50, 5, 32, 0.05), trustRegion);
  }

  /** Whether an experiment with this many completed trials uses the local model. */
  public boolean applies(int completed) {
    return completed > above;
  }
}
