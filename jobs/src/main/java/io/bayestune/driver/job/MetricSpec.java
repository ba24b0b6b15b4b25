package io.bayestune.driver.job;

/**
 * One metric of a job file: the {@code metric} block, or an entry of the {@code metrics:} list. For a
 * Spark ML estimator the direction comes from the evaluator ({@code isLargerBetter}) or, for the
 * built-ins, is to minimize; {@code objective} is only needed for a per-task objective's own metric,
 * where it defaults to {@code maximize}.
 *
 * @param name the metric, e.g. {@code areaUnderROC}, {@code rmse}, {@code recallByLabel}, or a built-in
 *     ({@code training_seconds}, {@code model_size_bytes})
 * @param objective {@code maximize}, {@code minimize}, or null when not given
 * @param strategy {@code optimize} (the default), {@code constraint} or {@code store}, as SigOpt's
 * @param threshold a constraint's threshold, else null
 * @param label for the multiclass evaluator's {@code ...ByLabel} metrics, the class (1.0 is the job's
 *     positive class); null for the others (Spark's default label 0.0 is never what a job means)
 */
public record MetricSpec(String name, String objective, String strategy, Double threshold, Double label) {

  /** A metric whose direction comes from its evaluator. */
  public MetricSpec(String name) {
    this(name, null);
  }

  /** The single optimized metric of a {@code metric} block. */
  public MetricSpec(String name, String objective) {
    this(name, objective, "optimize", null, null);
  }

  public MetricSpec {
    strategy = strategy == null ? "optimize" : strategy;
  }
}
