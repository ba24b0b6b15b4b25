package io.bayestune.optimizer.model;

/**
 * The mean of n values and the sum of their squared deviations from it, from which the sample standard
 * deviation sqrt(sum (v_i - mean)^2 / (n - 1)) follows (Bessel's correction, numpy's {@code std(ddof=1)}).
 * One place for what outcome standardization, the Yeo-Johnson warp, fold statistics and the report's
 * variance explained each computed.
 *
 * <pre>{@code
 * SampleMoments m = SampleMoments.of(y);
 * double scale = m.hasSpread() ? m.stddev() : 1.0;   // standardize, keeping a constant outcome's units
 * }</pre>
 *
 * <p>Two passes (mean, then squared deviations) rather than one running sum of squares, which cancels
 * catastrophically when the spread is small next to the mean (an AUC of 0.83 +- 1e-9). The mean accumulates
 * v_i / n, as the model code always did, so that moving it here left every fitted model bit for bit the same.
 *
 * @param count n, the number of values
 * @param mean the arithmetic mean (0 for no values, so that centering nothing changes nothing)
 * @param sumOfSquares sum (v_i - mean)^2
 */
public record SampleMoments(int count, double mean, double sumOfSquares) {

  /** The moments of {@code values} (any length). */
  public static SampleMoments of(double[] values) {
    int n = values.length;
    double mean = 0;
    for (double v : values) {
      mean += v / n;
    }
    double squares = 0;
    for (double v : values) {
      squares += (v - mean) * (v - mean);
    }
    return new SampleMoments(n, mean, squares);
  }

  /** The sample standard deviation sqrt(sumOfSquares / (n - 1)); 0 for fewer than two values. */
  public double stddev() {
    return count > 1 ? Math.sqrt(sumOfSquares / (count - 1)) : 0.0;
  }

  /**
   * Whether the values spread measurably: a standard deviation above 1e-12 relative to the mean's size
   * (at least 1). Below it the values are one value up to rounding, and dividing by their standard deviation
   * would amplify rounding noise into a signal.
   */
  public boolean hasSpread() {
    return stddev() > 1e-12 * Math.max(1.0, Math.abs(mean));
  }
}
