package io.bayestune.driver.job;

/**
 * The job file's {@code metric} block. For a Spark ML estimator the direction comes from the
 * evaluator ({@code isLargerBetter}); {@code objective} is only needed for a per-task objective's own
 * metric, where it defaults to {@code maximize}.
 *
 * @param name the metric, e.g. {@code areaUnderROC} or {@code rmse}
 * @param objective {@code maximize}, {@code minimize}, or null when not given
 */
public record MetricSpec(String name, String objective) {

  /** A metric whose direction comes from its evaluator. */
  public MetricSpec(String name) {
    this(name, null);
  }
}
