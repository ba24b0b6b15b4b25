package io.bayestune.optimizer.strategy;

import io.bayestune.optimizer.optim.MixedDomain;
import io.bayestune.optimizer.optim.SearchBox;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.stream.IntStream;

/**
 * Where a large experiment's local model lives: the {@code size} completed trials nearest to the best
 * one (Euclidean distance in the unit cube), and the box around the best trial that holds them,
 * widened by {@link #MARGIN} so that the search can step past the data.
 *
 * <p>The model is a Gaussian process on those neighbours alone: a local approximate GP in the sense
 * of Gramacy and Apley 2015 ("Local Gaussian process approximation for large computer experiments",
 * JCGS), with the nearest-neighbour design, so a suggestion costs O(size^3) whatever the number of
 * observations. Its acquisition is maximized inside the box only, the trust region of TuRBO
 * (Eriksson, Pearce, Gardner, Turner and Poloczek 2019, "Scalable global optimization via local
 * Bayesian optimization"): beyond its data a local model knows nothing, and its prior variance
 * there would draw the search away from the optimum. TuRBO grows and shrinks its region with
 * counters of successes and failures; here the region follows from the data alone, which makes the
 * rule replay exactly from saved state: as evaluations gather near the best point, its nearest
 * neighbours draw closer and the box shrinks; when better points appear at the edge, the centre moves
 * there.
 *
 * @param members indices into the completed trials, nearest first (the best trial is first)
 * @param box the trust region: continuous coordinates within the neighbours' reach, discrete ones whole
 */
record LocalRegion(int[] members, SearchBox box) {

  /** How far beyond the farthest neighbour (per coordinate, relative) the box reaches. */
  static final double MARGIN = 0.25;
  /** The smallest half-width of the box in a continuous coordinate (TuRBO's minimum side is 2^-7). */
  static final double MIN_HALF_WIDTH = 1.0 / 256;

  /**
   * @param x encoded completed trials (n x d)
   * @param value their values (larger is better), NaN for failed ones
   * @param size how many neighbours the model keeps
   */
  static LocalRegion around(double[][] x, double[] value, int size, MixedDomain domain) {
    int n = x.length;
    int best = -1;
    for (int i = 0; i < n; i++) {
      if (!Double.isNaN(value[i]) && (best < 0 || value[i] > value[best])) {
        best = i;
      }
    }
    if (best < 0) {
      throw new IllegalArgumentException("LocalRegion: needs a successful trial, but all " + n + " failed");
    }
    double[] center = x[best];
    double[] distance = new double[n];
    for (int i = 0; i < n; i++) {
      double s = 0;
      for (int k = 0; k < center.length; k++) {
        double diff = x[i][k] - center[k];
        s += diff * diff;
      }
      distance[i] = s;
    }
    int keep = Math.min(size, n);
    // Index order breaks ties, and the trials are in canonical order: the choice replays exactly.
    int[] members = IntStream.range(0, n).boxed()
        .sorted(Comparator.<Integer>comparingDouble(i -> distance[i]).thenComparingInt(i -> i))
        .limit(keep).mapToInt(Integer::intValue).toArray();
    int d = center.length;
    double[] lower = new double[d];
    double[] upper = new double[d];
    for (int k = 0; k < d; k++) {
      if (domain.kind(k) != MixedDomain.Kind.CONTINUOUS) {
        upper[k] = 1.0;
        continue;
      }
      double reach = 0;
      for (int i : members) {
        reach = Math.max(reach, Math.abs(x[i][k] - center[k]));
      }
      double half = Math.max(MIN_HALF_WIDTH, (1 + MARGIN) * reach);
      lower[k] = Math.max(0.0, center[k] - half);
      upper[k] = Math.min(1.0, center[k] + half);
    }
    return new LocalRegion(members, new SearchBox(lower, upper));
  }

  /**
   * This region searched in the cube of side {@code length} around the centre (the best trial) instead
   * of the neighbours' box, in the continuous coordinates (see {@link TrustRegionLength}): TuRBO's box,
   * which may reach past the neighbours while the side is large (and the prior's variance there then
   * draws some exploration), and concentrates the search once it shrinks.
   */
  LocalRegion limitedTo(double[] center, double length, MixedDomain domain) {
    double[] lower = box.lower().clone();
    double[] upper = box.upper().clone();
    for (int k = 0; k < center.length; k++) {
      if (domain.kind(k) == MixedDomain.Kind.CONTINUOUS) {
        double half = Math.max(MIN_HALF_WIDTH, length / 2);
        lower[k] = Math.max(0.0, center[k] - half);
        upper[k] = Math.min(1.0, center[k] + half);
      }
    }
    return new LocalRegion(members, new SearchBox(lower, upper));
  }

  /** Whether the continuous coordinates of x lie in the box. */
  boolean contains(double[] x) {
    double[] lower = box.lower();
    double[] upper = box.upper();
    for (int k = 0; k < x.length; k++) {
      if (x[k] < lower[k] || x[k] > upper[k]) {
        return false;
      }
    }
    return true;
  }

  /** The members' rows of {@code rows}. */
  <T> List<T> select(List<T> rows) {
    return Arrays.stream(members).mapToObj(rows::get).toList();
  }
}
