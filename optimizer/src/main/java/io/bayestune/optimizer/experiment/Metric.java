package io.bayestune.optimizer.experiment;

/** The metric an experiment optimizes, with its direction ({@code objective} in SigOpt's spec). */
public record Metric(String name, Goal objective) {

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

  public Metric {
    if (name == null || name.isBlank()) {
      throw new IllegalArgumentException("metrics[0].name: must be a non-empty string, but got " + name);
    }
    if (objective == null) {
      objective = Goal.MAXIMIZE;
    }
  }

  /** True when {@code a} is a better value than {@code b} for this metric. */
  public boolean isBetter(double a, double b) {
    return objective.toMaximized(a) > objective.toMaximized(b);
  }
}
