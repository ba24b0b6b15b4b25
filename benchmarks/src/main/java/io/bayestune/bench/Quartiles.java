package io.bayestune.bench;

import java.util.Arrays;

/**
 * Median and quartiles of a sample, interpolating linearly between order statistics (Hyndman &amp;
 * Fan's type 7, the default of numpy.quantile and R's quantile), so the bench's numbers can be
 * recomputed from its raw CSV with either.
 *
 * @param n sample size
 */
public record Quartiles(double q1, double median, double q3, int n) {

  /** The quartiles of {@code values} (any order, at least one, none NaN). */
  public static Quartiles of(double[] values) {
    if (values.length == 0) {
      throw new IllegalArgumentException("quartiles: need at least one value, but got none");
    }
    double[] sorted = values.clone();
    Arrays.sort(sorted);
    if (Double.isNaN(sorted[sorted.length - 1])) {
      throw new IllegalArgumentException("quartiles: values must not be NaN; drop failed runs first");
    }
    return new Quartiles(quantile(sorted, 0.25), quantile(sorted, 0.5), quantile(sorted, 0.75), sorted.length);
  }

  /**
   * The p-quantile of sorted values: position h = (n - 1) p, interpolated between the two order
   * statistics around it.
   */
  public static double quantile(double[] sorted, double p) {
    if (p < 0 || p > 1) {
      throw new IllegalArgumentException("quantile: p must be in [0, 1], but got " + p);
    }
    double h = (sorted.length - 1) * p;
    int lo = (int) Math.floor(h);
    int hi = Math.min(lo + 1, sorted.length - 1);
    return sorted[lo] + (h - lo) * (sorted[hi] - sorted[lo]);
  }
}
