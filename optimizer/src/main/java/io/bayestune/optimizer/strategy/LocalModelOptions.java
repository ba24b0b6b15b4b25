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
 * @param fit how the local model's hyperparameters are fitted (see {@link #fit(int)} for the kernel's shape)
 * @param maximizer how its acquisition is maximized: lighter than the global default, since a batch
 *     for a big cluster makes dozens of suggestions per call
 * @param trustRegion whether the search box is also limited to a cube whose side grows and shrinks with the
 *     search's successes and failures (see {@link TrustRegionLength}); without it, the neighbours' box alone
 * @param kernel the local model's kernel shape
 */
public record LocalModelOptions(int above, int points, FitOptions fit, AcquisitionMaximizer.Options maximizer,
    boolean trustRegion, LocalKernel kernel) {

  public LocalModelOptions {
    if (above < 2 || points < 2) {
      throw new IllegalArgumentException("LocalModelOptions: above and points must be at least 2, but got above="
          + above + ", points=" + points);
    }
    if (fit == null || maximizer == null || kernel == null) {
      throw new IllegalArgumentException("LocalModelOptions: fit, maximizer and kernel options are required");
    }
  }

  /**
   * Hyperparameters are fitted on a seeded random half of the neighbours: each likelihood evaluation
   * costs (128 / 256)^3 = 1/8 as much, and the MAP length scales of a region's half are close to
   * those of the whole region.
   */
  static final int FIT_POINTS = 128;

  /**
   * Spaces of more than this many encoded coordinates are high-dimensional: there the local model and its trust region
   * apply from the first model-based suggestion on, as in TuRBO, and its acquisition is maximized over candidates
   * that change a few coordinates of the best trial (see {@link #maximizer(int)}).
   *
   * <p>Why: measured on the high-dimensional suite (budget 500, batches of 16, seed 1; docs/benchmarks.md), one
   * global model throughout ended at regret 1.0e5 on Rosenbrock-30 and 192 on Levy-50, the global model up to 256
   * trials then the trust region at 148 on Levy-50, and the trust region from the start with the candidates below
   * at 1.3e3 and 83.
   */
  static final int HIGH_DIMENSION = 20;

  /** The value of {@link #above} that keeps the global model at every size, in every dimension. */
  private static final int NEVER = Integer.MAX_VALUE;

  /**
   * High-dimensional spaces: 2,048 candidates that each change about 10 coordinates of the best trial, and no
   * gradient refinement. Refining log EI by gradient moves every coordinate at once towards where the variance is
   * largest, the corners of the trust region, which undoes what the few-coordinate candidates are for: with it
   * (and 512 such candidates) Rosenbrock-30 ended at 4.5e4, without it at 1.3e3 (seed 1).
   */
  static final AcquisitionMaximizer.Options HIGH_DIMENSIONAL = new AcquisitionMaximizer.Options(512, 4, 0, 5, 32, 0.05,
      2048);
  /** As {@link #HIGH_DIMENSIONAL}, lighter, for the suggestions of a batch after its first few. */
  static final AcquisitionMaximizer.Options HIGH_DIMENSIONAL_TAIL = new AcquisitionMaximizer.Options(128, 2, 0, 5, 8,
      0.05, 512);

  /**
   * Local beyond 256 completed trials, on the 256 nearest to the best, its kernel chosen by dimension and bandwidth
   * ({@link LocalKernel#AUTO}).
   */
  public static LocalModelOptions defaults() {
    return of(256, 256, true, LocalKernel.AUTO);
  }

  /** The global model at every size (the behaviour before local models existed). */
  public static LocalModelOptions never() {
    return of(NEVER, 256, true, LocalKernel.MATERN52);
  }

  /** With the trust region and the default kernel. */
  public static LocalModelOptions of(int above, int points) {
    return of(above, points, true, LocalKernel.AUTO);
  }

  /** @param kernel the local model's kernel shape (the global model's is always the Matern-5/2) */
  public static LocalModelOptions of(int above, int points, boolean trustRegion, LocalKernel kernel) {
    return new LocalModelOptions(above, points,
        FitOptions.defaults().withMaxFitPoints(Math.min(points, FIT_POINTS)).withRestarts(2).withCandidateDraws(8),
        new AcquisitionMaximizer.Options(512, 4, 50, 5, 32, 0.05), trustRegion, kernel);
  }

  /** How the local model is fitted in a space of this many encoded coordinates: {@link #fit} with its kernel shape. */
  public FitOptions fit(int dimension) {
    return fit.withShape(kernel.shape(dimension));
  }

  /** These options for an experiment of this parallel bandwidth (see {@link LocalKernel#forBandwidth}). */
  public LocalModelOptions forBandwidth(int parallelBandwidth) {
    return new LocalModelOptions(above, points, fit, maximizer, trustRegion, kernel.forBandwidth(parallelBandwidth));
  }

  /**
   * The number of completed trials past which the local model is used: {@link #above}, or in a high-dimensional space
   * (see {@link #HIGH_DIMENSION}) the initial design's size when that is smaller, unless the local model is off
   * ({@link #never()}).
   *
   * @param dimension the encoded space's number of coordinates
   * @param initialDesign the number of space-filling suggestions before the model takes over
   */
  public int start(int dimension, int initialDesign) {
    return dimension > HIGH_DIMENSION && above != NEVER ? Math.min(above, Math.max(2, initialDesign)) : above;
  }

  /** How the acquisition of the local model is maximized in a space of this many encoded coordinates. */
  AcquisitionMaximizer.Options maximizer(int dimension) {
    return dimension > HIGH_DIMENSION ? HIGH_DIMENSIONAL : maximizer;
  }

  /**
   * How the local model's suggestions of a batch after its first few are searched: {@code lighter} (the global
   * model's tail), or in a high-dimensional space {@link #HIGH_DIMENSIONAL_TAIL}.
   */
  static AcquisitionMaximizer.Options tail(int dimension, AcquisitionMaximizer.Options lighter) {
    return dimension > HIGH_DIMENSION ? HIGH_DIMENSIONAL_TAIL : lighter;
  }
}
