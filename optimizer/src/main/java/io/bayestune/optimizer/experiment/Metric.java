package io.bayestune.optimizer.experiment;

/**
 * A metric of an experiment, in SigOpt's shape: its direction ({@code objective}), what the
 * optimizer does with it ({@code strategy}) and, for a constraint, the threshold it must meet.
 *
 * <p>A constraint metric with objective {@code maximize} is satisfied when its value is at least the
 * threshold; with {@code minimize}, when its value is at most the threshold (SigOpt's rule).
 *
 * @param threshold required for {@link Strategy#CONSTRAINT}, refused for the other strategies; else null
 */
public record Metric(String name, Goal objective, Strategy strategy, Double threshold) {

  /** Whether larger or smaller values are better. */
  public enum Goal {
    MAXIMIZE, MINIMIZE;

    /** The value turned so that larger is better, which is how the optimizer sees every metric. */
    public double toMaximized(double value) {
      return this == MAXIMIZE ? value : -value;
    }

    public String jsonName() {
      return name().toLowerCase(java.util.Locale.ROOT);
    }
  }

  /** What the optimizer does with a metric. */
  public enum Strategy {
    /** Optimized: one such metric is a single-objective experiment, two are a Pareto front. */
    OPTIMIZE,
    /** Modelled and required to meet its threshold; an observation that misses it is never best. */
    CONSTRAINT,
    /** Only recorded with each observation. */
    STORE;

    public String jsonName() {
      return name().toLowerCase(java.util.Locale.ROOT);
    }
  }

  /** The single optimized metric of a one-metric experiment. */
  public Metric(String name, Goal objective) {
    this(name, objective, Strategy.OPTIMIZE, null);
  }

  public Metric {
    if (name == null || name.isBlank()) {
      throw new IllegalArgumentException("metrics[0].name: must be a non-empty string, but got " + name);
    }
    if (objective == null) {
      objective = Goal.MAXIMIZE;
    }
    if (strategy == null) {
      strategy = Strategy.OPTIMIZE;
    }
    if (strategy == Strategy.CONSTRAINT && (threshold == null || !Double.isFinite(threshold))) {
      throw new IllegalArgumentException("metric '" + name + "': threshold: a constraint metric needs a finite"
          + " threshold, but got " + (threshold == null ? "none" : threshold) + "; add \"threshold\": <the least acceptable value>");
    }
    if (strategy != Strategy.CONSTRAINT && threshold != null) {
      throw new IllegalArgumentException("metric '" + name + "': threshold: only constraint metrics take a threshold,"
          + " but this one has strategy " + strategy.jsonName() + "; remove the threshold or set \"strategy\":"
          + " \"constraint\"");
    }
  }

  /** True when {@code a} is a better value than {@code b} for this metric. */
  public boolean isBetter(double a, double b) {
    return objective.toMaximized(a) > objective.toMaximized(b);
  }

  /**
   * How far {@code value} is inside this constraint's feasible side, larger is better: >= 0 when the
   * constraint holds. Only for constraint metrics.
   */
  public double slack(double value) {
    return objective.toMaximized(value) - objective.toMaximized(threshold);
  }

  /** True when {@code value} meets this constraint (a non-constraint metric is always met). */
  public boolean isMet(double value) {
    return strategy != Strategy.CONSTRAINT || slack(value) >= 0;
  }
}
