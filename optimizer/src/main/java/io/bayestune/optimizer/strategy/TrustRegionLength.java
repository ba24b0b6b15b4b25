package io.bayestune.optimizer.strategy;

import java.util.List;

/**
 * The side length of a large experiment's trust region, grown and shrunk as in TuRBO (Eriksson, Pearce,
 * Gardner, Turner and Poloczek 2019, "Scalable global optimization via local Bayesian optimization",
 * NeurIPS, Algorithm 1): it doubles after {@link #SUCCESSES} improving trials in a row, halves after
 * {@code failures} trials in a row that do not improve the best value, and when it falls below
 * {@link #MIN} (smaller than TuRBO's 2^-7, so that a smooth optimum is refined to more digits; on
 * Ackley-12 the two gave the same run) the region restarts at {@link #INITIAL}, around the best trial.
 *
 * <p>Why: the neighbours of the best trial alone set no useful region while the search still spreads
 * (measured on Ackley-12: the 256 nearest of 600 trials spanned 16-55 of its 65 periods per coordinate,
 * so the local model never resolved a basin, and batches scattered at 4-6 above the best found). A
 * length that shrinks while the search fails concentrates the trials, as CMA-ES's step size does.
 *
 * <p>TuRBO keeps the counters as mutable state; here they are replayed from the completed trials in the
 * order they were observed ({@link History#arrivals}), which the experiment's saved state keeps, so a
 * resumed experiment derives the same length and replays exactly. An improvement counts when it exceeds
 * {@link #TOLERANCE} of the spread of the values seen so far (TuRBO: of the best value), so that the
 * rule does not depend on the metric's offset or scale.
 */
final class TrustRegionLength {

  /** TuRBO's initial side, in the unit cube. */
  static final double INITIAL = 0.8;
  /** TuRBO's largest side. */
  static final double MAX = 1.6;
  /** Below this side the region restarts at {@link #INITIAL}. */
  static final double MIN = Math.pow(2, -10);
  /** Improving trials in a row that double the side. */
  static final int SUCCESSES = 3;
  /** An improvement counts when larger than this fraction of the spread of the values seen. */
  static final double TOLERANCE = 1e-3;

  private TrustRegionLength() {
  }

  /**
   * Failing trials in a row that halve the side: TuRBO halves after max(4, d) failed evaluations (in
   * batches, after one failed batch); here at least {@link #FAILURE_FLOOR}, since a cluster has dozens
   * in flight that were suggested before a shrink. Measured in batches of 64 (Ackley-12, seed 1): 32
   * ended at regret 1.97, 64 at 2.45.
   */
  static int failures(int dimension) {
    return Math.max(FAILURE_FLOOR, Math.max(4, dimension));
  }

  static final int FAILURE_FLOOR = 32;

  /** The side for this history, replayed from its arrivals from the switch to the local model on. */
  static State of(History history, int above) {
    return replay(arrivalValues(history.arrivals()), above, failures(history.encoding().dimension()));
  }

  /**
   * The side after replaying the trials from position {@code start} of the arrivals on.
   *
   * @param values the completed trials' values in arrival order (larger is better), NaN for failed ones
   * @param start the first position the region applies to (the switch to the local model); the trials
   *     before it only set the best value and the spread
   * @param failures failing trials in a row that halve the side
   */
  static State replay(double[] values, int start, int failures) {
    double best = Double.NEGATIVE_INFINITY;
    double worst = Double.POSITIVE_INFINITY;
    double length = INITIAL;
    int successRun = 0;
    int failureRun = 0;
    int restarts = 0;
    for (int i = 0; i < values.length; i++) {
      double v = values[i];
      boolean improved = !Double.isNaN(v) && v > best
          + (Double.isInfinite(best) ? 0.0 : TOLERANCE * Math.max(best - worst, 0.0));
      if (!Double.isNaN(v)) {
        best = Math.max(best, v);
        worst = Math.min(worst, v);
      }
      if (i < start) {
        continue;
      }
      if (improved) {
        failureRun = 0;
        if (++successRun == SUCCESSES) {
          length = Math.min(MAX, 2 * length);
          successRun = 0;
        }
      } else {
        successRun = 0;
        if (++failureRun == failures) {
          length /= 2;
          failureRun = 0;
          if (length < MIN) {
            length = INITIAL;
            restarts++;
          }
        }
      }
    }
    return new State(length, restarts);
  }

  /** The values of the trials in arrival order, larger is better, NaN for failed ones. */
  static double[] arrivalValues(List<History.Trial> arrivals) {
    return arrivals.stream().mapToDouble(t -> t.failed() ? Double.NaN : t.value()).toArray();
  }

  /**
   * @param length the side of the region in the unit cube
   * @param restarts how often it fell below {@link #MIN} and restarted
   */
  record State(double length, int restarts) {
  }
}
