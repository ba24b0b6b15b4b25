package io.bayestune.driver.model;

/** The mean of fold values and their sample standard deviation sqrt(sum (v_i - mean)^2 / (k - 1)). */
public final class FoldStatistics {
  private FoldStatistics() {
  }

  public static double mean(double[] values) {
    double sum = 0;
    for (double v : values) {
      sum += v;
    }
    return sum / values.length;
  }

  /** Needs at least two values. */
  public static double sampleStddev(double[] values) {
    double mean = mean(values);
    double squares = 0;
    for (double v : values) {
      squares += (v - mean) * (v - mean);
    }
    return Math.sqrt(squares / (values.length - 1));
  }
}
